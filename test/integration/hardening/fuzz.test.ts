import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../sim/rng';
import { connectClient, startTestServer, type TestClient, type TestServer } from '../../support/server';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../../support/factories';
import { testStoreKind } from '../../support/test-store';
import type { EquipmentFault, ManualDeduction } from '../../../shared/scoring/score-events';
import type { Incident } from '../../../shared/domain/incident';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { Shift } from '../../../shared/coverage/shift';

/** The part of an Express router layer this test walks (Express does not export the type). */
type RouterLayer = { route?: { path: string; methods?: Record<string, boolean> }; handle?: { stack?: RouterLayer[] }; matchers?: unknown };

const SEED = 15_2026;
// A quarter of it on PostgreSQL: validation answers before any store is touched, so what the
// second store adds is what an accepted or refused command leaves in it, and 25 requests a route
// reach every route's store path (the full volume there took 38 s of the run, against 17 s here).
const ON_POSTGRES = testStoreKind === 'postgres';
const HTTP_REQUESTS = ON_POSTGRES ? 1050 : 4200;
const SOCKET_COMMANDS = ON_POSTGRES ? 250 : 1000;

/** Values that have broken servers before: wrong types, extremes, injections, bad times, huge text. */
const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  'x',
  'x'.repeat(5000),
  '\u0000',
  '𠀀'.repeat(300),
  '<script>alert(1)</script>',
  "'; DROP TABLE events;--",
  '%E0%A4%A',
  '../../etc/passwd',
  'NaN',
  '1e400',
  '-0',
  '9999-12-31T23:59:59Z',
  '0001-01-01T00:00:00Z',
  '2025-02-30T25:61:00+08:00',
  [],
  [1, 'a', null],
  {},
  { nested: { deeper: [{}] } },
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: true } } },
];
const WEIRD_IDS = ['nope', 'WO-000000', '%20', '..%2F..', 'x'.repeat(300), '𠀀', '%00', 'constructor', '__proto__'];

/** Starting points a mutation departs from: the body each route is meant to take. */
function validBodies(ids: Record<string, string>): Record<string, unknown[]> {
  return {
    '/api/work-orders': [workOrderIntake()],
    '/api/work-orders/:id/actions': [
      { action: 'file', expectedVersion: 1 },
      { action: 'dispatch', expectedVersion: 2, department: 'A' },
      { action: 'reject', expectedVersion: 1, reason: 'x' },
    ],
    '/api/incidents': [incidentIntake()],
    '/api/incidents/:id/actions': [
      { action: 'dispatch', expectedVersion: 1, responderId: ids.responder },
      { action: 'report', expectedVersion: 2, kind: 'first', text: '到场' },
    ],
    '/api/responders/:id/position': [
      { lat: 45.6, lng: 84.9 },
      { lat: 45.6, lng: 84.9, coordSystem: 'gcj02' },
    ],
    '/api/staff': [{ name: '测评员', post: 'evaluator' }],
    '/api/staff/:id/duty': [{ onDuty: true }],
    '/api/shifts': [{ staffId: ids.responder, start: new Date(Date.now() + 86_400_000).toISOString(), end: new Date(Date.now() + 90_000_000).toISOString() }],
    '/api/shifts/:id/edit': [{ expectedVersion: 1, end: new Date(Date.now() + 95_000_000).toISOString() }],
    '/api/shifts/:id/delete': [{ expectedVersion: 1 }],
    '/api/roster/rotation': [{ post: 'responder', fromDay: new Date().toISOString().slice(0, 10), days: 3 }],
    '/api/roster/import': [{ format: 'csv', content: '工号,日期,开始,结束\nRESP-F,2025-03-10,08:00,16:00' }],
    '/api/roster/profiles/:id': [{ hireDate: '2024-01-01' }],
    '/api/settings': [{ pointMode: 'started_point' }, { tileUrl: '' }],
    '/api/score/deductions': [{ block: 'logistics', points: 2, reason: '断网' }],
    '/api/equipment-faults': [{ equipment: '坐席电话' }],
    '/api/users': [{ username: 'fuzz-user', password: 'amber-kettle-harbour', role: 'lead' }],
    '/api/api-keys': [{ name: 'fuzz-key', role: 'intake' }],
    '/api/login': [{ username: 'lead-test', password: 'lead-test-password' }],
  };
}

function mutate(rng: Rng, body: unknown): unknown {
  const op = rng.int(0, 7);
  if (op === 0 || body === null || typeof body !== 'object' || Array.isArray(body)) return op === 7 ? rng.pick(WEIRD) : body;
  const copy: Record<string, unknown> = structuredClone(body as Record<string, unknown>);
  const keys = Object.keys(copy);
  const key = keys.length ? rng.pick(keys) : 'x';
  switch (op) {
    case 1:
      delete copy[key];
      break;
    case 2:
    case 3:
      copy[key] = rng.pick(WEIRD);
      break;
    case 4:
      copy[rng.pick(['admin', 'role', 'id', 'seq', 'actor', '__proto__', 'constructor', 'x'.repeat(100)])] = rng.pick(WEIRD);
      break;
    case 5:
      copy[key] = { [key]: rng.pick(WEIRD), location: rng.pick(WEIRD) };
      break;
    case 6:
      return rng.pick(WEIRD);
    default:
      return copy;
  }
  return copy;
}

/**
 * Seeded fuzz over every write route the API has (enumerated from the app's router, so a route
 * added later is fuzzed too) and every socket command: 0 responses ≥ 500, nothing stored or
 * broadcast for a refused request, the server alive at the end.
 */
