import { afterAll, describe, expect, it } from 'vitest';
import { comparableState } from '../../../shared/board/state';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../../support/server';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../../support/factories';
import type { Incident } from '../../../shared/domain/incident';
import type { Snapshot } from '../../../shared/board/state';
import type { WorkOrder } from '../../../shared/domain/work-order';

describe('restart: clients reconnect and resume without losing or doubling events', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server.stop();
  });

  it('folded state of each client equals a fresh snapshot after a server restart', async () => {
    server = await startTestServer();
    const api = server.api.bind(server);
    await onDutyResponder(api, 'R1');
    const order = (await api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    clients.push(await connectClient(server), await connectClient(server));
    // A client that joins late gets a snapshot, the others fold events.
    await api('POST', `/api/work-orders/${order.id}/actions`, { action: 'file', expectedVersion: 1 });
    const incident = (await api<Incident>('POST', '/api/incidents', incidentIntake())).body;
    clients.push(await connectClient(server));
    const seqBefore = (await api<{ seq: number }>('GET', '/api/health')).body.seq;
    await eventually(() => clients.forEach((c) => expect(c.sync.state.seq).toBe(seqBefore)));

    await server.stop();
    await eventually(() => clients.forEach((c) => expect(c.sync.status).toBe('reconnecting')));
    await server.start();
    await eventually(() => clients.forEach((c) => expect(c.sync.status).toBe('live')), 5000);

    // New events after the restart, from HTTP: every client must fold exactly these.
    await api('POST', `/api/incidents/${incident.id}/actions`, { action: 'dispatch', expectedVersion: 1, responderId: 'R1' });
    await api('POST', `/api/work-orders/${order.id}/actions`, { action: 'dispatch', expectedVersion: 2, department: '城管局' });
    for (let i = 0; i < 3; i++) await api('POST', '/api/work-orders', workOrderIntake());

    const snapshot = (await api<Snapshot>('GET', '/api/snapshot')).body;
    const { serverTime: _t, ...expected } = snapshot;
    expect(expected.seq).toBe(seqBefore + 5);
    for (const client of clients) {
      await eventually(() => expect(client.sync.state.seq).toBe(expected.seq));
      expect(comparableState(client.sync.state)).toEqual(expected);
      const seqs = client.received.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length); // nothing delivered twice
    }
  });

  it('a client that missed events (a gap) resyncs by itself', async () => {
    const client = clients[0];
    // Simulate a dropped delivery: the client sees seq N+2 before N+1.
    const head = client.sync.state.seq;
    const order = (await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body;
    await eventually(() => expect(client.sync.state.seq).toBe(head + 1));
    client.sync.state.seq = head; // forget the last event
    delete client.sync.state.workOrders[order.id];
    await server.api('POST', '/api/work-orders', workOrderIntake());
    await eventually(() => expect(client.sync.state.seq).toBe(head + 2));
    expect(client.sync.state.workOrders[order.id]).toBeDefined();
  });
});

describe('a long-running screen', () => {
  it('drops items closed before today when it refreshes its snapshot, and ends equal to the server', async () => {
    const server = await startTestServer();
    try {
      const client = await connectClient(server);
      const api = server.api.bind(server);
      await onDutyResponder(api, 'R9');
      const incident = (await api<Incident>('POST', '/api/incidents', incidentIntake())).body;
      let v = incident.version;
      for (const body of [{ action: 'dispatch', responderId: 'R9' }, { action: 'arrive' }, { action: 'close', text: '已处置' }]) {
        v = (await api<Incident>('POST', `/api/incidents/${incident.id}/actions`, { ...body, expectedVersion: v })).body.version;
      }
      await eventually(() => expect(client.sync.state.incidents[incident.id]?.state).toBe('closed'));
      server.clock.advance(2 * 86_400_000); // two days later the closed incident is history
      client.sync.refreshSnapshot();
      await eventually(() => expect(client.sync.state.incidents[incident.id]).toBeUndefined());
      const { serverTime: _t, ...expected } = (await api<Snapshot>('GET', '/api/snapshot')).body;
      expect(comparableState(client.sync.state)).toEqual(expected);
      client.close();
    } finally {
      await server.stop();
    }
  });
});
