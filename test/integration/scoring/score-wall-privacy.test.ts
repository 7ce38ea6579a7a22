import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthScore } from '../../../shared/scoring';
import { FakeClock } from '../../../server/clock';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../../support/server';
import { workOrderIntake } from '../../support/factories';
import type { WorkOrder } from '../../../shared/domain/work-order';

const REASON = '值班长张伟处置延误';
const JUDGED = '应派住建局-王芳';

/** Every actor and free-text field anywhere in a score's lines and causes. */
function peopleAndText(s: MonthScore): string[] {
  return s.blocks.flatMap((b) =>
    b.lines.flatMap((l) => [
      ...(l.reason ? [l.reason] : []),
      ...l.causes.flatMap((c) => [c.actor ?? '', String(c.detail.reason ?? ''), String(c.detail.note ?? '')]).filter(Boolean),
    ]),
  );
}

describe('the wall (public screen) gets the score without names or typed reasons', () => {
  let server: TestServer;
  let wall: TestClient;
  let lead: TestClient;
  const toWall: MonthScore[] = [];
  const toLead: MonthScore[] = [];

  beforeAll(async () => {
    server = await startTestServer({ clock: new FakeClock('2025-03-14T07:00:00Z') });
    wall = await connectClient({ url: server.url, headers: await server.headersFor('wall') });
    lead = await connectClient({ url: server.url, headers: await server.headersFor('lead') });
    wall.socket.on('score', (s) => toWall.push(s));
    lead.socket.on('score', (s) => toLead.push(s));

    let order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }]) {
      order = (await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { ...action, expectedVersion: order.version })).body;
    }
    expect((await server.api('POST', `/api/work-orders/${order.id}/judge-dispatch`, { expectedVersion: order.version, reason: JUDGED })).status).toBe(200);
    expect((await server.api('POST', '/api/score/deductions', { block: 'responderQuality', points: 5, reason: REASON })).status).toBe(201);
  });
  afterAll(async () => {
    wall.close();
    lead.close();
    await server.stop();
  });

  it('GET /api/score as the wall: same numbers, no user names, no reasons; a manager sees them', async () => {
    const full = (await server.api<MonthScore>('GET', '/api/score')).body;
    const redacted = (await server.api<MonthScore>('GET', '/api/score', undefined, await server.headersFor('wall'))).body;
    expect(peopleAndText(full)).toEqual(expect.arrayContaining(['admin-test', REASON, JUDGED]));
    expect(redacted.total).toBe(full.total);
    expect(redacted.daily).toEqual(full.daily);
    expect(peopleAndText(redacted)).toEqual([]);
    // Still traceable on the wall: which order, when.
    const cause = redacted.blocks.find((b) => b.block === 'dispatchAccuracy')!.lines[0].causes[0];
    expect(cause).toMatchObject({ what: 'wrongDispatch', actor: null });
    expect(JSON.stringify(redacted)).not.toContain(REASON);
    expect(JSON.stringify(redacted)).not.toContain('admin-test');
  });

  it('the pushed `score`: the wall socket gets the redacted one, a lead the reasons', async () => {
    const last = await eventually(() => {
      const w = toWall.at(-1)!;
      expect(w.total).toBe(80);
      expect(toLead.at(-1)!.total).toBe(80);
      return w;
    }, 1000);
    expect(JSON.stringify(last)).not.toContain(REASON);
    const manual = (s: MonthScore) => s.blocks.find((b) => b.block === 'responderQuality')!.lines.find((l) => l.rule === 'responder.serious')!;
    expect(manual(last).reason).toBeUndefined();
    expect(manual(toLead.at(-1)!).reason).toBe(REASON);
  });
});
