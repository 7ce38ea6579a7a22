import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../../support/factories';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { CreatedApiKey } from '../../../shared/auth/accounts';

/**
 * Every time a client supplies is bounded: at most a few minutes ahead of the server clock (skew),
 * at most 72 h old. A refused time is a 400 naming the field and stores nothing. History is
 * replayed with an intake key made for it.
 */
describe('time bounds on client-supplied times', () => {
  let server: TestServer;
  const iso = (offsetMs: number) => new Date(server.clock.now().getTime() + offsetMs).toISOString();
  const H = 3_600_000;

  beforeAll(async () => {
    server = await startTestServer();
    await onDutyResponder(server.api.bind(server), 'RESP-T');
  });
  afterAll(() => server.stop());

  const refused = async (path: string, body: unknown, field: string, headers: Record<string, string> = {}) => {
    const before = await server.store.countEvents();
    const res = await server.api<ErrorBody>('POST', path, body, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(await server.store.countEvents()).toBe(before);
  };

  it('a position stamped 9999, 10 min ahead or 4 days old is refused; it cannot freeze the responder', async () => {
    await refused('/api/responders/RESP-T/position', { lat: 45.6, lng: 84.9, at: '9999-12-31T00:00:00Z' }, 'at');
    await refused('/api/responders/RESP-T/position', { lat: 45.6, lng: 84.9, at: iso(10 * 60_000) }, 'at');
    await refused('/api/responders/RESP-T/position', { lat: 45.6, lng: 84.9, at: iso(-96 * H) }, 'at');
    expect((await server.api('POST', '/api/responders/RESP-T/position', { lat: 45.61, lng: 84.91, at: iso(60_000) })).status).toBe(200);
    server.clock.advance(2 * 60_000);
    const later = await server.api('POST', '/api/responders/RESP-T/position', { lat: 45.62, lng: 84.92 });
    expect(later.body).toMatchObject({ lat: 45.62, lng: 84.92 });
  });

  it('an order received in 0001 or 9999 is refused for a person and an ordinary intake key', async () => {
    // cookie '' drops the harness's admin session: the key alone speaks.
    const intake = { ...(await server.headersFor('intake')), cookie: '' };
    for (const receivedAt of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', iso(-73 * H), iso(6 * 60_000)]) {
      await refused('/api/work-orders', workOrderIntake({ receivedAt }), 'receivedAt');
      await refused('/api/work-orders', workOrderIntake({ receivedAt }), 'receivedAt', intake);
    }
    expect((await server.api('POST', '/api/work-orders', workOrderIntake({ receivedAt: iso(-2 * H) }), intake)).status).toBe(201);
  });

  it('an incident reported in the future, or a fault reported 4 days ago, is refused', async () => {
    await refused('/api/incidents', incidentIntake({ reportedAt: iso(H) }), 'reportedAt');
    await refused('/api/equipment-faults', { equipment: '坐席电话', reportedAt: iso(-96 * H) }, 'reportedAt');
  });

  it('a shift more than a year ahead or two months back is refused', async () => {
    await refused('/api/shifts', { staffId: 'RESP-T', start: iso(400 * 24 * H), end: iso(400 * 24 * H + 8 * H) }, 'start');
    await refused('/api/shifts', { staffId: 'RESP-T', start: iso(-70 * 24 * H), end: iso(-70 * 24 * H + 8 * H) }, 'start');
    expect((await server.api('POST', '/api/shifts', { staffId: 'RESP-T', start: iso(30 * 24 * H), end: iso(30 * 24 * H + 8 * H) })).status).toBe(201);
  });

  it('an intake key made for history may replay old orders, never future ones', async () => {
    const created = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: 'sf311-replay', role: 'intake', historical: true });
    expect(created.status).toBe(201);
    expect(created.body.historical).toBe(true);
    const replay = { 'x-api-key': created.body.token, cookie: '' };
    const old = await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ receivedAt: '2019-06-01T08:00:00Z' }), replay);
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    expect(old.body.createdAt).toBe('2019-06-01T08:00:00.000Z');
    await refused('/api/work-orders', workOrderIntake({ receivedAt: '9999-12-31T23:59:59Z' }), 'receivedAt', replay);
    // Only intake keys can be historical.
    const wall = await server.api<ErrorBody>('POST', '/api/api-keys', { name: 'hall', role: 'wall', historical: true });
    expect(wall.status).toBe(400);
    expect(wall.body.error.field).toBe('historical');
  });
});
