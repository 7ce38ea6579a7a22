import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exifPosition } from '../../../server/field/photo-bytes';
import { incidentIntake, workOrderIntake } from '../../support/factories';
import { jpegWithGps, tinyJpeg } from '../../support/photo-fixture';
import { startTestServer, type TestServer, type ErrorBody } from '../../support/server';
import type { Incident } from '../../../shared/domain/incident';
import type { MonthScore } from '../../../shared/scoring/types';
import type { Snapshot } from '../../../shared/board/state';
import type { Staff } from '../../../shared/domain/staff';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { EvaluatorReportView } from '../../../shared/field/field-views';
import type { FieldHome } from '../../../shared/field/field-views';
import type { PositionAck } from '../../../shared/field/field-views';
import type { UserView } from '../../../shared/auth/accounts';
import type { PhotoUploaded } from '../../../shared/field/field-views';

/**
 * The phone's API end to end on a real server: a responder clocks in, is dispatched, the geofence
 * records the arrival, reports go in once however often they are sent, photos keep their EXIF
 * position as data but not in the file; an evaluator sees only their own reports and verdicts.
 */
let server: TestServer;
type Headers = Record<string, string>;
let lead: Headers;
let wall: Headers;
let manager: Headers;
const SITE = { lat: 45.6, lng: 84.88 };
const START = { lat: 45.58, lng: 84.86 }; // ≈ 2.7 km south-west of the site

async function fieldUser(username: string, role: 'responder' | 'evaluator', staffId: string): Promise<Headers> {
  const staff = await server.api('POST', '/api/staff', { id: staffId, name: `${role}-${staffId}`, post: role });
  expect(staff.status).toBe(201);
  const password = `Field-${username}-7q!Lz2`;
  const created = await server.api<UserView>('POST', '/api/users', { username, password, role, staffId });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const login = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(await login.json()).toMatchObject({ actor: username, role, staffId });
  return { cookie: login.headers.get('set-cookie')!.split(';')[0] };
}

const as = (headers: Headers, key?: string) => (key ? { ...headers, 'idempotency-key': key } : headers);
const fix = (p: { lat: number; lng: number }, extra: Record<string, unknown> = {}) => ({ ...p, at: server.clock.now().toISOString(), accuracyM: 8, ...extra });

async function upload<T = PhotoUploaded>(headers: Headers, bytes: Buffer, key: string, type = 'image/jpeg') {
  const res = await fetch(`${server.url}/api/field/photos`, {
    method: 'POST',
    headers: { ...headers, 'content-type': type, 'idempotency-key': key },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as T };
}

let r1: Headers;
let r2: Headers;
let e1: Headers;
let e2: Headers;

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.headersFor('lead');
  wall = await server.headersFor('wall');
  manager = await server.headersFor('manager');
  r1 = await fieldUser('resp-one', 'responder', 'RESP-F1');
  r2 = await fieldUser('resp-two', 'responder', 'RESP-F2');
  e1 = await fieldUser('eval-one', 'evaluator', 'EVAL-F1');
  e2 = await fieldUser('eval-two', 'evaluator', 'EVAL-F2');
});
afterAll(() => server.stop());

