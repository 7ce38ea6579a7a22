import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthScore } from '../../../shared/scoring';
import { FakeClock } from '../../../server/clock';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import { workOrderIntake } from '../../support/factories';
import type { ContractSettings } from '../../../shared/settings';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import type { OperationsAnalysis } from '../../../shared/reports/operations-analysis';

const dispatchBlock = (s: MonthScore) => s.blocks.find((b) => b.block === 'dispatchAccuracy')!;

/**
 * History replayed through an intake key made for historical data is training data: its orders
 * are tagged, and their dispatches and judgments stay out of the month's score until a manager
 * says they count.
 */
describe('replayed orders are tagged and kept apart from the real month’s score', () => {
  let server: TestServer;
  let replayKey: Record<string, string>;
  /** Replayed orders received so far (all in March 2025). */
  let replayedReceived = 0;

  beforeAll(async () => {
    // 14 March 2025, 15:00 Beijing time.
    server = await startTestServer({ clock: new FakeClock('2025-03-14T07:00:00Z') });
    const key = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: 'replay-2025-03', role: 'intake', historical: true });
    expect(key.status).toBe(201);
    replayKey = { 'x-api-key': key.body.token, cookie: '' };
  });
  afterAll(() => server.stop());

  /** Received (by `headers`), filed, dispatched; then judged wrong by the Center when `wrong`. */
  async function dispatched(headers: Record<string, string>, wrong: boolean) {
    const created = await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ receivedAt: '2025-03-14T06:00:00Z' }), headers);
    expect(created.status).toBe(201);
    if (created.body.replayed) replayedReceived++;
    let order = created.body;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }]) {
      order = (await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { ...action, expectedVersion: order.version })).body;
    }
    if (wrong) {
      const judged = await server.api('POST', `/api/work-orders/${order.id}/judge-dispatch`, { expectedVersion: order.version, reason: '应派住建局' });
      expect(judged.status).toBe(200);
    }
    return created.body;
  }

  it('a replayed order says so, also as the store reads it back; a live one does not', async () => {
    const replayed = await dispatched(replayKey, false);
    const live = await dispatched({}, false);
    expect(replayed.replayed).toBe(true);
    expect(live.replayed).toBeUndefined();
    expect((await server.api<WorkOrder>('GET', `/api/work-orders/${replayed.id}`)).body.replayed).toBe(true);
    expect((await server.api<WorkOrder>('GET', `/api/work-orders/${live.id}`)).body.replayed).toBeUndefined();
  });

  it('the operations analysis leaves replayed orders out as the score does, until the manager counts them', async () => {
    const total = async () => (await server.api<OperationsAnalysis>('GET', '/api/reports/operations?month=2025-03')).body.total;
    const replayed = await dispatched(replayKey, false);
    const before = await total();
    // A live order adds one; a replayed one nothing.
    await dispatched({}, false);
    await dispatched(replayKey, false);
    expect(await total()).toBe(before + 1);

    expect((await server.api('POST', '/api/settings', { scoreReplayedOrders: true })).status).toBe(200);
    // Every replayed order of the month counts now: this one and those of the tests above.
    expect(replayed.replayed).toBe(true);
    expect(await total()).toBe(before + 1 + replayedReceived);
    expect((await server.api('POST', '/api/settings', { scoreReplayedOrders: false })).status).toBe(200);
    expect(await total()).toBe(before + 1);
  });

  it('a replayed wrong dispatch costs nothing; counted on the manager’s word, it costs what the contract says', async () => {
    // Live: 1 right (above). Replayed: 1 right (above) and 3 wrong.
    for (let i = 0; i < 3; i++) await dispatched(replayKey, true);
    const real = (await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body;
    expect(dispatchBlock(real).deducted).toBe(0);
    expect(real.total).toBe(100);

    expect((await server.api('POST', '/api/settings', { scoreReplayedOrders: true })).status).toBe(200);
    // All 5 dispatches: 2 right = 40 %, 58 points below 98 % → −29, capped at the block's 15.
    await expect.poll(async () => dispatchBlock((await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body).deducted, { timeout: 3000 }).toBe(15);

    expect((await server.api('POST', '/api/settings', { scoreReplayedOrders: false })).status).toBe(200);
    await expect.poll(async () => (await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body.total, { timeout: 3000 }).toBe(100);
  });

  it('the setting is validated like every other: a wrong type names the field and changes nothing', async () => {
    const bad = await server.api<ErrorBody>('POST', '/api/settings', { scoreReplayedOrders: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('scoreReplayedOrders');
    expect((await server.api<ContractSettings>('GET', '/api/settings')).body.scoreReplayedOrders).toBe(false);
  });
});
