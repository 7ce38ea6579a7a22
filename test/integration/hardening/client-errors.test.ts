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

  /** A POST of `body` to the intake as `content-type`; its status, error and whether anything was stored. */
  const postBody = async (body: BodyInit, contentType = 'application/json', extra: Record<string, string> = {}) => {
    const before = await server.store.countEvents();
    const res = await raw('/api/work-orders', { method: 'POST', headers: { ...server.headers, 'content-type': contentType, ...extra }, body });
    const answer = (await res.json()) as ErrorBody & { id?: string };
    return { status: res.status, error: answer.error, stored: (await server.store.countEvents()) - before };
  };

  const refusal = (answer: Awaited<ReturnType<typeof postBody>>) => ({
    status: answer.status,
    code: answer.error?.code,
    field: answer.error?.field,
    stored: answer.stored,
  });

  it('a body that is not JSON, or JSON that is not an object, is a 400 naming the body', async () => {
    for (const body of ['{"channel": "hotline_12345",', 'channel=hotline_12345', '42', '"an order"', 'null']) {
      expect(refusal(await postBody(body)), body).toEqual({ status: 400, code: 'invalid_json', field: 'body', stored: 0 });
    }
  });

  it('an empty JSON body reads as {}: the answer names the first missing field', async () => {
    const empty = await postBody('');
    expect(empty.status).toBe(400);
    expect(empty.error).toMatchObject({ code: 'invalid' });
    expect(empty.error.field).toBeTruthy();
    expect(empty.stored).toBe(0);
  });

  it('a body over 256 kB is a 413, whether its length is declared or it streams in chunks', async () => {
    const big = JSON.stringify({ ...workOrderIntake(), description: 'x'.repeat(300 * 1024) });
    expect(refusal(await postBody(big))).toEqual({ status: 413, code: 'too_large', field: 'body', stored: 0 });
    // No Content-Length: the bytes are counted as they arrive.
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < big.length; i += 16 * 1024) controller.enqueue(new TextEncoder().encode(big.slice(i, i + 16 * 1024)));
        controller.close();
      },
    });
    const streamed = await raw('/api/work-orders', {
      method: 'POST',
      headers: { ...server.headers, 'content-type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as ErrorBody).error).toMatchObject({ code: 'too_large', field: 'body' });
  });

  it('JSON in a charset other than UTF-8 is a 415; UTF-8, declared or not, with or without a BOM, is read', async () => {
    expect(refusal(await postBody('{}', 'application/json; charset=latin1'))).toEqual({ status: 415, code: 'unsupported_encoding', field: 'body', stored: 0 });
    const order = JSON.stringify(workOrderIntake({ title: '准噶尔路积水' }));
    expect((await postBody(order, 'application/json; charset=UTF-8')).status).toBe(201);
    expect((await postBody('\uFEFF' + JSON.stringify(workOrderIntake()))).status).toBe(201);
  });

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