describe('fuzz: every write route and socket command', () => {
  let server: TestServer;
  let watcher: TestClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    const api = server.api.bind(server);
    ids.responder = await onDutyResponder(api, 'RESP-F');
    ids.order = (await api<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body.id;
    ids.incident = (await api<Incident>('POST', '/api/incidents', incidentIntake())).body.id;
    ids.shift = (await api<Shift>('POST', '/api/shifts', validBodies(ids)['/api/shifts'][0])).body.id;
    ids.fault = (await api<EquipmentFault>('POST', '/api/equipment-faults', { equipment: '电话' })).body.id;
    ids.deduction = (await api<ManualDeduction>('POST', '/api/score/deductions', { block: 'logistics', points: 2, reason: 'x' })).body.id;
    ids.username = 'lead-test';
    await server.headersFor('lead');
    watcher = await connectClient(server);
  });
  afterAll(async () => {
    watcher?.close();
    await server?.stop();
  });

  /** POST routes under /api, from the app's own router. */
  function writeRoutes(): string[] {
    const found = new Set<string>();
    const walk = (stack: RouterLayer[] | undefined, prefix: string) => {
      for (const layer of stack ?? []) {
        if (layer.route?.methods?.post) found.add(prefix + layer.route.path);
        else if (layer.handle?.stack) walk(layer.handle.stack, prefix === '' && layer.matchers ? '/api' : prefix);
      }
    };
    walk((server.grid.app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '');
    return [...found].filter((p) => p.startsWith('/api') && p !== '/api/logout');
  }

  const fill = (rng: Rng, path: string) =>
    path.replace(/:(\w+)/g, (_m, name: string) => {
      if (rng.chance(0.3)) return encodeURIComponent(rng.pick(WEIRD_IDS));
      if (name === 'username') return rng.pick(['lead-test', 'fuzz-user', 'nobody']);
      if (name === 'month') return rng.pick(['2025-03', '9999-99', 'x', new Date().toISOString().slice(0, 7)]);
      return rng.pick(Object.values(ids).filter((v) => v !== 'lead-test'));
    });

  it(`${HTTP_REQUESTS} HTTP requests and ${SOCKET_COMMANDS} socket commands: no 5xx, a refusal stores nothing`, async () => {
    const rng = new Rng(SEED);
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const bodies = validBodies(ids);
    const counts = async () => [await server.store.countEvents(), (await server.auth.listUsers()).length, (await server.auth.listApiKeys()).length].join('/');
    const statuses = new Map<number, number>();
    const failures: string[] = [];

    for (let i = 0; i < HTTP_REQUESTS; i++) {
      const template = rng.pick(routes);
      const path = fill(rng, template);
      const base = bodies[template] ? rng.pick(bodies[template]) : {};
      const body = mutate(rng, base);
      const raw = rng.chance(0.04) ? rng.pick(['{', '{"a":', 'null', '[]', '"str"', '{"a":1}}', '\u0000']) : JSON.stringify(body);
      const type = rng.chance(0.03) ? rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']) : 'application/json';
      const before = await counts();
      const res = await fetch(server.url + path, { method: 'POST', headers: { ...server.headers, 'content-type': type }, body: raw ?? 'null' });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${res.status} POST ${path} ${String(raw).slice(0, 200)}`);
      if (res.status >= 400 && (await counts()) !== before) failures.push(`stored on ${res.status}: POST ${path} ${String(raw).slice(0, 200)}`);
    }

    const socket = watcher.socket;
    const commands = ['sync', 'workOrder:create', 'workOrder:act', 'incident:create', 'incident:act'] as const;
    const socketBodies: Record<string, unknown[]> = {
      sync: [{ lastSeq: 0 }, { lastSeq: null }],
      'workOrder:create': [workOrderIntake()],
      'workOrder:act': [{ id: ids.order, action: 'file', expectedVersion: 1 }],
      'incident:create': [incidentIntake()],
      'incident:act': [{ id: ids.incident, action: 'arrive', expectedVersion: 2 }],
    };
    // Any name with any body, past the typed table: what a hostile client can send.
    const anyCommand = socket.emit.bind(socket) as (name: string, body: unknown, ack: (result: { ok: boolean; error?: { code: string } }) => void) => void;
    for (let i = 0; i < SOCKET_COMMANDS; i++) {
      const name = rng.pick(commands);
      const body = mutate(rng, rng.pick(socketBodies[name]));
      const before = await counts();
      const ack = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => anyCommand(name, body, resolve));
      if (!ack.ok && ack.error?.code === 'internal') failures.push(`internal error: ${name} ${JSON.stringify(body).slice(0, 200)}`);
      if (!ack.ok && (await counts()) !== before) failures.push(`stored on a refused ${name}: ${JSON.stringify(body).slice(0, 200)}`);
    }

    console.log(
      `fuzz: ${HTTP_REQUESTS} HTTP over ${routes.length} routes, statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${SOCKET_COMMANDS} socket commands`,
    );
    expect(failures).toEqual([]);
    expect((await server.api('GET', '/api/health')).status).toBe(200);
    expect(socket.connected).toBe(true);
    // Everything that was stored reached the live client in order: no gap, no stray broadcast.
    const head = await server.store.lastSeq();
    await new Promise((r) => setTimeout(r, 300));
    expect(watcher.sync.state.seq).toBe(head);
  }, 300_000);
});
