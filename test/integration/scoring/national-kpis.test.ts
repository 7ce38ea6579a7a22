import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { MonthScore, NationalKpis } from '../../../shared/scoring';
import { FakeClock } from '../../../server/clock';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../../support/server';
import { workOrderIntake } from '../../support/factories';

/**
 * The live score carries the month's national indicators (KPI_TABLE): pushed to the wall with its
 * three numbers each, moved by time as well as by events, frozen with a closed month, read again
 * from the store when the month is reopened, and the same after a restart.
 */
describe('national KPIs in the live score', () => {
  let server: TestServer;
  let wall: TestClient;
  const wallPushes: MonthScore[] = [];
  let c: WorkOrder;

  const march = async () => (await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body;
  async function act(o: WorkOrder, ...steps: Record<string, unknown>[]): Promise<WorkOrder> {
    for (const step of steps) {
      const res = await server.api<WorkOrder>('POST', `/api/work-orders/${o.id}/actions`, { ...step, expectedVersion: o.version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      o = res.body;
    }
    return o;
  }
  const received = async (headers?: Record<string, string>) => (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake(), headers)).body;

  beforeAll(async () => {
    // 14 March 2025, 15:00 Beijing time.
    server = await startTestServer({ clock: new FakeClock('2025-03-14T07:00:00Z') });
    wall = await connectClient({ url: server.url, headers: await server.headersFor('wall') });
    wall.socket.on('score', (s: MonthScore) => wallPushes.push(s));
    // A: handled, called back, evaluated 满意. B: reassigned (改派) then handled. C: filed, not due yet.
    await act(
      await received(),
      { action: 'file' },
      { action: 'dispatch', department: '城管局' },
      { action: 'handle' },
      { action: 'callback' },
      { action: 'evaluate', satisfaction: 'satisfied' },
    );
    await act(
      await received(),
      { action: 'file' },
      { action: 'dispatch', department: '城管局' },
      { action: 'reassign', department: '住建局' },
      { action: 'handle' },
    );
    c = await act(await received(), { action: 'file' });
    // A replayed order (history through a historical intake key) is training data: outside, as in the score.
    const key = await server.api<{ token: string }>('POST', '/api/api-keys', { name: 'replay', role: 'intake', historical: true });
    const replayed = await received({ 'x-api-key': key.body.token, cookie: '' });
    expect(replayed.replayed).toBe(true);
    await act(replayed, { action: 'file' }, { action: 'dispatch', department: '城管局' }, { action: 'handle' });
  });
  afterAll(async () => {
    wall.close();
    await server.stop();
  });

  it('counts the month’s orders by the table, and the wall gets the same numbers and nothing else', async () => {
    const s = await march();
    // 按期处置率: A and B handled by their deadlines, C not due → 2 ÷ 2. 结案率: A of A, B, C filed → 1 ÷ 3.
    // 返工率: B's reassignment is not rework → 0 ÷ 2 handled. 满意率: A → 1 ÷ 1. The replayed order is in none.
    expect(s.kpis).toEqual({
      onTimeRate: { numerator: 2, denominator: 2, percent: 100 },
      closureRate: { numerator: 1, denominator: 3, percent: 33.3333 },
      reworkRate: { numerator: 0, denominator: 2, percent: 0 },
      satisfactionRate: { numerator: 1, denominator: 1, percent: 100 },
    } satisfies NationalKpis);
    const pushed = await eventually(() => {
      expect(wallPushes.at(-1)?.kpis).toEqual(s.kpis);
      return wallPushes.at(-1)!;
    }, 2000);
    for (const k of Object.values(pushed.kpis!)) expect(Object.keys(k).sort()).toEqual(['denominator', 'numerator', 'percent']);
  });

  it('time moves them with no event: C past its deadline unhandled is late (2 ÷ 3), and the wall is told', async () => {
    server.clock.set(new Date(Date.parse(c.handlingDeadline!) + 60_000).toISOString());
    expect(server.clock.now().toISOString() < '2025-03-31T16:00:00Z').toBe(true);
    expect((await march()).kpis!.onTimeRate).toEqual({ numerator: 2, denominator: 3, percent: 66.6667 });
    await eventually(() => expect(wallPushes.at(-1)?.kpis?.onTimeRate.denominator).toBe(3), 2000);
  });

  it('a closed month keeps the figures it closed with; reopened, it reads its orders again; a restart keeps them', async () => {
    server.clock.set('2025-04-01T01:00:00Z');
    const closed = (await server.api<MonthScore>('POST', '/api/score/2025-03/close', {})).body;
    expect(closed.kpis!.reworkRate).toEqual({ numerator: 0, denominator: 2, percent: 0 });
    // C is handled in April (late): March's frozen figures do not move…
    c = await act(c, { action: 'dispatch', department: '城管局' }, { action: 'handle' });
    expect((await march()).kpis).toEqual(closed.kpis);
    // …until a manager reopens March: its orders are read again, C now handled (late) → 3 handled.
    const reopened = (await server.api<MonthScore>('POST', '/api/score/2025-03/reopen', { reason: '补录' })).body;
    expect(reopened.kpis!.reworkRate).toEqual({ numerator: 0, denominator: 3, percent: 0 });
    expect(reopened.kpis!.onTimeRate).toEqual({ numerator: 2, denominator: 3, percent: 66.6667 });
    // Events after the reopen fold in as usual: C called back → closed 2 ÷ 3.
    c = await act(c, { action: 'callback' });
    const live = (await march()).kpis!;
    expect(live.closureRate).toEqual({ numerator: 2, denominator: 3, percent: 66.6667 });

    await server.stop();
    await server.start();
    expect((await march()).kpis).toEqual(live);
  });
});
