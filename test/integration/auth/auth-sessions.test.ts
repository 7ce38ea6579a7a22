import { afterEach, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import pino from 'pino';
import { Writable } from 'node:stream';
import { ensureAdmin } from '../../../server/auth/bootstrap';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import { incidentIntake, workOrderIntake } from '../../support/factories';
import type { Incident } from '../../../shared/domain/incident';
import type { CreatedApiKey } from '../../../shared/auth/accounts';
import type { EventEnvelope } from '../../../shared/events';
import type { Snapshot } from '../../../shared/board/state';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { Me } from '../../../shared/auth/accounts';
import type { UserView } from '../../../shared/auth/accounts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const cookieOf = (setCookie: string | null) => (setCookie ?? '').split(';')[0];

async function login<T = Me>(s: TestServer, username: string, password: string) {
  const res = await fetch(`${s.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as T, setCookie: res.headers.get('set-cookie'), retryAfter: res.headers.get('retry-after') };
}

describe('login, sessions and logout', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie that identifies the user, until logout', async () => {
    server = await startTestServer({ as: null });
    await server.auth.createUser({ username: 'lead1', password: 'lead1-secret-pw', role: 'lead' });

    const ok = await login(server, 'lead1', 'lead1-secret-pw');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ actor: 'lead1', role: 'lead' });
    expect(ok.setCookie).toMatch(/^gridops_session=[^;]+;/);
    expect(ok.setCookie).toMatch(/;\s*HttpOnly/i);
    expect(ok.setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(ok.setCookie).toMatch(/;\s*Path=\//i);

    const cookie = cookieOf(ok.setCookie);
    expect((await server.api<Me>('GET', '/api/me', undefined, { cookie })).body).toEqual({ actor: 'lead1', role: 'lead' });
    expect((await server.api('POST', '/api/logout', {}, { cookie })).status).toBe(200);
    expect((await server.api('GET', '/api/me', undefined, { cookie })).status).toBe(401);
  });

  it('refuses a wrong password and an unknown user alike, with 401 and no cookie', async () => {
    server = await startTestServer({ as: null });
    await server.auth.createUser({ username: 'lead1', password: 'lead1-secret-pw', role: 'lead' });
    for (const [u, p] of [
      ['lead1', 'wrong-password'],
      ['nobody', 'lead1-secret-pw'],
    ]) {
      const res = await login<ErrorBody>(server, u, p);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('bad_credentials');
      expect(res.setCookie).toBeNull();
    }
  });

  it('rate-limits repeated bad logins: even the right password is refused until the window passes', async () => {
    server = await startTestServer({ as: null });
    await server.auth.createUser({ username: 'lead1', password: 'lead1-secret-pw', role: 'lead' });
    for (let i = 0; i < 5; i++) expect((await login(server, 'lead1', `guess-${i}`)).status).toBe(401);

    const locked = await login<ErrorBody>(server, 'lead1', 'lead1-secret-pw');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect(locked.setCookie).toBeNull();

    server.clock.advance(15 * 60_000 + 1000);
    expect((await login(server, 'lead1', 'lead1-secret-pw')).status).toBe(200);
  });

  it('never writes a password to the log, while logging who logged in and who failed', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    server = await startTestServer({ logger: pino({ level: 'debug' }, sink) });
    const created = await server.api<UserView>('POST', '/api/users', { username: 'lead7', password: 'Sup3r-Secret-Lead7', role: 'lead' });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('password');
    expect(created.body).not.toHaveProperty('passwordHash');
    await login(server, 'lead7', 'Wr0ng-Guess-Lead7');
    await login(server, 'lead7', 'Sup3r-Secret-Lead7');
    await server.api('POST', '/api/users', { username: 'lead8', password: 'short', role: 'lead' });

    const log = lines.join('');
    expect(log).toContain('login refused');
    expect(log).toContain('"actor":"lead7"');
    for (const secret of ['Sup3r-Secret-Lead7', 'Wr0ng-Guess-Lead7', 'short"', '$2b$', '$2a$']) expect(log).not.toContain(secret);
  });

  it('records the logged-in username as the actor of each action in the events log', async () => {
    server = await startTestServer();
    const lead = await server.headersFor('lead', 'lead-wang');
    const opened = await server.api<Incident>('POST', '/api/incidents', incidentIntake(), lead);
    expect(opened.status).toBe(201);
    const timeline = await server.api<{ events: EventEnvelope[] }>('GET', `/api/incidents/${opened.body.id}/events`);
    expect(timeline.body.events.map((e) => [e.type, e.actor])).toEqual([['incident.opened', 'lead-wang']]);
  });

  it('refuses unauthenticated API calls with 401 and unauthenticated sockets at the handshake', async () => {
    server = await startTestServer({ as: null });
    const res = await server.api<ErrorBody>('GET', '/api/snapshot');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    const socket = connectSocket(server.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    socket.close();
    expect(error.message).toBe('unauthenticated');
  });
});

describe('API keys and kiosk tokens', () => {
  it('an intake key may create work orders and nothing else', async () => {
    server = await startTestServer();
    const created = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: '12345平台', role: 'intake' });
    expect(created.status).toBe(201);
    // cookie '' drops the harness's admin session: this caller has the key only.
    const key = { 'x-api-key': created.body.token, cookie: '' };

    const order = await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake(), key);
    expect(order.status).toBe(201);
    const events = await server.api<{ events: EventEnvelope[] }>('GET', `/api/work-orders/${order.body.id}/events`);
    expect(events.body.events[0].actor).toBe('key:12345平台');

    expect((await server.api('GET', '/api/snapshot', undefined, key)).status).toBe(403);
    expect((await server.api('GET', `/api/work-orders/${order.body.id}`, undefined, key)).status).toBe(403);
    expect((await server.api('POST', `/api/work-orders/${order.body.id}/actions`, { action: 'file', expectedVersion: 1 }, key)).status).toBe(403);
    expect((await server.api('POST', '/api/incidents', incidentIntake(), key)).status).toBe(403);
    expect((await server.api('GET', '/api/events', undefined, key)).status).toBe(403);

    await server.api('POST', `/api/api-keys/${created.body.id}/revoke`, {});
    expect((await server.api('POST', '/api/work-orders', workOrderIntake(), key)).status).toBe(401);
  });

  it('a kiosk URL trades its token for a wall session, drops the token from the address and shows no reporter data', async () => {
    server = await startTestServer();
    await server.api('POST', '/api/work-orders', workOrderIntake({ reporter: { name: '李四', phone: '13912345678' } }));
    const kiosk = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: '大屏1', role: 'wall' });
    expect(kiosk.body.kioskPath).toMatch(/^\/wall\?kiosk=/);

    const entry = await fetch(`${server.url}${kiosk.body.kioskPath!}&lang=en`, { redirect: 'manual' });
    expect(entry.status).toBe(302);
    expect(entry.headers.get('location')).toBe('/wall?lang=en');
    const setCookie = entry.headers.get('set-cookie');
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = cookieOf(setCookie);

    expect((await server.api<Me>('GET', '/api/me', undefined, { cookie })).body).toEqual({ actor: 'kiosk:大屏1', role: 'wall' });
    const snapshot = await server.api<Snapshot>('GET', '/api/snapshot', undefined, { cookie });
    expect(snapshot.status).toBe(200);
    expect(JSON.stringify(snapshot.body)).not.toContain('13912345678');
    expect((await server.api('POST', '/api/incidents', incidentIntake(), { cookie })).status).toBe(403);

    await server.api('POST', `/api/api-keys/${kiosk.body.id}/revoke`, {});
    const refused = await fetch(`${server.url}${kiosk.body.kioskPath!}`, { redirect: 'manual' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
  });
});

describe('first run', () => {
  it('creates admin with GRIDOPS_ADMIN_PASSWORD, or a random password returned once; never twice', async () => {
    server = await startTestServer({ as: null });
    const fromEnv = await ensureAdmin(server.auth, 'chosen-admin-password');
    expect(fromEnv).toEqual({ created: true, generatedPassword: undefined });
    expect((await login(server, 'admin', 'chosen-admin-password')).status).toBe(200);
    expect(await ensureAdmin(server.auth)).toEqual({ created: false });
    await server.stop();

    server = await startTestServer({ as: null });
    const random = await ensureAdmin(server.auth);
    expect(random.generatedPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await login(server, 'admin', random.generatedPassword!)).status).toBe(200);
  });

  it('two nodes booting at once on a fresh database both start, and there is one admin', async () => {
    server = await startTestServer({ as: null });
    const boots = await Promise.all([ensureAdmin(server.auth, 'chosen-admin-password'), ensureAdmin(server.auth, 'chosen-admin-password')]);
    expect(boots.map((b) => b.created).sort()).toEqual([false, true]);
    expect((await server.auth.listUsers()).filter((u) => u.username === 'admin')).toHaveLength(1);
    expect((await login(server, 'admin', 'chosen-admin-password')).status).toBe(200);
  });
});
