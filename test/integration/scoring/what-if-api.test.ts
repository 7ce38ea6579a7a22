import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhatIfView } from '../../../shared/scoring/what-if';
import { FakeClock } from '../../../server/clock';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import { workOrderIntake } from '../../support/factories';
import type { MonthScore } from '../../../shared/scoring/types';
import type { WorkOrder } from '../../../shared/domain/work-order';

describe('GET /api/score/what-if: the next mistake costs exactly what the real one then costs', () => {
  let server: TestServer;
  const cost = (view: WhatIfView, kind: string) => view.items.find((i) => i.kind === kind)!;
  const total = async () => (await server.api<MonthScore>('GET', '/api/score?month=2025-03')).body.total;
  const whatIf = async () => (await server.api('GET', '/api/score/what-if?month=2025-03')).body as WhatIfView;

  beforeAll(async () => {
    // 14 March 2025, 15:00 Beijing time.
    server = await startTestServer({ clock: new FakeClock('2025-03-14T07:00:00Z') });
  });
  afterAll(() => server.stop());

  async function dispatchedOrder(): Promise<{ id: string; version: number }> {
    let order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }]) {
      order = (await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { ...action, expectedVersion: order.version })).body;
    }
    return order;
  }

  it('a wrong dispatch: 4 right so far, the next wrong makes 4 of 5 (80 %) → 18 points below 98 % → 9 points', async () => {
    for (let i = 0; i < 4; i++) await dispatchedOrder();
    const before = await total();
    const view = await whatIf();
    expect(view.closed).toBe(false);
    expect(cost(view, 'wrongDispatch').points).toBe(9);
    // Then it happens for real: one more order dispatched, and the Center judges it wrong.
    const order = await dispatchedOrder();
    const judged = await server.api('POST', `/api/work-orders/${order.id}/judge-dispatch`, { expectedVersion: order.version, reason: '应派住建局' });
    expect(judged.status).toBe(200);
    expect(await total()).toBe(before - 9);
  });

  /** An order filed but not dispatched: checking its content moves only the quality rate. */
  async function filedOrder(): Promise<{ id: string; version: number }> {
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    return (await server.api<WorkOrder>('POST', `/api/work-orders/${order.id}/actions`, { action: 'file', expectedVersion: order.version })).body;
  }

  it('a failed quality check costs what the what-if said; headroom and the range come with it', async () => {
    const order = await filedOrder();
    await server.api('POST', `/api/work-orders/${order.id}/quality-check`, { passed: true });
    const view = await whatIf();
    const predicted = cost(view, 'failedQualityCheck');
    const before = await total();
    // 1 of 1 passed; the next failure makes 1 of 2 (50 %): 48 points below → 24 → the block's 15.
    expect(predicted.points).toBe(15);
    expect(predicted.yuan).toBeGreaterThan(0);
    const other = await filedOrder();
    expect((await server.api('POST', `/api/work-orders/${other.id}/quality-check`, { passed: false, reason: '地址不全' })).status).toBe(201);
    expect(await total()).toBeCloseTo(before - predicted.points, 9);

    expect(view.headroom.map((h) => h.kind).sort()).toEqual(['failedQualityCheck', 'missedCallback', 'wrongDispatch']);
    expect(view.projection.low).toBeLessThanOrEqual(view.projection.mid);
    expect(view.projection.high).toBeGreaterThanOrEqual(view.projection.mid);
  });

  it('the wall may read it (numbers only); a bad month is named; a month that is over costs nothing more', async () => {
    const wall = await server.api('GET', '/api/score/what-if', undefined, await server.headersFor('wall'));
    expect(wall.status).toBe(200);
    expect(JSON.stringify(wall.body)).not.toMatch(/admin|lead|manager|actor/);
    expect((await server.api<ErrorBody>('GET', '/api/score/what-if?month=2025-13')).body.error.field).toBe('month');
    const past = (await server.api('GET', '/api/score/what-if?month=2025-02')).body as WhatIfView;
    expect(past.closed).toBe(true);
    expect(past.items.every((i) => i.points === 0)).toBe(true);
  });
});
