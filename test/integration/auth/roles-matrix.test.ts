import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import { ROLES, type Role } from '../../../shared/roles';
import type { Incident } from '../../../shared/domain/incident';
import type { WorkOrder } from '../../../shared/domain/work-order';
import { incidentIntake, onDutyResponder, workOrderIntake } from '../../support/factories';
import { startTestServer, type ClientSocket, type TestServer } from '../../support/server';

/**
 * Every route and socket command × every role, as specified (shared/roles.ts, DESIGN "Roles").
 * "allowed" means the role check let the call through: any answer but 401/403 (a 400 for a
 * deliberately incomplete body still proves the door was open). Unauthenticated is always 401.
 * A route or command missing from these tables fails the completeness tests below: add its row.
 */
type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];
const READERS: Role[] = ['wall', 'seat', 'lead', 'manager', 'admin'];
/** Seat agents and up: order entry's reads and the seat's part of the workflow. */
const SEATS: Role[] = ['seat', 'lead', 'manager', 'admin'];
const LEADS: Role[] = ['lead', 'manager', 'admin'];
const MANAGERS: Role[] = ['manager', 'admin'];
const ADMINS: Role[] = ['admin'];
const INTAKE: Role[] = ['intake', 'seat', 'lead', 'manager', 'admin'];
const FIELD: Role[] = ['responder', 'evaluator'];
const RESPONDER: Role[] = ['responder'];
const EVALUATOR: Role[] = ['evaluator'];
const PHOTO_VIEWERS: Role[] = [...SEATS, ...FIELD];
const PUBLIC = 'public' as const;

interface RouteRow {
  method: 'GET' | 'POST';
  path: string;
  allowed: Role[] | typeof PUBLIC;
  body?: () => unknown;
  /** Ends the caller's session: run with a throwaway one. */
  fresh?: true;
}

