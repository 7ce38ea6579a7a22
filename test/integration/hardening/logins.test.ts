import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import type { UserView } from '../../../shared/auth/accounts';

/** Password policy and lock-outs: what an attacker guessing passwords runs into. */
describe('password policy and lock-out', () => {
  let server: TestServer;
  afterEach(() => server?.stop());

  const login = async (username: string, password: string, from: string): Promise<Response> => {
    const send = () =>
      fetch(server.url + '/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ username, password }),
      });
    // After a restart the first request may land on a kept-alive connection the old server closed.
    return send().catch(send);
  };

  it('refuses a guessable password or the user name with a 400 naming the field, and stores no user', async () => {
    server = await startTestServer();
    for (const password of ['aaaaaaaaaa', '1234567890', 'password123', 'qwertyuiop', 'lead9lead9lead9', 'lead9-lead9']) {
      const res = await server.api<ErrorBody>('POST', '/api/users', { username: 'lead9', password, role: 'lead' });
      expect(res.status, password).toBe(400);
      expect(res.body.error.field, password).toBe('password');
    }
    expect((await server.api('POST', '/api/users', { username: 'lead9', password: 'lead9', role: 'lead' })).status).toBe(400);
    expect((await server.api<UserView[]>('GET', '/api/users')).body.map((u: { username: string }) => u.username)).not.toContain('lead9');
    expect((await server.api('POST', '/api/users', { username: 'lead9', password: 'amber-kettle-harbour', role: 'lead' })).status).toBe(201);
    // A reset follows the same policy.
    const reset = await server.api<ErrorBody>('POST', '/api/users/lead9/password', { password: 'aaaaaaaaaaaa' });
    expect(reset.status).toBe(400);
    expect(reset.body.error.field).toBe('password');
  });

  it('locks an account guessed at from many addresses, for the next address too, and across a restart', async () => {
    server = await startTestServer({ as: 'admin', trustProxy: true });
    await server.auth.createUser({ username: 'lead1', password: 'lead1-secret-pw', role: 'lead' });
    // 10 addresses, 2 wrong guesses each: never the per-address limit, but 20 for the account.
    const statuses: number[] = [];
    for (let a = 1; a <= 10; a++) for (let g = 0; g < 2; g++) statuses.push((await login('lead1', `guess-${a}-${g}`, `10.0.0.${a}`)).status);
    expect(statuses.filter((s) => s === 401).length).toBe(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);

    const fromEleventh = await login('lead1', 'lead1-secret-pw', '10.0.0.11');
    expect(fromEleventh.status).toBe(429);
    expect(Number(fromEleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fromEleventh.headers.get('set-cookie')).toBeNull();

    // A restart hands out no fresh guesses.
    await server.stop();
    await server.start();
    expect((await login('lead1', 'lead1-secret-pw', '10.0.0.12')).status).toBe(429);
    // Another account is not affected; the window passing lets the owner in.
    await server.auth.createUser({ username: 'lead2', password: 'lead2-secret-pw', role: 'lead' });
    expect((await login('lead2', 'lead2-secret-pw', '10.0.0.12')).status).toBe(200);
    server.clock.advance(15 * 60_000 + 1000);
    expect((await login('lead1', 'lead1-secret-pw', '10.0.0.12')).status).toBe(200);
  });
});
