import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { workOrderIntake } from '../../support/factories';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { EventEnvelope } from '../../../shared/events';

/**
 * 延期 over National Day 2025. An order filed on Monday 2025-09-29 at 10:00 Beijing with 3 working
 * days is due on 10-10 at 10:00 (09-30, then the holiday 10-01…10-08, then 10-09 and 10-10).
 * A department asks for 3 more days; the lead grants 2: Saturday 10-11 is a 调休 make-up workday
 * and Sunday 10-12 is not, so the deadline becomes Monday 10-13 at 10:00.
 */
describe('延期: a department asks, a lead decides, the deadline moves by working days', () => {
  let server: TestServer;
  const clock = new FakeClock(new Date('2025-09-29T02:00:00Z'));
  let seat: Record<string, string>;
  const act = async <T = WorkOrder>(id: string, body: Record<string, unknown>, headers?: Record<string, string>) => {
    const current = (await server.api<WorkOrder>('GET', `/api/work-orders/${id}`)).body;
    return server.api<T>('POST', `/api/work-orders/${id}/actions`, { ...body, expectedVersion: current.version }, headers);
  };

  beforeAll(async () => {
    server = await startTestServer({ clock });
    seat = await server.headersFor('seat');
  });
  afterAll(() => server?.stop());

  it('a seat writes the request down, a lead grants fewer days, the deadline counts the make-up Saturday', async () => {
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    const filed = (await act(order.id, { action: 'file' })).body;
    expect(filed.handlingDeadline).toBe('2025-10-10T02:00:00.000Z');
    await act(order.id, { action: 'dispatch', department: '市政设施管理所' });

    clock.set(new Date('2025-10-09T01:00:00Z'));
    const requested = await act(order.id, { action: 'request-extension', days: 3, reason: '需更换整段管道，材料待采购' }, seat);
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    expect(requested.body.handlingDeadline).toBe('2025-10-10T02:00:00.000Z');
    expect(requested.body.timestamps.extensionRequested).toBe('2025-10-09T01:00:00.000Z');

    // One request at a time; the seat may not decide it.
    const again = await act<ErrorBody>(order.id, { action: 'request-extension', days: 1, reason: '再次申请' }, seat);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already waiting');
    expect((await act(order.id, { action: 'approve-extension', days: 3 }, seat)).status).toBe(403);

    const approved = await act(order.id, { action: 'approve-extension', days: 2 });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.handlingDeadline).toBe('2025-10-13T02:00:00.000Z');
    expect(approved.body.timestamps.extensionRequested).toBeUndefined();
    expect(approved.body.timestamps.extended).toBe('2025-10-09T01:00:00.000Z');

    const timeline = (await server.api<{ events: EventEnvelope[] }>('GET', `/api/work-orders/${order.id}/events`)).body.events;
    expect(timeline.slice(-2)).toMatchObject([
      { type: 'workOrder.extensionRequested', actor: 'seat-test', payload: { days: 3, reason: '需更换整段管道，材料待采购' } },
      { type: 'workOrder.extended', actor: 'admin-test', payload: { days: 2 } },
    ]);
  });

  it('a declined request leaves the deadline; nothing to decide without a request; days are bounded', async () => {
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    const filed = (await act(order.id, { action: 'file' })).body;
    const noRequest = await act<ErrorBody>(order.id, { action: 'approve-extension', days: 1 });
    expect(noRequest.status).toBe(409);
    expect(noRequest.body.error.message).toContain('no extension request');

    const zero = await act<ErrorBody>(order.id, { action: 'request-extension', days: 0, reason: '—' });
    expect(zero.status).toBe(400);
    expect(zero.body.error.field).toBe('days');

    await act(order.id, { action: 'request-extension', days: 5, reason: '天气原因' });
    const declined = await act(order.id, { action: 'decline-extension', reason: '可先临时处置' });
    expect(declined.status).toBe(200);
    expect(declined.body.handlingDeadline).toBe(filed.handlingDeadline);
    expect(declined.body.timestamps.extensionRequested).toBeUndefined();
    // Answered: a new request may be made.
    expect((await act(order.id, { action: 'request-extension', days: 1, reason: '补充材料' })).status).toBe(200);
  });
});