const ROUTES: RouteRow[] = [
  { method: 'GET', path: '/api/health', allowed: PUBLIC },
  { method: 'POST', path: '/api/login', allowed: PUBLIC, body: () => ({ username: 'matrix-lead', password: 'matrix-lead-password' }) },
  { method: 'POST', path: '/api/logout', allowed: PUBLIC, body: () => ({}), fresh: true },
  { method: 'GET', path: '/api/me', allowed: ROLES.slice() },
  { method: 'GET', path: '/api/snapshot', allowed: READERS },
  { method: 'GET', path: '/api/events', allowed: LEADS },
  { method: 'GET', path: '/api/staff', allowed: READERS },
  { method: 'POST', path: '/api/staff', allowed: MANAGERS, body: () => ({}) },
  { method: 'POST', path: '/api/staff/:id/duty', allowed: LEADS, body: () => ({ onDuty: true }) },
  { method: 'POST', path: '/api/responders/:id/position', allowed: LEADS, body: () => ({ lat: 45.6, lng: 84.87 }) },
  { method: 'POST', path: '/api/work-orders', allowed: INTAKE, body: () => workOrderIntake() },
  { method: 'GET', path: '/api/work-orders', allowed: SEATS },
  { method: 'GET', path: '/api/work-orders/duplicates', allowed: SEATS },
  { method: 'GET', path: '/api/work-orders/:id', allowed: SEATS },
  { method: 'GET', path: '/api/work-orders/:id/events', allowed: SEATS },
  // 立单 is a seat's action; the lead-only actions are refused to a seat in test/integration/auth/seat-role.test.ts.
  { method: 'POST', path: '/api/work-orders/:id/actions', allowed: SEATS, body: () => ({ action: 'file', expectedVersion: 0 }) },
  { method: 'POST', path: '/api/incidents', allowed: LEADS, body: () => incidentIntake() },
  { method: 'GET', path: '/api/incidents/:id', allowed: LEADS },
  { method: 'GET', path: '/api/incidents/:id/events', allowed: LEADS },
  { method: 'POST', path: '/api/incidents/:id/actions', allowed: LEADS, body: () => ({ action: 'arrive', expectedVersion: 0 }) },
  { method: 'GET', path: '/api/coverage/now', allowed: READERS },
  { method: 'GET', path: '/api/coverage/days', allowed: LEADS },
  { method: 'GET', path: '/api/roster/week', allowed: LEADS },
  { method: 'POST', path: '/api/shifts', allowed: LEADS, body: () => ({}) },
  { method: 'POST', path: '/api/shifts/:id/edit', allowed: LEADS, body: () => ({}) },
  { method: 'POST', path: '/api/shifts/:id/delete', allowed: LEADS, body: () => ({}) },
  { method: 'POST', path: '/api/roster/rotation', allowed: LEADS, body: () => ({}) },
  { method: 'POST', path: '/api/roster/import', allowed: LEADS, body: () => ({}) },
  { method: 'POST', path: '/api/roster/profiles/:id', allowed: MANAGERS, body: () => ({}) },
  { method: 'POST', path: '/api/roster/profiles/:id/replacement-request', allowed: MANAGERS, body: () => ({}) },
  { method: 'POST', path: '/api/roster/profiles/:id/replacement-fulfilled', allowed: MANAGERS, body: () => ({}) },
  { method: 'GET', path: '/api/score', allowed: READERS },
  { method: 'GET', path: '/api/score/what-if', allowed: READERS },
  // Month-end reports: the manager's (no month given: a 400 that names it, never a render).
  { method: 'GET', path: '/api/reports/assessment', allowed: MANAGERS },
  { method: 'GET', path: '/api/reports/assessment.pdf', allowed: MANAGERS },
  { method: 'POST', path: '/api/reports/assessment/archive', allowed: MANAGERS, body: () => ({}) },
  { method: 'GET', path: '/api/reports/operations', allowed: MANAGERS },
  { method: 'GET', path: '/api/reports/operations.xlsx', allowed: MANAGERS },
  { method: 'POST', path: '/api/score/:month/close', allowed: MANAGERS, body: () => ({}) },
  { method: 'POST', path: '/api/score/:month/reopen', allowed: MANAGERS, body: () => ({}) },
  { method: 'GET', path: '/api/settings', allowed: READERS },
  { method: 'POST', path: '/api/settings', allowed: MANAGERS, body: () => ({ expectedVersion: -1 }) },
  { method: 'POST', path: '/api/work-orders/:id/quality-check', allowed: LEADS, body: () => ({}) },
  { method: 'POST', path: '/api/work-orders/:id/judge-dispatch', allowed: MANAGERS, body: () => ({}) },
  { method: 'POST', path: '/api/evaluator-reports/:id/verify', allowed: MANAGERS, body: () => ({}) },
  { method: 'GET', path: '/api/equipment-faults', allowed: LEADS },
  { method: 'POST', path: '/api/equipment-faults', allowed: LEADS, body: () => ({}) },
  { method: 'POST', path: '/api/equipment-faults/:id/repair', allowed: LEADS, body: () => ({}) },
  { method: 'GET', path: '/api/audit', allowed: ADMINS },
  { method: 'GET', path: '/api/planning/seat-demand', allowed: LEADS },
  { method: 'GET', path: '/api/score/deductions', allowed: MANAGERS },
  { method: 'POST', path: '/api/score/deductions', allowed: MANAGERS, body: () => ({}) },
  { method: 'POST', path: '/api/score/deductions/:id/revise', allowed: MANAGERS, body: () => ({}) },
  { method: 'GET', path: '/api/field/me', allowed: FIELD },
  { method: 'POST', path: '/api/field/duty', allowed: FIELD, body: () => ({}) },
  { method: 'POST', path: '/api/field/position', allowed: RESPONDER, body: () => ({}) },
  { method: 'POST', path: '/api/field/incidents/:id/arrive', allowed: RESPONDER, body: () => ({}) },
  { method: 'POST', path: '/api/field/incidents/:id/report', allowed: RESPONDER, body: () => ({}) },
  { method: 'GET', path: '/api/field/evaluator-reports', allowed: EVALUATOR },
  { method: 'POST', path: '/api/field/evaluator-reports', allowed: EVALUATOR, body: () => ({}) },
  { method: 'POST', path: '/api/field/photos', allowed: FIELD, body: () => ({}) },
  { method: 'POST', path: '/api/photos', allowed: SEATS, body: () => ({}) },
  { method: 'GET', path: '/api/photos/:id', allowed: PHOTO_VIEWERS },
  { method: 'GET', path: '/api/users', allowed: ADMINS },
  { method: 'POST', path: '/api/users', allowed: ADMINS, body: () => ({}) },
  { method: 'POST', path: '/api/users/:username/disable', allowed: ADMINS, body: () => ({ unexpected: true }) },
  { method: 'POST', path: '/api/users/:username/enable', allowed: ADMINS, body: () => ({}) },
  { method: 'POST', path: '/api/users/:username/password', allowed: ADMINS, body: () => ({}) },
  { method: 'GET', path: '/api/api-keys', allowed: ADMINS },
  { method: 'POST', path: '/api/api-keys', allowed: ADMINS, body: () => ({}) },
  { method: 'POST', path: '/api/api-keys/:id/revoke', allowed: ADMINS, body: () => ({}) },
];

