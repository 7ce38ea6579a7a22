import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { BoardSync, type SyncStatus } from '../../shared/realtime/board-sync';
import type { Ack, ApiError, ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/protocol';
import type { EventEnvelope } from '../../shared/events';
import { createApp, type AppOptions, type GridApp } from '../../server/app';
import { FakeClock } from '../../server/clock';
import { openStores } from '../../server/store/open-store';
import type { Store } from '../../server/store/store';
import { testStoreLocation } from './test-store';
import { AuthService } from '../../server/auth/auth-service';
import { SESSION_COOKIE } from '../../server/auth/cookies';
import { addStaff } from '../../server/board/staff.commands';
import type { Role } from '../../shared/roles';
import { DEFAULT_SETTINGS, type ContractSettings } from '../../shared/settings';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The body of a refused request: `server.api<ErrorBody>(...)` or `res.body as ErrorBody`. */
export type ErrorBody = { error: ApiError };

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export interface TestServer {
  url: string;
  port: number;
  dbFile: string;
  clock: FakeClock;
  grid: GridApp;
  store: Store;
  /** Headers every request and socket of this harness sends (auth goes here). */
  headers: Record<string, string>;
  auth: AuthService;
  /**
   * Credentials for a caller of `role`: a session cookie for people (user `<role>-test`, or
   * `username`), a kiosk session for wall, an X-Api-Key for intake; null = no credentials.
   */
  headersFor(role: Role | null, username?: string): Promise<Record<string, string>>;
  /**
   * One request; the body is parsed JSON (or the text when it is not JSON). `T` is what the test
   * expects the body to be (a success type, or `ErrorBody` for a refusal): the harness does not
   * check it, so a test that reads fields names the type first.
   */
  api: <T = unknown>(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>) => Promise<ApiResponse<T>>;
  /** Stops the server and closes the db, keeping the file. */
  stop(): Promise<void>;
  /** Starts again on the same port and db file (a restart). */
  start(): Promise<void>;
}

export interface TestServerOptions extends Partial<Omit<AppOptions, 'store'>> {
  dbFile?: string;
  clock?: FakeClock;
  /** Who `server.headers` (and so `api` and `connectClient`) act as; default admin, null = anonymous. */
  as?: Role | null;
}

/**
 * The contract's settings with a renewal after the first service period, so a test running on
 * today's clock is inside a service period (outside one nothing scores). Tests dated in the
 * first period (March 2025) see exactly the contract.
 */
export const TEST_SETTINGS: ContractSettings = {
  ...DEFAULT_SETTINGS,
  servicePeriods: [...DEFAULT_SETTINGS.servicePeriods, { start: '2025-09-20', end: '2035-09-19' }],
};

export function tempDbFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'gridops-test-')), 'gridops.db');
}

/** A real server on a free port with a temp SQLite file (or its PostgreSQL schema) and a fake clock. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dbFile = options.dbFile ?? tempDbFile();
  const clock = options.clock ?? new FakeClock(new Date());
  const server = { dbFile, clock, headers: {}, port: 0 } as TestServer;

  const boot = async (port: number) => {
    // SQLite, or PostgreSQL in the integration suite's second run (test-store.ts).
    const stores = await openStores(testStoreLocation(dbFile));
    server.store = stores.store;
    // Cheap hashes and sessions that outlive any clock jump a test makes (a month in seconds).
    server.auth = options.auth ?? new AuthService({ store: stores.authStore, clock, bcryptRounds: 4, sessionTtlMs: 10 * 365 * 86_400_000 });
    const field = { store: stores.fieldStore, photoDir: join(dirname(dbFile), 'photos') };
    server.grid = createApp({ field, ...options, settings: options.settings ?? TEST_SETTINGS, auth: server.auth, store: server.store, clock });
    server.port = await server.grid.listen(port, '127.0.0.1');
    server.url = `http://127.0.0.1:${server.port}`;
  };
  await boot(0);

  server.headersFor = async (role, username): Promise<Record<string, string>> => {
    if (role === null) return {};
    if (role === 'intake') {
      const { token } = await server.auth.createApiKey(
        { name: `intake-${Math.random().toString(36).slice(2, 8)}`, role: 'intake' },
        { id: 'test', role: 'admin' },
      );
      return { 'x-api-key': token };
    }
    if (role === 'wall' && !username) return { cookie: `${SESSION_COOKIE}=${await server.auth.startSession('kiosk:test', 'wall', null)}` };
    const name = username ?? `${role}-test`;
    if (!(await server.auth.listUsers()).some((u) => u.username === name)) {
      // Responders and evaluators log in as a staff record of their post: one is made for them.
      const staffId = role === 'responder' || role === 'evaluator' ? await fieldStaff(server, role, name) : undefined;
      await server.auth.createUser({ username: name, password: `${name}-password`, role, ...(staffId ? { staffId } : {}) });
    }
    return { cookie: `${SESSION_COOKIE}=${await server.auth.startSession(name, role, name)}` };
  };
  Object.assign(server.headers, await server.headersFor(options.as === undefined ? 'admin' : options.as));

  server.api = async <T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResponse<T>> => {
    const init: RequestInit = { method, headers: { ...server.headers, ...extraHeaders } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(server.url + path, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T };
  };
  server.stop = async () => {
    await server.grid.close();
    await server.store.close();
    // Let this process's fetch pool see its keep-alive sockets closed, or the first request after a
    // quick restart may be written to a dead one ("other side closed").
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  server.start = () => boot(server.port);
  return server;
}

/** A staff record for a test's field account (`<username>` upper-cased as its id). */
async function fieldStaff(server: TestServer, post: 'responder' | 'evaluator', username: string): Promise<string> {
  const id = username.toUpperCase().replace(/[^A-Z0-9_-]/g, '-');
  if (!(await server.store.getStaff(id))) {
    await addStaff(server.grid.ctx, { id, name: username, post }, { id: 'test', role: 'admin' });
  }
  return id;
}

export interface TestClient {
  socket: ClientSocket;
  sync: BoardSync;
  /** Every live event this client received, in arrival order. */
  received: EventEnvelope[];
  statuses: SyncStatus[];
  close(): void;
}

/** The error of an ack that must be a refusal (a test fails here when it was not). */
export function refusal(ack: Ack<unknown>): ApiError {
  if (ack.ok) throw new Error('expected a refused command, got ok');
  return ack.error;
}

/** A real socket.io-client folding events with the shared BoardSync; resolves once live. */
export async function connectClient(server: Pick<TestServer, 'url' | 'headers'>): Promise<TestClient> {
  const socket: ClientSocket = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: server.headers,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    forceNew: true,
  });
  const received: EventEnvelope[] = [];
  const statuses: SyncStatus[] = [];
  socket.on('event', (e) => received.push(e));
  socket.on('events', (events) => received.push(...events));
  let resolveLive: () => void;
  const live = new Promise<void>((resolve) => (resolveLive = resolve));
  const sync = new BoardSync(socket, {
    later: (fn, ms) => setTimeout(fn, ms),
    onStatus: (status) => {
      statuses.push(status);
      if (status === 'live') resolveLive();
    },
  });
  await live;
  return { socket, sync, received, statuses, close: () => socket.close() };
}

/** Polls until `check` passes or the time is up (then throws its last error). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 3000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
