import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { startTestServer, type TestServer } from '../../support/server';
import { workOrderIntake } from '../../support/factories';
import type { MonthScore } from '../../../shared/scoring/types';
import type { WorkOrder } from '../../../shared/domain/work-order';

/** Moving the month's boundaries (the assessment month kind) refolds the log, once, and the score follows. */
describe('a settings change that moves the month boundaries', () => {
  let server: TestServer;
  beforeAll(async () => {
    // 14 March 2025, 15:00 Beijing time.
    server = await startTestServer({ clock: new FakeClock('2025-03-14T07:00:00Z') });
  });
  afterAll(() => server.stop());

  it('switching to contract months (20th → 19th) re-dates the month, keeps the facts, and settles', async () => {
    const created = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    let order = created;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }]) {
      order = (await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { ...action, expectedVersion: order.version })).body;
    }
    expect((await server.api('POST', `/api/work-orders/${order.id}/judge-dispatch`, { expectedVersion: order.version, reason: '应派住建局' })).status).toBe(
      200,
    );
    const calendar = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(calendar.month).toBe('2025-03');
    expect(calendar.total).toBe(85);

    expect((await server.api('POST', '/api/settings', { assessmentMonth: 'contract' })).status).toBe(200);
    // The contract month holding 14 March runs 20 February → 19 March; the wrong dispatch is in it.
    await expect.poll(async () => (await server.api<MonthScore>('GET', '/api/score')).body.daily![0].day, { timeout: 5000 }).toBe('2025-02-20');
    const contract = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(contract.settings.assessmentMonth).toBe('contract');
    expect(contract.daily![0].day).toBe('2025-02-20');
    expect(contract.total).toBe(85);
    // Settled: later events still count (a refold that never ends would drop or double them).
    const second = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    let o2 = second;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }]) {
      o2 = (await server.api<WorkOrder>('POST', `/api/work-orders/${o2.id}/actions`, { ...action, expectedVersion: o2.version })).body;
    }
    // 1 right of 2 = 50 %: 48 below 98 → −24, capped at 15 — unchanged; a right one of 2 does not lift it.
    await expect
      .poll(
        async () => (await server.api<MonthScore>('GET', '/api/score')).body.rates.find((r: { rate: string }) => r.rate === 'dispatchAccuracy')?.denominator,
        { timeout: 5000 },
      )
      .toBe(2);
  });

  it('after a restart, a log holding that change folds to the same month (read on, then folded once more)', async () => {
    const before = (await server.api<MonthScore>('GET', '/api/score')).body;
    await server.stop();
    await server.start();
    const after = (await server.api<MonthScore>('GET', '/api/score')).body;
    expect(after.daily![0].day).toBe('2025-02-20');
    expect([after.month, after.total, after.factCount]).toEqual([before.month, before.total, before.factCount]);
  });
});