interface CommandRow {
  name: 'sync' | 'workOrder:create' | 'workOrder:act' | 'incident:create' | 'incident:act';
  allowed: Role[];
  body: () => unknown;
}

const COMMANDS: CommandRow[] = [
  { name: 'sync', allowed: READERS, body: () => ({ lastSeq: null }) },
  { name: 'workOrder:create', allowed: INTAKE, body: () => workOrderIntake() },
  { name: 'workOrder:act', allowed: SEATS, body: () => ({ id: ids.workOrder, action: 'file', expectedVersion: 0 }) },
  { name: 'incident:create', allowed: LEADS, body: () => incidentIntake() },
  { name: 'incident:act', allowed: LEADS, body: () => ({ id: ids.incident, action: 'arrive', expectedVersion: 0 }) },
];

let server: TestServer;
const ids = { workOrder: '', incident: '', responder: 'R-MATRIX' };
const headers = new Map<Caller, Record<string, string>>();

beforeAll(async () => {
  server = await startTestServer({ as: null });
  const admin = await server.headersFor('admin');
  const asAdmin = <T = unknown>(method: string, path: string, body?: unknown) => server.api<T>(method, path, body, admin);
  await onDutyResponder(asAdmin, ids.responder);
  ids.workOrder = (await asAdmin<WorkOrder>('POST', '/api/work-orders', workOrderIntake())).body.id;
  ids.incident = (await asAdmin<Incident>('POST', '/api/incidents', incidentIntake())).body.id;
  await server.auth.createUser({ username: 'matrix-lead', password: 'matrix-lead-password', role: 'lead' });
  for (const caller of CALLERS) headers.set(caller, await server.headersFor(caller === 'anonymous' ? null : caller));
});
afterAll(() => server.stop());

const concrete = (path: string) =>
  path
    .replace('/work-orders/:id', `/work-orders/${ids.workOrder}`)
    .replace('/incidents/:id', `/incidents/${ids.incident}`)
    .replace('/staff/:id', `/staff/${ids.responder}`)
    .replace('/responders/:id', `/responders/${ids.responder}`)
    .replace('/shifts/:id', '/shifts/no-such-shift')
    .replace('/profiles/:id', `/profiles/${ids.responder}`)
    .replace('/score/:month', '/score/2025-03')
    .replace('/evaluator-reports/:id', '/evaluator-reports/no-such-report')
    .replace('/equipment-faults/:id', '/equipment-faults/no-such-fault')
    .replace('/deductions/:id', '/deductions/no-such-deduction')
    .replace('/api-keys/:id', '/api-keys/no-such-key')
    .replace('/users/:username', '/users/no-such-user')
    .replace('/photos/:id', '/photos/no-such-photo');

