import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthScore } from '../../../shared/scoring';
import { FakeClock } from '../../../server/clock';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../../support/server';

describe('daily score series: served by GET /api/score and pushed with `score`', () => {
  let server: TestServer;
  let client: TestClient;
  const pushed: MonthScore[] = [];

  beforeAll(async () => {
    // 14 March 2025, 15:00 Beijing time: the server has just started, no screen saw days 1–13.
    server = await startTestServer({ clock: new FakeClock('2025-03-14T07:00:00Z') });
    client = await connectClient(server);
    client.socket.on('score', (s) => pushed.push(s));
  });
  afterAll(async () => {
    client.close();
    await server.stop();
  });

  it('a deduction dated day 3 shows from day 3 on, every day up to today present; the push equals the API', async () => {
    const entered = await server.api('POST', '/api/score/deductions', {
      block: 'responderQuality',
      points: 5,
      reason: '处置延误造成严重后果',
      occurredAt: '2025-03-03T09:00:00+08:00',
    });
    expect(entered.status).toBe(201);
    const live = await eventually(() => {
      const last = pushed.at(-1)!;
      expect(last.total).toBe(95);
      return last;
    }, 1000);
    const api = (await server.api('GET', '/api/score?month=2025-03')).body as MonthScore;
    expect(api.daily).toHaveLength(14);
    expect(api.daily!.map((d) => d.total)).toEqual([100, 100, ...Array<number>(12).fill(95)]);
    expect(api.daily![2]).toEqual({ day: '2025-03-03', total: 95 });
    expect(live.daily).toEqual(api.daily);
  });

  it('the next day adds a point to the series without any screen having been on', async () => {
    server.clock.advance(86_400_000);
    await server.api('POST', '/api/equipment-faults', { equipment: '打印机', delaysWork: false });
    const live = await eventually(() => {
      const last = pushed.at(-1)!;
      expect(last.daily).toHaveLength(15);
      return last;
    }, 1000);
    const api = (await server.api('GET', '/api/score')).body as MonthScore;
    expect(live.daily).toEqual(api.daily);
    expect(api.daily!.at(-1)).toEqual({ day: '2025-03-15', total: api.total });
  });
});
