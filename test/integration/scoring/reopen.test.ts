import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { EventEnvelope } from '../../../shared/events';
import type { MonthScore } from '../../../shared/scoring';
import { FakeClock } from '../../../server/clock';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../../support/server';
import { workOrderIntake } from '../../support/factories';

/**
 * 返工 (reopen) through the API: a lead sends a called-back order back to handling with a reason
 * code; the event is logged (the wall gets it without the note); 返工率 moves on /api/score, and the
 * callback rate counts the order once however many times it is handled and called back.
 */
describe('返工: sending a handled order back to handling', () => {
  let server: TestServer;
  let wall: TestClient;
  let a: WorkOrder;
  const NOTE = '群众反映井盖仍松动-返工备注';

  const march = async () => (await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body;
  const callbackRate = (s: MonthScore) => s.rates.find((r) => r.rate === 'callbackRate')!;
  async function act(o: WorkOrder, ...steps: Record<string, unknown>[]): Promise<WorkOrder> {
    for (const step of steps) {
      const res = await server.api<WorkOrder>('POST', `/api/work-orders/${o.id}/actions`, { ...step, expectedVersion: o.version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      o = res.body;
    }
    return o;
  }
  const received = async () => (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;

  beforeAll(async () => {
    server = await startTestServer({ clock: new FakeClock('2025-03-14T03:00:00Z') });
    wall = await connectClient({ url: server.url, headers: await server.headersFor('wall') });
    // A: handled and called back. B: handled, waiting for its callback.
    a = await act(await received(), { action: 'file' }, { action: 'dispatch', department: '城管局' }, { action: 'handle' }, { action: 'callback' });
    await act(await received(), { action: 'file' }, { action: 'dispatch', department: '城管局' }, { action: 'handle' });
  });
  afterAll(async () => {
    wall.close();
    await server.stop();
  });

  it('before: no rework (0 ÷ 2 handled), callbacks 1 ÷ 2, closed 1 ÷ 2', async () => {
    const s = await march();
    expect(s.kpis!.reworkRate).toEqual({ numerator: 0, denominator: 2, percent: 0 });
    expect(s.kpis!.closureRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(callbackRate(s)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('is a lead’s action, needs a reason code from the list and the current version', async () => {
    const seat = await server.headersFor('seat');
    const bySeat = await server.api(
      'POST',
      `/api/work-orders/${a.id}/actions`,
      { action: 'reopen', reasonCode: 'not_resolved', expectedVersion: a.version },
      seat,
    );
    expect(bySeat.status).toBe(403);
    const noReason = await server.api('POST', `/api/work-orders/${a.id}/actions`, { action: 'reopen', expectedVersion: a.version });
    expect(noReason.status).toBe(400);
    const stale = await server.api('POST', `/api/work-orders/${a.id}/actions`, {
      action: 'reopen',
      reasonCode: 'not_resolved',
      expectedVersion: a.version - 1,
    });
    expect(stale.status).toBe(409);
    expect((await server.api<WorkOrder>('GET', `/api/work-orders/${a.id}`)).body).toMatchObject({ state: 'called_back', reopenCount: 0 });
  });

  it('sends A back to 处置中: one event with the reason and the note (not on the wall); 返工率 1 ÷ 2, A is due no callback until handled again', async () => {
    server.clock.set('2025-03-14T05:00:00Z');
    a = await act(a, { action: 'reopen', reasonCode: 'citizen_dissatisfied', note: NOTE });
    expect(a).toMatchObject({ state: 'in_progress', reopenCount: 1 });
    const { events } = (await server.api<{ events: EventEnvelope[] }>('GET', `/api/work-orders/${a.id}/events`)).body;
    const reopened = events.filter((e) => e.type === 'workOrder.reopened');
    expect(reopened).toHaveLength(1);
    expect(reopened[0].payload).toMatchObject({ reopen: { reason: 'citizen_dissatisfied', from: 'called_back' }, note: NOTE });
    // The wall hears of it (the order is back in handling) but never reads the note.
    const onWall = await eventually(() => {
      const e = wall.received.find((x) => x.type === 'workOrder.reopened');
      expect(e).toBeDefined();
      return e!;
    }, 2000);
    expect(JSON.stringify(onWall)).not.toContain(NOTE);

    const s = await march();
    expect(s.kpis!.reworkRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    // A is no longer closed (结案 1 → 0), and its callback is withdrawn with its 办结: B only, not called back → 0 ÷ 1.
    expect(s.kpis!.closureRate).toEqual({ numerator: 0, denominator: 2, percent: 0 });
    expect(callbackRate(s)).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('handled and called back again, A is still one order: handled 2, reworked 1, callbacks 1 ÷ 2; a restart agrees', async () => {
    server.clock.set('2025-03-14T06:00:00Z');
    a = await act(a, { action: 'handle' }, { action: 'callback' });
    const s = await march();
    expect(s.kpis!.reworkRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(s.kpis!.closureRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(callbackRate(s)).toMatchObject({ numerator: 1, denominator: 2 });
    // Counted twice, A would make it 2 ÷ 3: the count is kept on the order and in the log alike.
    await server.stop();
    await server.start();
    const after = await march();
    expect(after.kpis).toEqual(s.kpis);
    expect(callbackRate(after)).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await server.api<WorkOrder>('GET', `/api/work-orders/${a.id}`)).body.reopenCount).toBe(1);
  });
});
