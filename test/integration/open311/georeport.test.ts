import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/category-codes';
import { FakeClock } from '../../../server/clock';
import type { WorkOrder } from '../../../shared/domain/work-order';
import { startTestServer, type TestServer } from '../../support/server';
import { sharedDataDir } from '../../support/shared-data';

/**
 * An Open311 GeoReport v2 client's view of /open311/v2. The response shapes are checked with one
 * validator, written from the spec and first run on real responses from Bloomington and Chicago
 * (../shared/data/open311/), so it checks what real clients receive, not what we think they do.
 */
const SAMPLES = join(sharedDataDir(), 'open311');
const sample = (name: string) => JSON.parse(readFileSync(join(SAMPLES, name), 'utf8')) as unknown;

const isoWithOffset = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const nullableText = z.string().nullable().optional();
const requestShape = z.object({
  service_request_id: z.string().min(1),
  status: z.enum(['open', 'closed']),
  status_notes: nullableText,
  service_name: nullableText,
  service_code: nullableText,
  description: nullableText,
  agency_responsible: nullableText,
  service_notice: nullableText,
  requested_datetime: isoWithOffset,
  updated_datetime: isoWithOffset.nullable().optional(),
  expected_datetime: isoWithOffset.nullable().optional(),
  address: nullableText,
  address_id: z.union([z.string(), z.number()]).nullable().optional(),
  zipcode: z.union([z.string(), z.number()]).nullable().optional(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: nullableText,
});
const serviceShape = z.object({
  service_code: z.string().min(1),
  service_name: z.string().min(1),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
const errorShape = z.array(z.object({ code: z.number().int(), description: z.string().min(1) })).min(1);

const START = new Date('2026-03-10T09:00:00+08:00');
let server: TestServer;
let key: string;
let lead: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock(START), as: null });
  key = (await server.headersFor('intake'))['x-api-key'];
  lead = await server.headersFor('lead');
});
afterAll(async () => {
  await server?.stop();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** A created request's answer (a refused one is an error list: tests parse it with errorShape). */
type Created = { service_request_id: string; service_notice: null; account_id: null }[];
const post = (fields: Record<string, string>) => server.api<Created>('POST', '/open311/v2/requests.json', form(fields), FORM);
const report = (extra: Record<string, string> = {}) =>
  post({
    api_key: key,
    service_code: 'BJ0102',
    lat: '45.5954',
    long: '84.8731',
    address_string: '天山路 58 号',
    description: '井盖缺失\n在路口东侧',
    first_name: '张',
    last_name: '三',
    phone: '13899990000',
    email: 'z@example.com',
    ...extra,
  });

describe('the validator is true to real GeoReport v2 responses', () => {
  it('accepts the Bloomington and Chicago samples', () => {
    expect(z.array(requestShape.loose()).safeParse(sample('bloomington_requests_2012.json')).error).toBeUndefined();
    expect(z.array(requestShape.loose()).safeParse(sample('chicago_service_requests_2014_fixture.json')).error).toBeUndefined();
    expect(z.array(serviceShape.loose()).safeParse(sample('bloomington_services_2012.json')).error).toBeUndefined();
  });
});

describe('GET services', () => {
  it('lists the national 小类 table, each with the fields the spec and Bloomington give', async () => {
    const res = await server.api<z.infer<typeof serviceShape>[]>('GET', '/open311/v2/services.json');
    expect(res.status).toBe(200);
    expect(z.array(serviceShape.strict()).parse(res.body)).toHaveLength(CATEGORY_CODES.length);
    const bloomingtonKeys = Object.keys((sample('bloomington_services_2012.json') as object[])[0]).sort();
    expect(Object.keys(res.body[0]).sort()).toEqual(bloomingtonKeys);
    expect(res.body.find((s: { service_code: string }) => s.service_code === 'SJ0102')).toMatchObject({ service_name: '暴露垃圾', group: '事件 · 市容环境' });
    const en = await server.api<z.infer<typeof serviceShape>[]>('GET', '/open311/v2/services.json?lang=en');
    expect(en.body.find((s: { service_code: string }) => s.service_code === 'SJ0102')!.service_name).toBe('Exposed rubbish');
  });

  it('answers in XML too, and without an extension in JSON', async () => {
    const xml = await fetch(`${server.url}/open311/v2/services.xml`);
    expect(xml.headers.get('content-type')).toMatch(/application\/xml/);
    const text = await xml.text();
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>BJ0101<\/service_code><service_name>上水井盖<\/service_name>/,
    );
    expect((await server.api('GET', '/open311/v2/services')).body).toHaveLength(CATEGORY_CODES.length);
  });

  it('gives a service definition, and 404 in the spec error format for an unknown code or format', async () => {
    expect(await server.api('GET', '/open311/v2/services/SJ0102.json')).toEqual({ status: 200, body: { service_code: 'SJ0102', attributes: [] } });
    const missing = await server.api('GET', '/open311/v2/services/XX9999.json');
    expect(missing.status).toBe(404);
    expect(errorShape.parse(missing.body)[0]).toMatchObject({ code: 404, description: expect.stringContaining('XX9999') as unknown });
    const csv = await server.api('GET', '/open311/v2/services.csv');
    expect(csv.status).toBe(404);
    expect(errorShape.parse(csv.body)[0].description).toMatch(/format/);
  });
});

describe('POST requests', () => {
  it('creates a work order from a form post with api_key, and a repeat with the same external_id returns the same request', async () => {
    const first = await report({ external_id: 'fms-1001' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual([{ service_request_id: expect.stringMatching(/^WO-/) as unknown, service_notice: null, account_id: null }]);
    const again = await report({ external_id: 'fms-1001' });
    expect(again.status).toBe(200);
    expect(again.body[0].service_request_id).toBe(first.body[0].service_request_id);

    const order = await server.store.getWorkOrder(first.body[0].service_request_id);
    expect(order).toMatchObject({
      channel: 'app',
      category: { kind: 'component', class: 'public_facilities', subClass: '污水井盖' },
      title: '井盖缺失',
      reporter: { name: '张 三', phone: '13899990000' },
      location: { lat: 45.5954, lng: 84.8731, address: '天山路 58 号' },
    });
    // Without an external_id each post is a new report.
    const other = await report();
    expect(other.status).toBe(201);
    expect(other.body[0].service_request_id).not.toBe(first.body[0].service_request_id);
  });

  it('takes a JSON body and the X-Api-Key header as well', async () => {
    const res = await server.api<Created>(
      'POST',
      '/open311/v2/requests.json',
      { service_code: 'SJ0506', lat: 45.6, long: 84.87, channel: 'wechat' },
      { 'x-api-key': key },
    );
    expect(res.status).toBe(201);
    expect((await server.store.getWorkOrder(res.body[0].service_request_id))?.channel).toBe('wechat');
  });

  it('refuses with the spec error format, naming the parameter, and stores nothing', async () => {
    const before = await server.store.lastSeq();
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ service_code: 'BJ0102', lat: '45.6', long: '84.87' }, 403, /api_key is required/],
      [{ api_key: 'gik_wrong', service_code: 'BJ0102', lat: '45.6', long: '84.87' }, 403, /api_key is not valid/],
      [{ api_key: key, service_code: 'XX0000', lat: '45.6', long: '84.87' }, 404, /service_code/],
      [{ api_key: key, service_code: 'BJ0102', lat: 'north', long: '84.87' }, 400, /^lat/],
      [{ api_key: key, service_code: 'BJ0102', address_string: '天山路' }, 400, /^lat.*address_string/],
      [{ api_key: key, service_code: 'BJ0102', lat: '45.6', long: '84.87', phone: 'call me' }, 400, /^phone/],
      [{ api_key: key, service_code: 'BJ0102', lat: '45.6', long: '84.87', channel: 'fax' }, 400, /^channel/],
    ];
    for (const [fields, status, description] of cases) {
      const res = await post(fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      const [error] = errorShape.parse(res.body);
      expect(error.code).toBe(status);
      expect(error.description).toMatch(description);
    }
    // A lead's session may read but is no intake credential's stand-in for a wall kiosk.
    const wall = await server.headersFor('wall');
    const byWall = await server.api('POST', '/open311/v2/requests.json', form({ service_code: 'BJ0102', lat: '45.6', long: '84.87' }), { ...FORM, ...wall });
    expect(byWall.status).toBe(403);
    expect(await server.store.lastSeq()).toBe(before);
  });
});

describe('GET requests', () => {
  let open: string;
  let closed: string;
  beforeAll(async () => {
    open = (await report({ service_code: 'SJ0102', external_id: 'g-open' })).body[0].service_request_id;
    closed = (await report({ service_code: 'SJ0505', external_id: 'g-closed' })).body[0].service_request_id;
    let version = 1;
    for (const action of [{ action: 'file' }, { action: 'dispatch', department: '市政公司' }, { action: 'handle' }]) {
      server.clock.advance(60_000);
      const res = await server.api<WorkOrder>('POST', `/api/work-orders/${closed}/actions`, { ...action, expectedVersion: version }, lead);
      expect(res.status).toBe(200);
      version = res.body.version;
    }
  });

  it('shows one request with workflow status, agency and times with the Center offset, and no reporter', async () => {
    const res = await server.api('GET', `/open311/v2/requests/${closed}.json`);
    expect(res.status).toBe(200);
    const [request] = z.array(requestShape.strict()).length(1).parse(res.body);
    expect(request).toMatchObject({
      service_request_id: closed,
      status: 'closed',
      status_notes: '已办结',
      agency_responsible: '市政公司',
      service_code: 'SJ0505',
      service_name: '机动车乱停放',
    });
    expect(request.requested_datetime).toMatch(/\+08:00$/);
    expect(new Date(request.requested_datetime).getTime()).toBe(START.getTime());
    expect(new Date(request.updated_datetime!).getTime()).toBe(START.getTime() + 3 * 60_000);
    const text = JSON.stringify(res.body);
    for (const secret of ['13899990000', '张', 'z@example.com', '在路口东侧']) expect(text).not.toContain(secret);

    const mine = (await server.api<{ description?: string }[]>('GET', `/open311/v2/requests/${open}.json`)).body[0];
    expect(mine).toMatchObject({ status: 'open', status_notes: '已受理', agency_responsible: null });
    expect(mine.description).toBeUndefined();
  });

  it('gives staff the typed text, never the reporter; the wall gets the public answer', async () => {
    const asLead = (await server.api<{ description?: string }[]>('GET', `/open311/v2/requests/${open}.json`, undefined, lead)).body[0];
    expect(asLead.description).toBe('井盖缺失\n在路口东侧');
    expect(JSON.stringify(asLead)).not.toContain('13899990000');
    const asWall = (await server.api<{ description?: string }[]>('GET', `/open311/v2/requests/${open}.json`, undefined, await server.headersFor('wall')))
      .body[0];
    expect(asWall.description).toBeUndefined();
  });

  it('filters by service_request_id, service_code, status, start_date and end_date', async () => {
    const ids = (q: string) =>
      server.api('GET', `/open311/v2/requests.json?${q}`).then((r) => {
        expect(r.status, q).toBe(200);
        return (z.array(requestShape.strict()).parse(r.body) as { service_request_id: string }[]).map((x) => x.service_request_id);
      });
    expect(await ids(`service_request_id=${open},${closed}`)).toEqual(expect.arrayContaining([open, closed]));
    expect(await ids(`service_request_id=${open}&status=closed`)).toEqual([open]); // ids win over other filters
    expect(await ids('service_code=SJ0505')).toEqual([closed]);
    expect((await ids('service_code=SJ0505,SJ0102')).sort()).toEqual([open, closed].sort());
    expect(await ids('status=closed')).toEqual([closed]);
    expect(await ids('status=open')).toContain(open);
    expect(await ids('status=open')).not.toContain(closed);
    expect(await ids('start_date=2026-03-10T01:00:00Z&end_date=2026-03-10T02:00:00Z')).toContain(open);
    expect(await ids('start_date=2026-03-11T00:00:00%2B08:00&end_date=2026-03-12T00:00:00Z')).toEqual([]);
    expect(await ids('end_date=2026-03-09T00:00:00Z')).toEqual([]);
  });

  it('refuses bad filters with 400 naming the parameter, and unknown ids with 404', async () => {
    for (const [q, field] of [
      ['status=done', 'status'],
      ['start_date=yesterday', 'start_date'],
      ['start_date=2026-03-11T00:00:00Z&end_date=2026-03-10T00:00:00Z', 'start_date'],
    ]) {
      const res = await server.api('GET', `/open311/v2/requests.json?${q}`);
      expect(res.status, q).toBe(400);
      expect(errorShape.parse(res.body)[0].description).toMatch(new RegExp(`^${field}`));
    }
    const missing = await server.api('GET', '/open311/v2/requests/WO-nope.json');
    expect(missing.status).toBe(404);
    expect(errorShape.parse(missing.body)[0]).toMatchObject({ code: 404 });
    const xml = await fetch(`${server.url}/open311/v2/requests/WO-nope.xml`);
    expect(xml.status).toBe(404);
    expect(await xml.text()).toMatch(/<errors><error><code>404<\/code><description>/);
  });
});
