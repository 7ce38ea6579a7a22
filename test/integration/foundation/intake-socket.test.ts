import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import type { ClientSocket, TestServer } from '../../support/server';
import { startTestServer } from '../../support/server';
import { workOrderIntake } from '../../support/factories';

describe('an intake API key on a socket', () => {
  let server: TestServer;
  let socket: ClientSocket;
  beforeAll(async () => {
    server = await startTestServer();
    socket = connectSocket(server.url, { transports: ['websocket'], extraHeaders: await server.headersFor('intake'), forceNew: true });
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  });
  afterAll(async () => {
    socket.close();
    await server.stop();
  });

  it('may create work orders but receives no board events and no snapshot', async () => {
    const heard: unknown[] = [];
    socket.on('event', (e) => heard.push(e));
    socket.on('events', (events) => heard.push(...events));
    const created = await socket.emitWithAck('workOrder:create', workOrderIntake());
    expect(created.ok).toBe(true);
    const sync = await socket.emitWithAck('sync', { lastSeq: null });
    expect(sync).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await server.api('POST', '/api/work-orders', workOrderIntake());
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([]);
  });
});
