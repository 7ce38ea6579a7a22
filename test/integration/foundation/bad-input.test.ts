import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, refusal, startTestServer, type TestClient, type TestServer, type ErrorBody } from '../../support/server';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../../support/factories';
import type { Incident } from '../../../shared/domain/incident';
import type { WorkOrder } from '../../../shared/domain/work-order';

/**
 * Bad input never hurts: each malformed request gets the right 4xx with the field named, and
 * neither the event log nor any connected client sees anything.
 */
describe('malformed requests are refused and change nothing', () => {
  let server: TestServer;
  let watcher: TestClient;
  let orderId: string;
  let handledOrderId: string;
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const api = server.api.bind(server);
    await onDutyResponder(api, 'R1');
    await api('POST', '/api/staff', { id: 'R-OFF', name: '休班应急员', post: 'responder', onDuty: false });
    orderId = (await api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body.id;
    handledOrderId = (await api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body.id;
    let v = 1;
    for (const a of [{ action: 'file' }, { action: 'dispatch', department: 'A' }, { action: 'handle' }]) {
      v = (await api<WorkOrder>('POST', `/api/work-orders/${handledOrderId}/actions`, { ...a, expectedVersion: v })).body.version;
    }
    incidentId = (await api<Incident>('POST', '/api/incidents', incidentIntake())).body.id;
    watcher = await connectClient(server);
  });
  afterAll(async () => {
    watcher.close();
    await server.stop();
  });

  const big = 'x'.repeat(100_000);
  const wo = (o: Record<string, unknown>) => workOrderIntake(o);
  type Case = [name: string, method: string, path: () => string, body: unknown, status: number, field: string];
  const cases: Case[] = [
    [
      'missing channel',
      'POST',
      () => '/api/work-orders',
      (() => {
        const b = wo({});
        delete b.channel;
        return b;
      })(),
      400,
      'channel',
    ],
    ['unknown channel', 'POST', () => '/api/work-orders', wo({ channel: 'fax' }), 400, 'channel'],
    [
      'missing externalId',
      'POST',
      () => '/api/work-orders',
      (() => {
        const b = wo({});
        delete b.externalId;
        return b;
      })(),
      400,
      'externalId',
    ],
    ['empty externalId', 'POST', () => '/api/work-orders', wo({ externalId: '' }), 400, 'externalId'],
    ['externalId a number', 'POST', () => '/api/work-orders', wo({ externalId: 42 }), 400, 'externalId'],
    [
      'missing title',
      'POST',
      () => '/api/work-orders',
      (() => {
        const b = wo({});
        delete b.title;
        return b;
      })(),
      400,
      'title',
    ],
    ['100 kB title', 'POST', () => '/api/work-orders', wo({ title: big }), 400, 'title'],
    ['100 kB description', 'POST', () => '/api/work-orders', wo({ description: big }), 400, 'description'],
    ['title a number', 'POST', () => '/api/work-orders', wo({ title: 12 }), 400, 'title'],
    ['lat 91', 'POST', () => '/api/work-orders', wo({ location: { lat: 91, lng: 84.87 } }), 400, 'location.lat'],
    ['lat -91', 'POST', () => '/api/work-orders', wo({ location: { lat: -91, lng: 84.87 } }), 400, 'location.lat'],
    ['lng 181', 'POST', () => '/api/work-orders', wo({ location: { lat: 45, lng: 181 } }), 400, 'location.lng'],
    ['lat a string', 'POST', () => '/api/work-orders', wo({ location: { lat: '45.6', lng: 84.87 } }), 400, 'location.lat'],
    [
      'location missing',
      'POST',
      () => '/api/work-orders',
      (() => {
        const b = wo({});
        delete b.location;
        return b;
      })(),
      400,
      'location',
    ],
    ['unknown coordinate system', 'POST', () => '/api/work-orders', wo({ location: { lat: 45, lng: 84, coordSystem: 'utm' } }), 400, 'location.coordSystem'],
    ['extra top-level field', 'POST', () => '/api/work-orders', wo({ admin: true }), 400, 'admin'],
    ['extra location field', 'POST', () => '/api/work-orders', wo({ location: { lat: 45, lng: 84, alt: 3 } }), 400, 'location.alt'],
    ['category of unknown kind', 'POST', () => '/api/work-orders', wo({ category: { kind: 'thing', class: 'x', subClass: 'y' } }), 400, 'category.kind'],
    [
      'category class of the other kind',
      'POST',
      () => '/api/work-orders',
      wo({ category: { kind: 'component', class: 'advertising', subClass: 'y' } }),
      400,
      'category.class',
    ],
    ['unknown priority', 'POST', () => '/api/work-orders', wo({ priority: 'asap' }), 400, 'priority'],
    ['phone with letters', 'POST', () => '/api/work-orders', wo({ reporter: { phone: 'call me' } }), 400, 'reporter.phone'],
    ['receivedAt not a time', 'POST', () => '/api/work-orders', wo({ receivedAt: 'yesterday' }), 400, 'receivedAt'],
    ['body is an array', 'POST', () => '/api/work-orders', [1, 2], 400, 'body'],
    ['body is null JSON', 'POST', () => '/api/work-orders', 'null', 400, 'body'],
    ['non-JSON body', 'POST', () => '/api/work-orders', '{"channel": "hotline_12345",', 400, 'body'],
    ['body over the limit', 'POST', () => '/api/work-orders', JSON.stringify(wo({ description: 'y'.repeat(400_000) })), 413, 'body'],
    ['action unknown', 'POST', () => `/api/work-orders/${orderId}/actions`, { action: 'explode', expectedVersion: 1 }, 400, 'action'],
    ['action missing', 'POST', () => `/api/work-orders/${orderId}/actions`, { expectedVersion: 1 }, 400, 'action'],
    ['expectedVersion missing', 'POST', () => `/api/work-orders/${orderId}/actions`, { action: 'file' }, 400, 'expectedVersion'],
    ['expectedVersion negative', 'POST', () => `/api/work-orders/${orderId}/actions`, { action: 'file', expectedVersion: -1 }, 400, 'expectedVersion'],
    ['expectedVersion a string', 'POST', () => `/api/work-orders/${orderId}/actions`, { action: 'file', expectedVersion: '1' }, 400, 'expectedVersion'],
    ['dispatch without department', 'POST', () => `/api/work-orders/${orderId}/actions`, { action: 'dispatch', expectedVersion: 1 }, 400, 'department'],
    [
      'evaluate with unknown satisfaction',
      'POST',
      () => `/api/work-orders/${handledOrderId}/actions`,
      { action: 'evaluate', expectedVersion: 4, satisfaction: 'meh' },
      400,
      'satisfaction',
    ],
    ['stale version', 'POST', () => `/api/work-orders/${orderId}/actions`, { action: 'file', expectedVersion: 7 }, 409, 'expectedVersion'],
    [
      'illegal transition: handle a received order',
      'POST',
      () => `/api/work-orders/${orderId}/actions`,
      { action: 'handle', expectedVersion: 1 },
      409,
      'action',
    ],
    [
      'illegal transition: file a handled order',
      'POST',
      () => `/api/work-orders/${handledOrderId}/actions`,
      { action: 'file', expectedVersion: 4 },
      409,
      'action',
    ],
    ['unknown work order', 'POST', () => '/api/work-orders/WO-NOPE/actions', { action: 'file', expectedVersion: 1 }, 404, 'id'],
    ['incident kind unknown', 'POST', () => '/api/incidents', incidentIntake({ kind: 'alien' }), 400, 'kind'],
    ['incident lat 91', 'POST', () => '/api/incidents', incidentIntake({ location: { lat: 91, lng: 84 } }), 400, 'location.lat'],
    ['incident severity unknown', 'POST', () => '/api/incidents', incidentIntake({ severity: 'apocalyptic' }), 400, 'severity'],
    [
      'dispatch to unknown responder',
      'POST',
      () => `/api/incidents/${incidentId}/actions`,
      { action: 'dispatch', expectedVersion: 1, responderId: 'NOBODY' },
      400,
      'responderId',
    ],
    // Off duty is allowed only with the lead's confirmation: the missing field is the reason.
    [
      'dispatch to an off-duty responder without a reason',
      'POST',
      () => `/api/incidents/${incidentId}/actions`,
      { action: 'dispatch', expectedVersion: 1, responderId: 'R-OFF' },
      409,
      'busyReason',
    ],
    ['arrive before dispatch', 'POST', () => `/api/incidents/${incidentId}/actions`, { action: 'arrive', expectedVersion: 1 }, 409, 'action'],
    [
      'report kind unknown',
      'POST',
      () => `/api/incidents/${incidentId}/actions`,
      { action: 'report', expectedVersion: 1, kind: 'rumour', text: 'x' },
      400,
      'kind',
    ],
    [
      'incident stale version',
      'POST',
      () => `/api/incidents/${incidentId}/actions`,
      { action: 'dispatch', expectedVersion: 5, responderId: 'R1' },
      409,
      'expectedVersion',
    ],
    ['position lat 91', 'POST', () => '/api/responders/R1/position', { lat: 91, lng: 84 }, 400, 'lat'],
    ['position of unknown responder', 'POST', () => '/api/responders/NOBODY/position', { lat: 45, lng: 84 }, 404, 'id'],
    ['staff with unknown post', 'POST', () => '/api/staff', { name: '某人', post: 'janitor' }, 400, 'post'],
    ['events after a negative seq', 'GET', () => '/api/events?after=-3', undefined, 400, 'after'],
    ['events limit not a number', 'GET', () => '/api/events?limit=lots', undefined, 400, 'limit'],
  ];

  it(`has at least 40 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases)('%s → %i naming %s… no event', async (_name, method, path, body, status, field) => {
    const before = await server.store.countEvents();
    const heard = watcher.received.length;
    const res = await server.api<ErrorBody>(method, path(), body);
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(await server.store.countEvents()).toBe(before);
    await new Promise((r) => setTimeout(r, 5));
    expect(watcher.received.length).toBe(heard);
  });

  it('a body that is not sent as JSON is refused with 415', async () => {
    const res = await server.api<ErrorBody>('POST', '/api/work-orders', 'channel=hotline_12345', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.error.field).toBe('body');
  });

  it('a stale version tells the caller the current version', async () => {
    const res = await server.api<ErrorBody>('POST', `/api/work-orders/${handledOrderId}/actions`, { action: 'callback', expectedVersion: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.currentVersion).toBe(4);
  });

  it('a bad socket command acks an error naming the field and broadcasts nothing', async () => {
    const heard = watcher.received.length;
    const ack = await watcher.socket.emitWithAck('workOrder:create', wo({ location: { lat: 91, lng: 0 } }));
    expect(ack.ok).toBe(false);
    expect(refusal(ack).field).toBe('location.lat');
    const ack2 = await watcher.socket.emitWithAck('incident:act', { action: 'arrive', expectedVersion: 1 });
    expect(refusal(ack2).field).toBe('id');
    expect(watcher.received.length).toBe(heard);
  });
});
