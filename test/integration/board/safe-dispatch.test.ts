import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentIntake, onDutyResponder } from '../../support/factories';
import { connectClient, startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import type { Incident } from '../../../shared/domain/incident';
import type { EventEnvelope } from '../../../shared/events';

/** Safe dispatch: a responder already on another incident, or off duty, is sent only on an explicit confirm. */
describe('dispatching a busy or off-duty responder', () => {
  let server: TestServer;
  const dispatch = <T = Incident>(id: string, version: number, responderId: string, extra: Record<string, unknown> = {}) =>
    server.api<T>('POST', `/api/incidents/${id}/actions`, { action: 'dispatch', expectedVersion: version, responderId, ...extra });

  beforeAll(async () => {
    server = await startTestServer();
    const api = server.api.bind(server);
    await onDutyResponder(api, 'R1', { lat: 45.59, lng: 84.87 });
    await onDutyResponder(api, 'R2', { lat: 45.6, lng: 84.9 });
  });
  afterAll(() => server.stop());

  it('a responder en route elsewhere needs a confirm with a reason; the event records both', async () => {
    const first = (await server.api<Incident>('POST', '/api/incidents', incidentIntake())).body;
    expect((await dispatch(first.id, 1, 'R1')).status).toBe(200);

    const second = (await server.api<Incident>('POST', '/api/incidents', incidentIntake({ title: '井盖缺失' }))).body;
    const refused = await dispatch<ErrorBody>(second.id, 1, 'R1');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'needs_confirm', field: 'busyReason', currentState: 'busy' });
    expect(refused.body.error.message).toContain(first.id);
    // Refused means nothing changed.
    expect((await server.api<Incident>('GET', `/api/incidents/${second.id}`)).body).toMatchObject({ version: 1, responderId: null });

    const wall = await connectClient({ url: server.url, headers: await server.headersFor('wall') });
    try {
      const confirmed = await dispatch(second.id, 1, 'R1', { busyReason: '离现场最近，先处置再返回' });
      expect(confirmed.status).toBe(200);
      const timeline = (await server.api<{ events: EventEnvelope[] }>('GET', `/api/incidents/${second.id}/events`)).body.events;
      const event = timeline.find((e) => e.type === 'incident.dispatched');
      expect(event?.payload).toMatchObject({ busy: { status: 'busy', incidentIds: [first.id] }, busyReason: '离现场最近，先处置再返回' });
      // The wall sees the dispatch, never the lead's typed reason.
      await expect.poll(() => wall.received.some((e) => e.type === 'incident.dispatched' && e.entityId === second.id)).toBe(true);
      const onWall = wall.received.find((e) => e.type === 'incident.dispatched' && e.entityId === second.id)!;
      expect(JSON.stringify(onWall.payload)).not.toContain('离现场最近');
    } finally {
      wall.close();
    }
  });

  it('an off-duty responder needs the confirm too; an idle on-duty one does not', async () => {
    await server.api('POST', '/api/staff/R2/duty', { onDuty: false });
    const incident = (await server.api<Incident>('POST', '/api/incidents', incidentIntake())).body;
    const refused = await dispatch<ErrorBody>(incident.id, 1, 'R2');
    expect(refused.body.error).toMatchObject({ code: 'needs_confirm', currentState: 'off_duty' });
    expect((await dispatch(incident.id, 1, 'R2', { busyReason: '唯一熟悉该管网的人' })).status).toBe(200);

    await server.api('POST', '/api/staff/R2/duty', { onDuty: true });
    await onDutyResponder(server.api.bind(server), 'R3', { lat: 45.61, lng: 84.88 });
    const other = (await server.api<Incident>('POST', '/api/incidents', incidentIntake())).body;
    expect((await dispatch(other.id, 1, 'R3')).status).toBe(200);
  });
});
