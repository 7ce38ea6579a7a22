import { afterEach, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import { startTestServer, connectClient, eventually, type ClientSocket, type TestServer, type ErrorBody } from '../../support/server';
import type { UserView } from '../../../shared/auth/accounts';

/** A socket lives no longer than its session or key: logout, revoke, disable, expiry. */
let server: TestServer | undefined;
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.stop();
  server = undefined;
});

async function login(s: TestServer, username: string, password: string): Promise<string> {
  const res = await fetch(`${s.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

async function live(s: TestServer, headers: Record<string, string>) {
  const client = await connectClient({ url: s.url, headers });
  sockets.push(client.socket);
  const ended = new Promise<{ reason: string; at: number }>((resolve) => client.socket.once('disconnect', (reason) => resolve({ reason, at: Date.now() })));
  return { socket: client.socket, ended };
}

/** Tries the same socket (same handshake headers) again: resolves with the refusal message or 'connected'. */
function reconnect(socket: ClientSocket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
    socket.connect();
  });
}

describe('sockets end with their session', () => {
  it('logging out in one place disconnects that session’s socket within 1 s and refuses its reconnect; the other session stays', async () => {
    server = await startTestServer({ as: null });
    await server.auth.createUser({ username: 'lead1', password: 'lead1-secret-pw', role: 'lead' });
    const desk = await login(server, 'lead1', 'lead1-secret-pw');
    const laptop = await login(server, 'lead1', 'lead1-secret-pw');
    const a = await live(server, { cookie: desk });
    const b = await live(server, { cookie: laptop });

    const start = Date.now();
    expect((await server.api('POST', '/api/logout', {}, { cookie: desk })).status).toBe(200);
    const { reason, at } = await a.ended;
    expect(reason).toBe('io server disconnect');
    expect(at - start).toBeLessThan(1000);
    expect(await reconnect(a.socket)).toBe('unauthenticated');
    expect(b.socket.connected).toBe(true);
  });

  it('revoking a kiosk token disconnects the wall socket, refuses its reconnect and the kiosk URL', async () => {
    server = await startTestServer({ as: 'admin' });
    const created = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: 'hall-wall', role: 'wall' });
    expect(created.status).toBe(201);
    const entry = await fetch(server.url + created.body.kioskPath!, { redirect: 'manual' });
    expect(entry.status).toBe(302);
    const wallCookie = (entry.headers.get('set-cookie') ?? '').split(';')[0];
    const wall = await live(server, { cookie: wallCookie });

    const start = Date.now();
    expect((await server.api('POST', `/api/api-keys/${created.body.id}/revoke`, {})).status).toBe(200);
    const { reason, at } = await wall.ended;
    expect(reason).toBe('io server disconnect');
    expect(at - start).toBeLessThan(1000);
    expect(await reconnect(wall.socket)).toBe('unauthenticated');
    expect((await fetch(server.url + created.body.kioskPath!, { redirect: 'manual' })).status).toBe(401);
  });

  it('revoking an intake key disconnects the socket that used it', async () => {
    server = await startTestServer({ as: 'admin' });
    const created = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: '12345-feed', role: 'intake' });
    // An intake key joins no board room (it never goes live): a bare connected socket.
    const socket: ClientSocket = connectSocket(server.url, { transports: ['websocket'], forceNew: true, extraHeaders: { 'x-api-key': created.body.token } });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', () => resolve(null)));
    const feed = { socket, ended: new Promise<{ reason: string }>((resolve) => socket.once('disconnect', (reason) => resolve({ reason }))) };
    await server.api('POST', `/api/api-keys/${created.body.id}/revoke`, {});
    expect((await feed.ended).reason).toBe('io server disconnect');
    expect(await reconnect(feed.socket)).toBe('unauthenticated');
  });

  it('disabling a user disconnects their sockets; enabling does not revive the old session', async () => {
    server = await startTestServer({ as: 'admin' });
    await server.api('POST', '/api/users', { username: 'lead2', password: 'lead2-secret-pw', role: 'lead' });
    const cookie = await login(server, 'lead2', 'lead2-secret-pw');
    const lead = await live(server, { cookie });
    const admin = await live(server, server.headers);

    expect((await server.api('POST', '/api/users/lead2/disable', {})).body).toMatchObject({ username: 'lead2', disabled: true });
    expect((await lead.ended).reason).toBe('io server disconnect');
    expect((await server.api('POST', '/api/users/lead2/enable', {})).body).toMatchObject({ disabled: false });
    expect(await reconnect(lead.socket)).toBe('unauthenticated');
    expect((await server.api('GET', '/api/me', undefined, { cookie })).status).toBe(401);
    expect(admin.socket.connected).toBe(true);
    // Logging in again after enable works.
    await login(server, 'lead2', 'lead2-secret-pw');
  });

  it('a password reset ends the user’s sessions and the old password stops working', async () => {
    server = await startTestServer({ as: 'admin' });
    await server.api('POST', '/api/users', { username: 'lead3', password: 'lead3-secret-pw', role: 'lead' });
    const lead = await live(server, { cookie: await login(server, 'lead3', 'lead3-secret-pw') });
    const reset = await server.api('POST', '/api/users/lead3/password', { password: 'lead3-new-password' });
    expect(reset.status).toBe(200);
    expect(reset.body).not.toHaveProperty('passwordHash');
    expect((await lead.ended).reason).toBe('io server disconnect');
    const old = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lead3', password: 'lead3-secret-pw' }),
    });
    expect(old.status).toBe(401);
    await login(server, 'lead3', 'lead3-new-password');
  });

  it('an expired session’s socket is dropped by the sweep on the injected clock', async () => {
    server = await startTestServer({ as: null });
    await server.auth.createUser({ username: 'lead4', password: 'lead4-secret-pw', role: 'lead' });
    const short = await server.auth.startSession('lead4', 'lead', 'lead4', 60_000);
    const long = await server.auth.startSession('lead4', 'lead', 'lead4', 3_600_000);
    const a = await live(server, { cookie: `gridops_session=${short}` });
    const b = await live(server, { cookie: `gridops_session=${long}` });

    expect(await server.grid.realtime.sweepSessions()).toBe(0);
    server.clock.advance(61_000);
    expect(await server.grid.realtime.sweepSessions()).toBe(1);
    expect((await a.ended).reason).toBe('io server disconnect');
    await eventually(() => expect(b.socket.connected).toBe(true));
  });

  it('refuses bad admin commands with 4xx and changes nothing', async () => {
    server = await startTestServer({ as: 'admin' });
    await server.api('POST', '/api/users', { username: 'lead5', password: 'lead5-secret-pw', role: 'lead' });
    const short = await server.api<ErrorBody>('POST', '/api/users/lead5/password', { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('password');
    expect((await server.api('POST', '/api/users/lead5/disable', { now: true })).status).toBe(400);
    expect((await server.api('POST', '/api/users/nobody/disable', {})).status).toBe(404);
    expect((await server.api('POST', '/api/users/admin-test/disable', {})).status).toBe(409);
    const users = (await server.api<UserView[]>('GET', '/api/users')).body as Array<{ username: string; disabled: boolean }>;
    expect(users.every((u) => !u.disabled)).toBe(true);
    await login(server, 'lead5', 'lead5-secret-pw');
  });
});
