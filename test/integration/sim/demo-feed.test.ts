import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/board/state';
import { FakeClock } from '../../../server/clock';
import { startDemoFeed } from '../../../sim';
import { eventually, startTestServer, type TestServer } from '../../support/server';

/** The feed behind `npm start`: busy from the first glance, and it stops when asked. */
const START = new Date('2025-03-12T10:30:00+08:00');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock(START) });
});
afterAll(async () => {
  await server?.stop();
});

describe('demo feed', () => {
  it('lands the last two hours of orders at once, works them, and stops on request', async () => {
    // 600× real time on the server's fake clock: ten simulated minutes a real second.
    const feed = startDemoFeed({ baseUrl: server.url, cookie: server.headers.cookie, clock: server.clock, speed: 600, seed: 5 });
    const backdatedOrders = async () => {
      const snap = (await server.api<Snapshot>('GET', '/api/snapshot')).body;
      return { snap, orders: snap.workOrders.filter((o) => o.externalId.startsWith('DEMO-') && o.createdAt < START.toISOString()) };
    };
    // Seats pick the backlog up within a quarter of an hour (about 1.5 s here; more on a busy machine).
    await eventually(
      async () => {
        const { orders } = await backdatedOrders();
        expect(orders.length).toBeGreaterThan(100);
        expect(orders.filter((o) => o.state !== 'received').length).toBeGreaterThan(orders.length * 0.6);
      },
      20_000,
      100,
    );
    await feed.stop();
    const stoppedAt = (await server.api<{ seq: number }>('GET', '/api/health')).body.seq;

    const { snap, orders } = await backdatedOrders();
    // 08:30–10:30 at the demo's 1,800–2,400 a day is well over a hundred orders.
    expect(orders.length).toBeGreaterThan(100);
    for (const o of orders) expect(Date.parse(o.createdAt)).toBeGreaterThanOrEqual(START.getTime() - 2 * 3_600_000);
    expect(snap.staff.length).toBe(24);

    await new Promise((r) => setTimeout(r, 300));
    expect((await server.api<{ seq: number }>('GET', '/api/health')).body.seq).toBe(stoppedAt);
  });
});