describe('HTTP routes × roles', () => {
  for (const row of ROUTES) {
    for (const caller of CALLERS) {
      const expected = row.allowed === PUBLIC ? 'allowed' : caller === 'anonymous' ? 401 : row.allowed.includes(caller) ? 'allowed' : 403;
      it(`${row.method} ${row.path} as ${caller} → ${expected}`, async () => {
        const as = row.fresh ? await server.headersFor(caller === 'anonymous' ? null : caller) : headers.get(caller);
        const res = await server.api(row.method, concrete(row.path), row.body?.(), as);
        if (expected === 'allowed') expect([401, 403], JSON.stringify(res.body)).not.toContain(res.status);
        else expect(res.status, JSON.stringify(res.body)).toBe(expected);
      });
    }
  }

  it('every route the app serves, listed here or not, refuses anonymous callers (401) and intake keys (403)', async () => {
    const served = listRoutes((server.grid.app as unknown as { router: RouterLike }).router);
    const listed = ROUTES.map((r) => `${r.method} ${r.path}`);
    // Open311 GeoReport routes (`…{.:format}`, mounted at /open311/v2) are public by the spec and
    // take an api_key; test/integration/open311 checks their doors. The lister cannot see mount paths.
    const unlisted = served.filter((r) => !listed.includes(r) && !r.endsWith('{.:format}'));
    // A new route gets this floor at once; its full row (which roles may call it) belongs in ROUTES.
    if (unlisted.length > 0) console.warn(`roles matrix: add rows for ${unlisted.join(', ')}`);
    for (const entry of unlisted) {
      const [method, path] = entry.split(' ');
      const url = path.replace(/:[a-zA-Z]+/g, 'matrix-x');
      const anonymous = await server.api(method, url, method === 'POST' ? {} : undefined, headers.get('anonymous'));
      expect(anonymous.status, `${entry} as anonymous`).toBe(401);
      const intake = await server.api(method, url, method === 'POST' ? {} : undefined, headers.get('intake'));
      expect(intake.status, `${entry} as intake`).toBe(403);
    }
    expect(served.length).toBeGreaterThanOrEqual(ROUTES.length);
  });
});

describe('socket commands × roles', () => {
  const connect = (caller: Caller) =>
    new Promise<ClientSocket | Error>((resolve) => {
      const socket: ClientSocket = connectSocket(server.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: headers.get(caller),
      });
      socket.on('connect', () => resolve(socket));
      socket.on('connect_error', (error) => (socket.close(), resolve(error)));
    });

  it('an unauthenticated socket is refused at the handshake', async () => {
    const result = await connect('anonymous');
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toBe('unauthenticated');
  });

  for (const row of COMMANDS) {
    for (const role of ROLES) {
      const expected = row.allowed.includes(role) ? 'allowed' : 'refused';
      it(`${row.name} as ${role} → ${expected}`, async () => {
        const socket = (await connect(role)) as ClientSocket;
        try {
          const ack = await (socket.emitWithAck as (n: string, b: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(row.name, row.body());
          if (expected === 'allowed') expect(ack.ok || ack.error?.code !== 'forbidden', JSON.stringify(ack)).toBe(true);
          else expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        } finally {
          socket.close();
        }
      });
    }
  }

  it('the table covers every command the server listens to', async () => {
    const socket = (await connect('admin')) as ClientSocket;
    const live = [...server.grid.realtime.io.of('/').sockets.values()].find((s) => s.id === socket.id)!;
    const listened = live
      .eventNames()
      .map(String)
      .filter((n) => n !== 'disconnect' && n !== 'disconnecting' && n !== 'error');
    socket.close();
    expect(
      listened.filter((n) => !COMMANDS.some((c) => c.name === n)),
      'commands missing from the role matrix',
    ).toEqual([]);
  });
});

interface RouterLike {
  stack: Array<{ route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown } }>;
}

/**
 * Walks the Express app's routers and lists "METHOD /api/path". Every router below the app is the
 * API router (mounted at /api) or one of its route modules (mounted without a path).
 */
function listRoutes(router: RouterLike, depth = 0): string[] {
  const out: string[] = [];
  for (const layer of router.stack) {
    if (layer.route && depth > 0) {
      for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} /api${layer.route.path}`);
    } else if (layer.handle?.stack) {
      out.push(...listRoutes(layer.handle as RouterLike, depth + 1));
    }
  }
  return [...new Set(out)];
}
