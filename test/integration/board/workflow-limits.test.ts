import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { superviseOverdue } from '../../../server/commands/overdue-supervision';
import { workOrderIntake } from '../../support/factories';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import type { ContractSettings } from '../../../shared/settings';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { EventEnvelope } from '../../../shared/events';

/** Time limits of the workflow: 受理→立单, automatic 督办, the department directory. */
describe('work-order limits on the server', () => {
  let server: TestServer;
  const clock = new FakeClock(new Date('2025-03-14T02:00:00Z')); // Friday 10:00 Beijing
  const act = async <T = WorkOrder>(id: string, body: Record<string, unknown>) => {
    const current = (await server.api<WorkOrder>('GET', `/api/work-orders/${id}`)).body;
    return server.api<T>('POST', `/api/work-orders/${id}/actions`, { ...body, expectedVersion: current.version });
  };

  beforeAll(async () => {
    server = await startTestServer({ clock });
  });
  afterAll(() => server.stop());

  it('an order left in 已受理 past the filing limit, and a filed one past its deadline, get 督办 once, by the system', async () => {
    const waiting = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    const filed = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ priority: 'urgent' }))).body;
    await act(filed.id, { action: 'file' }); // urgent: 2 hours
    clock.advance(29 * 60_000);
    expect(await superviseOverdue(server.grid.ctx)).toBe(0);
    clock.advance(2 * 60_000); // 31 minutes in 已受理 (limit 30)
    expect(await superviseOverdue(server.grid.ctx)).toBe(1);
    expect((await server.api<WorkOrder>('GET', `/api/work-orders/${waiting.id}`)).body.supervised).toBe(true);
    clock.advance(90 * 60_000); // the urgent one is now 2 h 1 min after filing
    expect(await superviseOverdue(server.grid.ctx)).toBe(1);
    expect(await superviseOverdue(server.grid.ctx)).toBe(0);
    const timeline = (await server.api<{ events: EventEnvelope[] }>('GET', `/api/work-orders/${filed.id}/events`)).body.events;
    expect(timeline.at(-1)).toMatchObject({ type: 'workOrder.supervised', actor: 'system', payload: { automatic: true } });
  });

  it('a suspended order is not overdue while the clock is paused, and resumes with a later deadline', async () => {
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ priority: 'urgent' }))).body;
    const filed = (await act(order.id, { action: 'file' })).body;
    await act(order.id, { action: 'suspend', reason: '等待产权单位确认' });
    clock.advance(3 * 3_600_000);
    expect(await superviseOverdue(server.grid.ctx)).toBe(0);
    const resumed = (await act(order.id, { action: 'resume' })).body;
    expect(resumed.state).toBe('filed');
    expect(Date.parse(resumed.handlingDeadline!) - Date.parse(filed.handlingDeadline!)).toBe(3 * 3_600_000);
  });

  it('once the manager keeps a department directory, a dispatch must name one of its departments', async () => {
    const set = await server.api<ContractSettings>('POST', '/api/settings', { departments: ['市政设施管理所', '环卫处'] });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    await act(order.id, { action: 'file' });
    const refused = await act<ErrorBody>(order.id, { action: 'dispatch', department: '随便写的部门' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('department');
    expect((await act(order.id, { action: 'dispatch', department: '环卫处' })).status).toBe(200);
  });
});
