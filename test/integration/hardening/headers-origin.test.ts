import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/server';
import type { CreatedApiKey } from '../../../shared/auth/accounts';

/** What a browser is told about this site, and who may open a socket or use which credential. */
describe('security headers, socket origin check, credentials only where they belong', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ allowedOrigins: ['https://ops.example.cn'] });
  });
  afterAll(() => server.stop());

  it('every response carries CSP, frame-ancestors, nosniff and a referrer policy', async () => {
    for (const path of ['/api/health', '/api/snapshot', '/api/nope']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('the CSP lets the map load tiles from the internal tile server the manager sets, and only that one', async () => {
    expect((await server.api('POST', '/api/settings', { tileUrl: 'http://tiles.center.local:8080/{z}/{x}/{y}.png' })).status).toBe(200);
    const csp = (await fetch(server.url + '/api/health')).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/img-src [^;]*http:\/\/tiles\.center\.local:8080/);
    expect(csp).not.toMatch(/img-src [^;]*\*/);
  });

  const handshake = (origin: string | undefined) =>
    new Promise<string>((resolve) => {
      const socket = connectSocket(server.url, {
        transports: ['polling'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { ...server.headers, ...(origin ? { origin } : {}) },
      });
      socket.on('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.on('connect_error', (error) => {
        socket.close();
        resolve(`refused: ${error.message}`);
      });
    });

  it('a socket from another site is refused; same origin, a listed origin and no origin pass', async () => {
    expect(await handshake('https://evil.example.com')).toMatch(/^refused/);
    expect(await handshake('null')).toMatch(/^refused/);
    expect(await handshake(server.url)).toBe('connected');
    expect(await handshake('https://ops.example.cn')).toBe('connected');
    expect(await handshake(undefined)).toBe('connected');
  });

  it('a wall kiosk token is not an API key: X-Api-Key with it gets 401 on HTTP and at the socket handshake', async () => {
    const created = await server.api<CreatedApiKey>('POST', '/api/api-keys', { name: 'hall-wall', role: 'wall' });
    const kioskToken = created.body.token;
    for (const path of ['/api/snapshot', '/api/score', '/api/coverage/now']) {
      expect((await fetch(server.url + path, { headers: { 'x-api-key': kioskToken } })).status).toBe(401);
    }
    const refused = await new Promise<string>((resolve) => {
      const socket = connectSocket(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-api-key': kioskToken } });
      socket.on('connect', () => (socket.close(), resolve('connected')));
      socket.on('connect_error', (e) => (socket.close(), resolve(e.message)));
    });
    expect(refused).toBe('unauthenticated');
    // Its proper door still works.
    expect((await fetch(server.url + created.body.kioskPath, { redirect: 'manual' })).status).toBe(302);
  });

  it('an intake key may create orders but not read the board', async () => {
    const intake = await server.headersFor('intake');
    expect((await fetch(server.url + '/api/snapshot', { headers: intake })).status).toBe(403);
  });

  it('behind a trusted proxy the session cookie is Secure; without trust it is not', async () => {
    const login = (target: TestServer) =>
      fetch(target.url + '/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: 'admin-test', password: 'admin-test-password' }),
      });
    const untrusted = await login(server);
    expect(untrusted.status).toBe(200);
    expect(untrusted.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    const proxied = await startTestServer({ trustProxy: 'loopback' });
    try {
      const trusted = await login(proxied);
      expect(trusted.status).toBe(200);
      expect(trusted.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.stop();
    }
  });
});
