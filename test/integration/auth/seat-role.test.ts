import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../../support/factories';
import { startTestServer, type ErrorBody, type TestServer } from '../../support/server';
import type { EventEnvelope } from '../../../shared/events';
import type { Incident } from '../../../shared/domain/incident';
import type { Snapshot } from '../../../shared/board/state';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { UserView } from '../../../shared/auth/accounts';

const PHONE = '13911112222';

/**
 * The seat agent (坐席员) on a shift: takes the call, enters the order, files it or declines it,
 * merges a repeat caller, makes the 回访 call and records the 评价; sees the caller's number on the
 * board; but dispatches nothing and supervises nothing: those stay with the lead.
 */
describe('the seat role', () => {
  let server: TestServer;
  let seat: Record<string, string>;
  const asSeat = <T = unknown>(method: string, path: string, body?: unknown) => server.api<T>(method, path, body, seat);
  const act = async <T = WorkOrder>(id: string, body: Record<string, unknown>, headers?: Record<string, string>) => {
    const current = (await server.api<WorkOrder>('GET', `/api/work-orders/${id}`)).body;
    return server.api<T>('POST', `/api/work-orders/${id}/actions`, { ...body, expectedVersion: current.version }, headers);
  };

  beforeAll(async () => {
    server = await startTestServer();
    const created = await server.api<UserView>('POST', '/api/users', { username: 'seat-wang', password: 'seat-wang-password', role: 'seat' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    seat = await server.headersFor('seat', 'seat-wang');
    await onDutyResponder(server.api, 'R1');
  });
  afterAll(() => server?.stop());

  it('enters an order, files it, and the timeline names the seat agent', async () => {
    const entered = await asSeat<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ reporter: { name: '张先生', phone: PHONE } }));
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    const filed = await act(entered.body.id, { action: 'file' }, seat);
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    expect(filed.body.state).toBe('filed');
    const timeline = await asSeat<{ events: EventEnvelope[] }>('GET', `/api/work-orders/${entered.body.id}/events`);
    expect(timeline.body.events.map((e) => e.actor)).toEqual(['seat-wang', 'seat-wang']);
  });

  it('may not dispatch, suspend or supervise an order, nor dispatch an incident: 403 naming the action, nothing stored', async () => {
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    await act(order.id, { action: 'file' });
    for (const body of [{ action: 'dispatch', department: '城管局' }, { action: 'suspend', reason: '等待' }, { action: 'supervise' }]) {
      const refused = await act<ErrorBody>(order.id, body, seat);
      expect(refused.status, body.action).toBe(403);
      expect(refused.body.error.field).toBe('action');
    }
    expect((await server.api<WorkOrder>('GET', `/api/work-orders/${order.id}`)).body).toMatchObject({
      state: 'filed',
      supervised: false,
      version: order.version + 1,
    });

    const incident = (await server.api<Incident>('POST', '/api/incidents', incidentIntake())).body;
    const dispatch = await asSeat('POST', `/api/incidents/${incident.id}/actions`, {
      action: 'dispatch',
      expectedVersion: incident.version,
      responderId: 'R1',
    });
    expect(dispatch.status).toBe(403);
    expect((await server.api<Incident>('GET', `/api/incidents/${incident.id}`)).body.state).toBe('reported');
  });

  it('makes the 回访 call and records the 评价 once a lead has had the order handled', async () => {
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    for (const body of [{ action: 'file' }, { action: 'dispatch', department: '城管局' }, { action: 'handle' }])
      expect((await act(order.id, body)).status).toBe(200);
    expect((await act(order.id, { action: 'callback', note: '已电话回访' }, seat)).status).toBe(200);
    const evaluated = await act(order.id, { action: 'evaluate', satisfaction: 'satisfied' }, seat);
    expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
    expect(evaluated.body.satisfaction).toBe('satisfied');
  });

  it('sees the caller’s number on the board, where the wall does not', async () => {
    const seatBoard = await asSeat('GET', '/api/snapshot');
    const wallBoard = await server.api<Snapshot>('GET', '/api/snapshot', undefined, await server.headersFor('wall'));
    expect(seatBoard.status).toBe(200);
    expect(JSON.stringify(seatBoard.body)).toContain(PHONE);
    expect(JSON.stringify(wallBoard.body)).not.toContain(PHONE);
  });
});
