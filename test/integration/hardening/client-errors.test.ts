import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import { incidentIntake, workOrderIntake } from '../../support/factories';

/**
 * A client's mistake is answered with a 4xx JSON error, never a 500, and nothing is stored:
 * compressed bodies, broken percent-encoding in a path, odd methods, unauthenticated or not.
 */
describe('client errors are 4xx JSON errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const raw = (path: string, init: RequestInit) => fetch(server.url + path, init);

  for (const encoding of ['gzip', 'br', 'deflate', 'x-unknown']) {
    it(`a body with Content-Encoding: ${encoding} is refused with 415 and stores nothing`, async () => {
      for (const headers of [server.headers, {}]) {
        const before = await server.store.countEvents();
        const res = await raw('/api/work-orders', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'content-encoding': encoding },
          body: encoding === 'gzip' ? gzipSync(JSON.stringify(workOrderIntake())) : 'not really compressed',
        });
        expect(res.status).toBe(415);
        expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'unsupported_encoding', field: 'body' });
        expect(await server.store.countEvents()).toBe(before);
      }
    });
  }

  for (const path of ['/api/work-orders/%E0%A4%A/actions', '/api/users/%/disable', '/api/incidents/%zz/actions', '/api/%']) {
    it(`a bad percent-encoding in ${path} is a 400 naming the path`, async () => {
      for (const headers of [server.headers, {}]) {
        const res = await raw(path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
        expect(res.status).toBe(400);
        expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'bad_url', field: 'path' });
      }
    });
  }

  it('a bad percent-encoding in a page path is a 400, not a 500', async () => {
    const res = await raw('/wall/%E0%A4%A', {});
    expect(res.status).toBe(400);
  });

  it('text holding the NUL character is a 400 naming the field on both stores, and stores nothing', async () => {
    const before = await server.store.countEvents();
    const incident = await raw('/api/incidents', {
      method: 'POST',
      headers: { ...server.headers, 'content-type': 'application/json' },
      body: JSON.stringify(incidentIntake({ title: '积水\u0000' })),
    });
    expect(incident.status).toBe(400);
    expect(((await incident.json()) as ErrorBody).error).toMatchObject({ code: 'invalid', field: 'title' });
    const order = await raw('/api/work-orders', {
      method: 'POST',
      headers: { ...server.headers, 'content-type': 'application/json' },
      body: JSON.stringify(workOrderIntake({ location: { lat: 45.6, lng: 84.87, address: '准噶尔路\u0000' } })),
    });
    expect(order.status).toBe(400);
    expect(((await order.json()) as ErrorBody).error).toMatchObject({ code: 'invalid', field: 'location.address' });
    expect(await server.store.countEvents()).toBe(before);
  });
});
