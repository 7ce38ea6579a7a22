import { io as connectSocket } from 'socket.io-client';
import { receiveWorkOrder } from '../../../server/board/work-order.commands';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparableState } from '../../../shared/board/state';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../../support/server';
import { workOrderIntake } from '../../support/factories';
import type { Snapshot } from '../../../shared/board/state';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { EventEnvelope } from '../../../shared/events';

describe('fan-out: a posted order reaches every connected client', () => {
  let server: TestServer;
  let clients: TestClient[];

  beforeAll(async () => {
    server = await startTestServer();
    clients = await Promise.all([1, 2, 3].map(() => connectClient(server)));
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server.stop();
  });

  it('delivers one event per order to each of 3 clients, in seq order', async () => {
    const posted = [];
    for (let i = 0; i < 5; i++) {
      const res = await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake());
      expect(res.status).toBe(201);
      posted.push(res.body.id);
    }
    for (const client of clients) {
      await eventually(() => expect(client.received).toHaveLength(5));
      const seqs = client.received.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(5);
      expect(client.received.map((e) => (e.payload as { workOrder: WorkOrder }).workOrder.id)).toEqual(posted);
      expect(client.received.every((e) => e.type === 'workOrder.received')).toBe(true);
    }
    const snapshot = await server.api<Snapshot>('GET', '/api/snapshot');
    for (const client of clients) {
      const { serverTime: _t, ...expected } = snapshot.body;
      expect(comparableState(client.sync.state)).toEqual(expected);
    }
  });

  it('orders committed together reach each screen as one packet, in seq order, the wall’s redacted', async () => {
    const packets = { lead: [] as EventEnvelope[][], wall: [] as EventEnvelope[][] };
    const sockets = await Promise.all(
      (['lead', 'wall'] as const).map(async (role) => {
        const socket = connectSocket(server.url, { transports: ['websocket'], forceNew: true, extraHeaders: await server.headersFor(role) });
        socket.on('event', (event: EventEnvelope) => packets[role].push([event]));
        socket.on('events', (events: EventEnvelope[]) => packets[role].push(events));
        await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
        return socket;
      }),
    );
    const before = (await server.api<{ seq: number }>('GET', '/api/health')).body.seq;
    // 40 commands in one turn of the event loop, as concurrent requests from the 12345 platform
    // arrive: the group commit stores them in one transaction, and their events go out together.
    const intake = { id: 'platform', role: 'intake' as const };
    const created = await Promise.all(Array.from({ length: 40 }, () => receiveWorkOrder(server.grid.ctx, workOrderIntake(), intake)));
    expect(created.every((r) => r.created)).toBe(true);
    const expected = Array.from({ length: 40 }, (_, i) => before + 1 + i);
    for (const role of ['lead', 'wall'] as const) {
      await eventually(() => expect(packets[role].flat().map((e) => e.seq)).toEqual(expected));
      expect(packets[role].length).toBe(1);
    }
    // The wall's copies carry no reporter; the lead's do.
    const reporters = (role: 'lead' | 'wall') => packets[role].flat().map((e) => (e.payload as { workOrder: WorkOrder }).workOrder.reporter);
    expect(reporters('lead').every((r) => r?.phone)).toBe(true);
    expect(reporters('wall').every((r) => r === null)).toBe(true);
    // And the screens that fold them (BoardSync) hold the same board as a fresh snapshot.
    const { serverTime: _t, ...snapshot } = (await server.api<Snapshot>('GET', '/api/snapshot')).body;
    for (const client of clients) await eventually(() => expect(comparableState(client.sync.state)).toEqual(snapshot));
    sockets.forEach((socket) => socket.close());
  });

  it('a repeat of (channel, externalId) returns the same order with 200 and broadcasts nothing', async () => {
    const body = workOrderIntake();
    const first = await server.api<WorkOrder>('POST', '/api/work-orders', body);
    const before = (await server.api<{ seq: number }>('GET', '/api/health')).body.seq;
    const again = await server.api<WorkOrder>('POST', '/api/work-orders', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await server.api<{ seq: number }>('GET', '/api/health')).body.seq).toBe(before);
  });

  it('converts GCJ-02 and BD-09 input to WGS-84 (Chinese web maps are offset by a few hundred metres)', async () => {
    const wgs = { lat: 45.5954, lng: 84.8731 };
    const gcj = await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ location: { ...wgs, coordSystem: 'gcj02' } }));
    expect(gcj.status).toBe(201);
    const shiftKm = Math.hypot((gcj.body.location.lat - wgs.lat) * 111, (gcj.body.location.lng - wgs.lng) * 78);
    expect(shiftKm).toBeGreaterThan(0.05);
    expect(shiftKm).toBeLessThan(1.5);
    expect((gcj.body.location as { coordSystem?: string }).coordSystem).toBeUndefined();
  });
});
