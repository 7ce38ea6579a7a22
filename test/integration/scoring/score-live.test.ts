import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthScore } from '../../../shared/scoring';
import { FakeClock } from '../../../server/clock';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer, type ErrorBody } from '../../support/server';
import { workOrderIntake } from '../../support/factories';
import type { ContractSettings } from '../../../shared/settings';
import type { EquipmentFault } from '../../../shared/scoring/score-events';
import type { ManualDeduction } from '../../../shared/scoring/score-events';
import type { WorkOrder } from '../../../shared/domain/work-order';

const block = (s: MonthScore, id: string) => s.blocks.find((b) => b.block === id)!;

describe('live score: facts in, `score` pushed to screens, same as GET /api/score', () => {
  let server: TestServer;
  let client: TestClient;
  let pushed: MonthScore[];

  beforeAll(async () => {
    // 14 March 2025, 15:00 Beijing time.
    server = await startTestServer({ clock: new FakeClock('2025-03-14T07:00:00Z') });
    client = await connectClient(server);
    pushed = [];
    client.socket.on('score', (s) => pushed.push(s));
  });
  afterAll(async () => {
    client.close();
    await server.stop();
  });

  async function dispatchedOrder(): Promise<{ id: string; version: number }> {
    const created = await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake());
    let order = created.body;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }]) {
      const res = await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { ...action, expectedVersion: order.version });
      expect(res.status).toBe(200);
      order = res.body;
    }
    return order;
  }

  it('a dispatch judged wrong by the Center moves the pushed score, and it equals the API’s', async () => {
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await dispatchedOrder());
    const judged = await server.api<WorkOrder>('POST', `/api/work-orders/${orders[0].id}/judge-dispatch`, {
      expectedVersion: orders[0].version,
      reason: '应派住建局',
    });
    expect(judged.status).toBe(200);
    expect(judged.body.wrongDispatchCount).toBe(1);

    // 3 of 4 dispatches right = 75 %: 23 points below 98 % → 11.5 off the 15 of dispatch accuracy.
    const live = await eventually(() => {
      const last = pushed.at(-1)!;
      expect(block(last, 'dispatchAccuracy').deducted).toBe(11.5);
      return last;
    }, 1000);
    const api = await server.api<MonthScore>('GET', '/api/score?month=2025-03');
    expect(api.status).toBe(200);
    expect(live.total).toBe(api.body.total);
    expect(api.body.total).toBe(88.5);
    const line = block(api.body, 'dispatchAccuracy').lines[0];
    expect(line.causes[0]).toMatchObject({ what: 'wrongDispatch', id: orders[0].id, actor: 'admin-test', detail: { by: 'center', reason: '应派住建局' } });

    // The same dispatch cannot be counted wrong twice.
    const again = await server.api('POST', `/api/work-orders/${orders[0].id}/judge-dispatch`, { expectedVersion: judged.body.version, reason: 'x' });
    expect(again.status).toBe(409);
  });

  it('an invalid command is refused with the field named, and stores and pushes nothing', async () => {
    // A push the previous test's reads scheduled (pushes are coalesced over 100 ms) lands first.
    await new Promise((r) => setTimeout(r, 250));
    const before = (await server.api<{ seq: number }>('GET', '/api/health')).body.seq;
    const pushes = pushed.length;
    const bad = await server.api<ErrorBody>('POST', '/api/score/deductions', { block: 'responderQuality', points: 20, reason: '超范围' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid', field: 'points' });
    const unknown = await server.api<ErrorBody>('POST', '/api/equipment-faults', { equipment: '电脑', colour: 'red' });
    expect(unknown.body.error.field).toBe('colour');
    await new Promise((r) => setTimeout(r, 250));
    expect((await server.api<{ seq: number }>('GET', '/api/health')).body.seq).toBe(before);
    expect(pushed.length).toBe(pushes);
  });

  it('manual deductions keep their revisions; only a manager may enter them', async () => {
    const lead = await server.headersFor('lead');
    const refused = await server.api('POST', '/api/score/deductions', { block: 'logistics', points: 2, reason: '断网' }, lead);
    expect(refused.status).toBe(403);

    const entered = await server.api<ManualDeduction>('POST', '/api/score/deductions', { block: 'logistics', points: 2, reason: '断网半天' });
    expect(entered.status).toBe(201);
    const revised = await server.api<ManualDeduction>('POST', `/api/score/deductions/${entered.body.id}/revise`, {
      expectedRevision: 1,
      points: 3,
      reason: '复核后加重',
    });
    expect(revised.body).toMatchObject({ revision: 2, points: 3 });
    const stale = await server.api('POST', `/api/score/deductions/${entered.body.id}/revise`, { expectedRevision: 1, points: 1, reason: 'x' });
    expect(stale.status).toBe(409);

    const score = (await server.api<MonthScore>('GET', '/api/score')).body;
    const line = block(score, 'logistics').lines.find((l) => l.subject === entered.body.id)!;
    expect(line).toMatchObject({ points: 3, revisions: 2 });
    expect(line.causes.map((c) => c.detail.points)).toEqual([2, 3]);
    expect(score.total).toBe(88.5 - 3);
  });

  it('an equipment fault unrepaired for 9 h costs a point; repaired it stays counted', async () => {
    const fault = await server.api<EquipmentFault>('POST', '/api/equipment-faults', { equipment: '坐席电话', description: '无法外呼' });
    expect(fault.status).toBe(201);
    server.clock.advance(9 * 3_600_000);
    const open = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(block(open, 'logistics').lines.find((l) => l.rule === 'logistics.unrepairedFault')?.count).toBe(1);
    const repaired = await server.api('POST', `/api/equipment-faults/${fault.body.id}/repair`, { expectedVersion: 1 });
    expect(repaired.status).toBe(200);
    const twice = await server.api('POST', `/api/equipment-faults/${fault.body.id}/repair`, { expectedVersion: 2 });
    expect(twice.status).toBe(409);
    expect(block((await server.api<MonthScore>('GET', '/api/score')).body, 'logistics').deducted).toBe(4);
  });

  it('a settings change is a manager’s event and applies to the month in force (started-point mode)', async () => {
    const lead = await server.headersFor('lead');
    expect((await server.api('POST', '/api/settings', { pointMode: 'started_point' }, lead)).status).toBe(403);
    const changed = await server.api('POST', '/api/settings', { pointMode: 'started_point' });
    expect(changed.status).toBe(200);
    expect((await server.api<ContractSettings>('GET', '/api/settings')).body.pointMode).toBe('started_point');
    // 75 %: 23 points below either way (whole points), so the dispatch deduction stays 11.5.
    const s = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(s.settings.pointMode).toBe('started_point');
    expect(block(s, 'dispatchAccuracy').deducted).toBe(11.5);
  });

  it('month close: provisional and live after its last day, closed by a manager, reopened on record, every revision kept', async () => {
    // 1 April 09:00 Beijing: March is over but provisional. A handled order waiting for its callback…
    server.clock.set('2025-03-31T12:00:00Z'); // 20:00 on the 31st
    let order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }, { action: 'start' }, { action: 'handle' }]) {
      order = (await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { ...action, expectedVersion: order.version })).body;
    }
    server.clock.set('2025-04-01T01:00:00Z');
    const before = (await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body;
    expect(before).toMatchObject({ status: 'provisional', closesAt: '2025-04-09T16:00:00.000Z' });
    const pendingCallbacks = before.rates.find((r) => r.rate === 'callbackRate')!;
    // …is called back at 09:00 on the 1st: March changes at once, nobody presses anything.
    const called = await server.api('POST', `/api/work-orders/${order.id}/actions`, { action: 'callback', expectedVersion: order.version });
    expect(called.status).toBe(200);
    const after = (await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body;
    expect(after.rates.find((r) => r.rate === 'callbackRate')!.numerator).toBe(pendingCallbacks.numerator + 1);
    expect(after.status).toBe('provisional');

    // An open month cannot be closed; a lead cannot close; the manager closes March.
    expect((await server.api('POST', '/api/score/2025-04/close', {})).status).toBe(409);
    expect((await server.api('POST', '/api/score/2025-03/close', {}, await server.headersFor('lead'))).status).toBe(403);
    const closed = await server.api<MonthScore>('POST', '/api/score/2025-03/close', {});
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', total: after.total, revisions: [{ revision: 1, closedBy: 'admin-test', auto: false }] });
    expect((await server.api('POST', '/api/score/2025-03/close', {})).status).toBe(409);

    // A deduction dated in March does not move the closed month…
    const late = await server.api('POST', '/api/score/deductions', {
      block: 'responderQuality',
      points: 5,
      reason: '延误处置',
      occurredAt: '2025-03-20T10:00:00+08:00',
    });
    expect(late.status).toBe(201);
    expect((await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body.total).toBe(after.total);
    // …until a manager reopens it, with a reason (none: 400 naming the field).
    const noReason = await server.api<ErrorBody>('POST', '/api/score/2025-03/reopen', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    const reopened = await server.api<MonthScore>('POST', '/api/score/2025-03/reopen', { reason: '甲方补录扣分' });
    expect(reopened.body).toMatchObject({ status: 'provisional', total: after.total - 5 });
    expect(reopened.body.revisions![0]).toMatchObject({ revision: 1, total: after.total, reopenedBy: 'admin-test', reopenReason: '甲方补录扣分' });
    const again = (await server.api<MonthScore>('POST', '/api/score/2025-03/close', {})).body;
    expect(again.revisions!.map((r) => [r.revision, r.total])).toEqual([
      [1, after.total],
      [2, after.total - 5],
    ]);
    // April starts clean, with March in the contract year.
    const april = (await server.api<MonthScore>('GET', '/api/score?month=2025-04')).body;
    expect(april.quarter.months.map((m) => m.month)).toEqual(['2025-04']);
    expect(april.termination.months.map((m) => m.month)).toContain('2025-03');
    expect((await server.api('GET', '/api/score?month=2025-13')).status).toBe(400);
  });

  it('a month nobody closes closes itself at 00:00 on the 10th of the next month, recorded as the system', async () => {
    // April gets a fact (a fault now, on 1 April); nobody closes April; on 10 May 00:00 Beijing it closes itself.
    const fault = await server.api('POST', '/api/equipment-faults', { equipment: '打印机', delaysWork: false });
    expect(fault.status).toBe(201);
    server.clock.set('2025-05-09T15:59:00Z');
    expect((await server.api<MonthScore>('GET', '/api/score?month=2025-04')).body.status).toBe('provisional');
    server.clock.set('2025-05-09T16:00:00Z');
    // Two screens asking at once: the second read comes while the first is writing the close.
    const [april, alongside] = await Promise.all([1, 2].map(async () => (await server.api<MonthScore>('GET', '/api/score?month=2025-04')).body));
    expect(april.status).toBe('closed');
    expect(alongside.status).toBe('closed');
    expect(april.revisions).toMatchObject([{ revision: 1, closedBy: 'system', auto: true }]);
  });

  it('frozen months and facts survive a restart', async () => {
    await server.stop();
    await server.start();
    const march = (await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body;
    expect(march.status).toBe('closed');
    expect(march.revisions).toHaveLength(2);
    // 1 wrong of 5 dispatches (the callback order made the fifth) = 80 %: 18 points below 98 % → 9.
    expect(block(march, 'dispatchAccuracy').deducted).toBe(9);
    expect((await server.api<ContractSettings>('GET', '/api/settings')).body.pointMode).toBe('started_point');
  });
});