describe('accounts', () => {
  it('a field account needs an active staff record of its own post', async () => {
    const missing = await server.api<ErrorBody>('POST', '/api/users', { username: 'resp-x', password: 'Field-resp-x-7q!Lz2', role: 'responder' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('staffId');
    const wrongPost = await server.api<ErrorBody>('POST', '/api/users', {
      username: 'resp-y',
      password: 'Field-resp-y-7q!Lz2',
      role: 'responder',
      staffId: 'EVAL-F1',
    });
    expect(wrongPost.status).toBe(400);
    expect(wrongPost.body.error.field).toBe('staffId');
  });
});

describe('a responder on their phone', () => {
  let incidentId = '';

  it('goes on duty: the same clock-in a lead would record', async () => {
    const on = await server.api<Staff>('POST', '/api/field/duty', { onDuty: true }, r1);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ id: 'RESP-F1', onDuty: true });
    const staff = await server.api<Staff[]>('GET', '/api/staff', undefined, lead);
    expect(staff.body.find((s) => s.id === 'RESP-F1')?.onDuty).toBe(true);
    await server.api('POST', '/api/field/duty', { onDuty: true }, r2);
  });

  it('sends positions, at most one stored per interval', async () => {
    const first = await server.api<PositionAck>('POST', '/api/field/position', fix(START), r1);
    expect(first.body).toMatchObject({ stored: true, stale: false, arrived: null });
    const again = await server.api<PositionAck>('POST', '/api/field/position', fix({ lat: 45.581, lng: 84.861 }), r1);
    expect(again.body.stored).toBe(false);
    expect(await server.store.getPosition('RESP-F1')).toMatchObject(START);
    server.clock.advance(6_000);
    await server.api('POST', '/api/field/position', fix({ lat: 45.7, lng: 84.9 }), r2);
  });

  it('refuses a position from the future and a bad coordinate, naming the field', async () => {
    server.clock.advance(6_000);
    const future = await server.api<ErrorBody>(
      'POST',
      '/api/field/position',
      fix(START, { at: new Date(server.clock.now().getTime() + 600_000).toISOString() }),
      r1,
    );
    expect(future.status).toBe(400);
    expect(future.body.error.field).toBe('at');
    const bad = await server.api<ErrorBody>('POST', '/api/field/position', fix({ lat: 200, lng: 84 }), r1);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('lat');
  });

  it('sees the incident dispatched to them', async () => {
    const opened = await server.api<Incident>('POST', '/api/incidents', incidentIntake({ location: { ...SITE, address: '准噶尔路' } }), lead);
    incidentId = opened.body.id;
    const dispatched = await server.api(
      'POST',
      `/api/incidents/${incidentId}/actions`,
      { action: 'dispatch', expectedVersion: 1, responderId: 'RESP-F1' },
      lead,
    );
    expect(dispatched.status).toBe(200);
    const home = await server.api<FieldHome>('GET', '/api/field/me', undefined, r1);
    expect(home.body.assignment).toMatchObject({ id: incidentId, state: 'en_route' });
    expect(home.body.settings.arrivalRadiusM).toBe(100);
    expect((await server.api<FieldHome>('GET', '/api/field/me', undefined, r2)).body.assignment).toBeNull();
  });

  it('cannot act on another responder’s incident, read the board or reporters’ phone numbers', async () => {
    const foreign = await server.api('POST', `/api/field/incidents/${incidentId}/report`, { kind: 'first', text: '不是我的' }, r2);
    expect(foreign.status).toBe(403);
    const arrive = await server.api('POST', `/api/field/incidents/${incidentId}/arrive`, fix(SITE), r2);
    expect(arrive.status).toBe(403);
    const order = await server.api<WorkOrder>('POST', '/api/work-orders', workOrderIntake({ reporter: { name: '张先生', phone: '13899990000' } }), lead);
    expect((await server.api('GET', `/api/work-orders/${order.body.id}`, undefined, r1)).status).toBe(403);
    expect((await server.api('GET', '/api/snapshot', undefined, r1)).status).toBe(403);
    expect((await server.api('POST', `/api/incidents/${incidentId}/actions`, { action: 'arrive', expectedVersion: 2 }, r1)).status).toBe(403);
  });

  it('a fix too inaccurate for the radius does not arrive; a fresh one inside it does (source: geofence)', async () => {
    server.clock.advance(6_000);
    const vague = await server.api<PositionAck>('POST', '/api/field/position', fix(SITE, { accuracyM: 500 }), r1);
    expect(vague.body).toMatchObject({ stored: true, arrived: null });
    server.clock.advance(6_000);
    const near = { lat: SITE.lat + 0.0004, lng: SITE.lng }; // ≈ 45 m north of the site
    const inside = await server.api<PositionAck>('POST', '/api/field/position', fix(near), r1);
    expect(inside.body.arrived).toMatchObject({ id: incidentId, state: 'on_scene', arrivalSource: 'geofence', arrivalPosition: near, late: false });
    const stored = await server.store.getIncident(incidentId);
    expect(stored).toMatchObject({ arrivalSource: 'geofence', arrivalPosition: near });
  });

  it('files 首报 with a photo once, however often the queue sends it; 续报; 结案', async () => {
    const photo = await upload(r1, jpegWithGps(45.6001, 84.8802), 'photo-key-0001');
    expect(photo.status).toBe(201);
    expect(photo.body.exifPosition?.lat).toBeCloseTo(45.6001, 4);
    const repeatPhoto = await upload(r1, jpegWithGps(45.6001, 84.8802), 'photo-key-0001');
    expect(repeatPhoto.body.id).toBe(photo.body.id);

    const first = { kind: 'first', text: '积水约 30 厘米，已设警示', photos: [photo.body.id] };
    const sent = await server.api('POST', `/api/field/incidents/${incidentId}/report`, first, as(r1, 'report-key-0001'));
    expect(sent.status).toBe(200);
    const resent = await server.api<Incident>('POST', `/api/field/incidents/${incidentId}/report`, first, as(r1, 'report-key-0001'));
    expect(resent.status).toBe(200);
    expect(resent.body.reports).toHaveLength(1);
    expect(resent.body.reports[0]).toMatchObject({ kind: 'first', photos: [photo.body.id], by: 'resp-one' });

    await server.api('POST', `/api/field/incidents/${incidentId}/report`, { kind: 'follow-up', text: '排水车已到' }, as(r1, 'report-key-0002'));
    const closed = await server.api<Incident>(
      'POST',
      `/api/field/incidents/${incidentId}/report`,
      { kind: 'closure', text: '积水已排除' },
      as(r1, 'report-key-0003'),
    );
    expect(closed.body).toMatchObject({ state: 'closed' });
    expect(closed.body.reports.map((r: { kind: string }) => r.kind)).toEqual(['first', 'follow-up', 'closure']);
    const events = await server.store.eventsOf('incident', incidentId, 50);
    expect(events.map((e) => e.type)).toEqual([
      'incident.opened',
      'incident.dispatched',
      'incident.arrived',
      'incident.reported',
      'incident.reported',
      'incident.closed',
    ]);
  });

  it('a report needs text, and only photos the caller uploaded', async () => {
    const other = await upload(r2, tinyJpeg(), 'photo-key-r2-01');
    const opened = await server.api<Incident>('POST', '/api/incidents', incidentIntake(), lead);
    await server.api('POST', `/api/incidents/${opened.body.id}/actions`, { action: 'dispatch', expectedVersion: 1, responderId: 'RESP-F1' }, lead);
    const empty = await server.api<ErrorBody>('POST', `/api/field/incidents/${opened.body.id}/report`, { kind: 'first', text: ' ' }, r1);
    expect(empty.body.error.field).toBe('text');
    const stolen = await server.api<ErrorBody>(
      'POST',
      `/api/field/incidents/${opened.body.id}/report`,
      { kind: 'first', text: 'x', photos: [other.body.id] },
      r1,
    );
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.field).toBe('photos.0');
    // Clear the way for the next test: this one is arrived at by a lead (source: lead) and closed.
    const arrived = await server.api<Incident>('POST', `/api/incidents/${opened.body.id}/actions`, { action: 'arrive', expectedVersion: 2 }, lead);
    expect(arrived.body.arrivalSource).toBe('lead');
    await server.api('POST', `/api/incidents/${opened.body.id}/actions`, { action: 'close', expectedVersion: 3 }, lead);
  });

  it('a late arrival by button stores where it was pressed, and /api/score names the source', async () => {
    const opened = await server.api<Incident>('POST', '/api/incidents', incidentIntake({ location: { ...SITE } }), lead);
    await server.api('POST', `/api/incidents/${opened.body.id}/actions`, { action: 'dispatch', expectedVersion: 1, responderId: 'RESP-F1' }, lead);
    server.clock.advance(20 * 60_000); // the 15-minute band has passed
    const pressedAt = server.clock.now().toISOString();
    server.clock.advance(30_000); // sent half a minute later (a slow link)
    const button = { lat: SITE.lat + 0.002, lng: SITE.lng, accuracyM: 20, at: pressedAt };
    const arrived = await server.api<Incident>('POST', `/api/field/incidents/${opened.body.id}/arrive`, button, as(r1, 'arrive-key-0001'));
    expect(arrived.body).toMatchObject({ arrivalSource: 'button', arrivalPosition: { lat: button.lat, lng: button.lng }, arrivedAt: pressedAt, late: true });
    const score = await server.api<MonthScore>('GET', '/api/score', undefined, manager);
    const block = score.body.blocks.find((b) => b.block === 'responderQuality')!;
    const causes = block.lines.flatMap((l: { causes: Array<{ id: string; detail: Record<string, unknown> }> }) => l.causes);
    expect(causes.find((c: { id: string }) => c.id === opened.body.id)?.detail).toMatchObject({ arrivalSource: 'button' });
  });

  it('photos: the served file has no EXIF; the uploader and leads may open it, the wall and others may not', async () => {
    const photo = await upload(r1, jpegWithGps(45.61, 84.87), 'photo-key-0002');
    const res = await fetch(`${server.url}/api/photos/${photo.body.id}`, { headers: lead });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const served = Buffer.from(await res.arrayBuffer());
    expect(served.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(await exifPosition(served)).toBeNull();
    expect(served.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect((await fetch(`${server.url}/api/photos/${photo.body.id}`, { headers: r1 })).status).toBe(200);
    expect((await fetch(`${server.url}/api/photos/${photo.body.id}`, { headers: r2 })).status).toBe(403);
    expect((await fetch(`${server.url}/api/photos/${photo.body.id}`, { headers: wall })).status).toBe(403);
  });

  it('photos: not an image, or too large, is refused and stores nothing', async () => {
    const text = await upload<ErrorBody>(r1, Buffer.from('GIF89a not really'), 'photo-key-0003');
    expect(text.status).toBe(400);
    expect(text.body.error.field).toBe('photo');
    const big = await upload(r1, Buffer.concat([tinyJpeg(), Buffer.alloc(9 * 1024 * 1024)]), 'photo-key-0004');
    expect(big.status).toBe(413);
    const notImage = await upload(r1, Buffer.from('{}'), 'photo-key-0005', 'application/json');
    expect(notImage.status).toBe(415);
  });

  it('the wall gets the incidents without any photo id', async () => {
    const snapshot = await server.api<Snapshot>('GET', '/api/snapshot', undefined, wall);
    const reports = snapshot.body.incidents.flatMap((i) => i.reports);
    expect(reports.length).toBeGreaterThan(0);
    expect(JSON.stringify(snapshot.body)).not.toContain('"photos"');
  });
});

describe('an evaluator on their phone', () => {
  const report = (photos: string[] = []) => ({
    category: { kind: 'component', class: 'public_facilities', subClass: '井盖破损' },
    title: '井盖缺失',
    text: '迎宾路人行道井盖缺失',
    location: { lat: 45.59, lng: 84.87, accuracyM: 12 },
    photos,
  });

  it('submits a report once per key, with a photo; sees only their own, with the Center’s verdict', async () => {
    const photo = await upload(e1, tinyJpeg(), 'eval-photo-0001');
    const first = await server.api<WorkOrder>('POST', '/api/field/evaluator-reports', report([photo.body.id]), as(e1, 'eval-key-0001'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ channel: 'evaluator_report', photos: [photo.body.id], state: 'received' });
    const again = await server.api<WorkOrder>('POST', '/api/field/evaluator-reports', report([photo.body.id]), as(e1, 'eval-key-0001'));
    expect(again.body.id).toBe(first.body.id);
    await server.api('POST', '/api/field/evaluator-reports', report(), as(e2, 'eval-key-0001'));

    const verdict = await server.api('POST', `/api/evaluator-reports/${first.body.id}/verify`, { correct: false, note: '现场无此问题' }, manager);
    expect(verdict.status).toBe(201);
    const mine = await server.api<EvaluatorReportView[]>('GET', '/api/field/evaluator-reports', undefined, e1);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0]).toMatchObject({ workOrder: { id: first.body.id }, verdict: { correct: false, note: '现场无此问题' } });
    const theirs = await server.api<EvaluatorReportView[]>('GET', '/api/field/evaluator-reports', undefined, e2);
    expect(theirs.body).toHaveLength(1);
    expect(theirs.body[0].workOrder.id).not.toBe(first.body.id);
    expect(theirs.body[0].verdict).toBeNull();
  });

  it('a report without an idempotency key or a category is refused', async () => {
    const noKey = await server.api<ErrorBody>('POST', '/api/field/evaluator-reports', report(), e1);
    expect(noKey.body.error.field).toBe('idempotencyKey');
    const { category: _c, ...rest } = report();
    const noCategory = await server.api<ErrorBody>('POST', '/api/field/evaluator-reports', rest, as(e1, 'eval-key-0002'));
    expect(noCategory.body.error.field).toBe('category');
  });
});
