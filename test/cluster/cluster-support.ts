import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createApp, type GridApp } from '../../server/app';
import { AuthService } from '../../server/auth/auth-service';
import { SESSION_COOKIE } from '../../server/auth/cookies';
import { FakeClock } from '../../server/clock';
import { redisCluster } from '../../server/cluster/redis-adapter';
import { openStores } from '../../server/store/open-store';
import type { Store } from '../../server/store/store';
import type { Health } from '../../shared/realtime/routes';
import type { Role } from '../../shared/roles';
import { answersHealth, freePort } from '../support/health';

export { freePort };

/**
 * Several GridOps nodes on one PostgreSQL schema and one Redis, behind the repository's HAProxy
 * config: the harness of the cluster tests and of `npm run bench -- cluster`.
 */

export const REDIS_URL = process.env.GRIDOPS_TEST_REDIS ?? 'redis://127.0.0.1:6379';
export const haproxyInstalled = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;

export const newSchema = (prefix = 'c') => `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/** Until `url`'s /api/health answers 200 (and `answered` accepts its answer, when given). */
export async function waitHealthy(url: string, timeoutMs = 60_000, answered?: (health: Health) => boolean): Promise<void> {
  if (!(await answersHealth(url, timeoutMs, answered))) throw new Error(`${url} did not become healthy`);
}

/**
 * Until the proxy sends requests to node `id` again (its /api/health names the node that answered).
 * HAProxy balances by least connections, so a node it has just taken back, holding none, answers
 * the next request: this returns as soon as the node is in rotation, not after a guessed wait.
 */
export const inRotation = (proxyUrl: string, id: string, timeoutMs = 30_000): Promise<void> => waitHealthy(proxyUrl, timeoutMs, (health) => health.node === id);

export interface InProcessNode {
  id: string;
  url: string;
  port: number;
  grid: GridApp;
  store: Store;
  auth: AuthService;
  /** Sockets connected to this node. */
  sockets(): number;
  stop(): Promise<void>;
}

/** A node in this process (createApp on PgStore + the Redis adapter), as main.ts builds one. */
export async function startInProcessNode(id: string, databaseUrl: string, schema: string, clock: FakeClock): Promise<InProcessNode> {
  const stores = await openStores({ dbFile: ':memory:', databaseUrl, databaseSchema: schema, poolSize: 6 });
  const auth = new AuthService({ store: stores.authStore, clock, bcryptRounds: 4, sessionTtlMs: 10 * 365 * 86_400_000 });
  const cluster = await redisCluster(id, REDIS_URL, `gridops:${schema}`);
  const grid = createApp({ store: stores.store, auth, clock, cluster });
  const port = await grid.listen(0, '127.0.0.1');
  return {
    id,
    url: `http://127.0.0.1:${port}`,
    port,
    grid,
    store: stores.store,
    auth,
    sockets: () => grid.realtime.io.of('/').sockets.size,
    async stop() {
      await grid.close();
      await cluster.close();
      await stores.close();
    },
  };
}

/** A session cookie (or an intake key) valid on every node: sessions live in the database. */
export async function credentialsFor(auth: AuthService, role: Role, username = `${role}-cluster`): Promise<Record<string, string>> {
  if (role === 'intake') {
    const { token } = await auth.createApiKey({ name: `intake-${Math.random().toString(36).slice(2, 8)}`, role: 'intake' }, { id: 'test', role: 'admin' });
    return { 'x-api-key': token };
  }
  if (!(await auth.listUsers()).some((u) => u.username === username)) await auth.createUser({ username, password: `${username}-password`, role });
  return { cookie: `${SESSION_COOKIE}=${await auth.startSession(username, role, username)}` };
}

export interface Proxy {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * HAProxy with deploy/haproxy/gridops.cfg in front of two nodes, on loopback; health checks every
 * `checks.everyMs`, and `checks.rise` good ones bring a node back (the config's 1 s and 2 by default).
 */
export async function startProxy(nodePorts: [number, number], checks: { everyMs?: number; rise?: number } = {}): Promise<Proxy> {
  const port = await freePort();
  const child = spawn('haproxy', ['-db', '-f', 'deploy/haproxy/gridops.cfg'], {
    stdio: 'ignore',
    env: {
      ...process.env,
      GRIDOPS_PROXY_BIND: '127.0.0.1',
      GRIDOPS_PROXY_PORT: String(port),
      GRIDOPS_NODE_A: `127.0.0.1:${nodePorts[0]}`,
      GRIDOPS_NODE_B: `127.0.0.1:${nodePorts[1]}`,
      ...(checks.everyMs ? { GRIDOPS_CHECK_MS: String(checks.everyMs) } : {}),
      ...(checks.rise ? { GRIDOPS_CHECK_RISE: String(checks.rise) } : {}),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, 15_000);
  return {
    url,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface NodeProcess {
  id: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** kill -9: no shutdown handler runs. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** The environment of node `id` on `port`: one schema, one Redis, no demo. */
function nodeEnv(id: string, port: number, databaseUrl: string, schema: string, adminPassword: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    GRIDOPS_NODE_ID: id,
    GRIDOPS_DEMO: '0',
    GRIDOPS_DATABASE_URL: databaseUrl,
    GRIDOPS_DATABASE_SCHEMA: schema,
    GRIDOPS_REDIS_URL: REDIS_URL,
    GRIDOPS_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
  };
}

/** Waits for the spawned node's health check; a node that does not come up is killed, with its last words. */
async function nodeUp(id: string, port: number, child: ChildProcess, stderrTail: () => string): Promise<NodeProcess> {
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitHealthy(url, 90_000).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message} (node ${id}, exit ${child.exitCode ?? child.signalCode}): ${stderrTail()}`);
  });
  return {
    id,
    port,
    url,
    child,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function spawnNode(argv: string[], env: NodeJS.ProcessEnv, ipc = false) {
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe', ...(ipc ? (['ipc'] as const) : [])], env });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  return { child, stderrTail: () => stderr };
}

/**
 * A node as its own process, so it can be killed with SIGKILL. `bundle`: server/main.ts compiled
 * as `npm start` runs it (scripts/server-bundle.ts), which starts in a fraction of tsx's time.
 */
export async function startNodeProcess(
  id: string,
  port: number,
  databaseUrl: string,
  schema: string,
  adminPassword: string,
  bundle: string,
): Promise<NodeProcess> {
  const { child, stderrTail } = spawnNode([bundle], nodeEnv(id, port, databaseUrl, schema, adminPassword));
  return nodeUp(id, port, child, stderrTail);
}

export interface StandbyNode {
  /** Resolves once the process has loaded its packages and waits. */
  ready: Promise<void>;
  /** Starts the node (main.ts runs now) and resolves when it answers its health check. */
  go(): Promise<NodeProcess>;
  /** Ends a standby that was never started. */
  discard(): void;
}

/**
 * A fresh node process that loads its packages now and starts the node later, on `go()`: the
 * process a supervisor would start after a crash, with the loading (most of a start's CPU) done
 * ahead. What runs on `go` is all of main.ts: the store opened and migrated, the relay and the
 * score service started from the database, the admin ensured, the port bound.
 */
export function standbyNodeProcess(id: string, port: number, databaseUrl: string, schema: string, adminPassword: string, launcher: string): StandbyNode {
  const { child, stderrTail } = spawnNode([launcher], nodeEnv(id, port, databaseUrl, schema, adminPassword), true);
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`standby node ${id} exited (${code}): ${stderrTail()}`)));
  });
  return {
    ready,
    async go() {
      await ready;
      child.send('go');
      return nodeUp(id, port, child, stderrTail);
    },
    discard: () => void child.kill('SIGKILL'),
  };
}

/** 1..n concurrent workers over `items`. */
export async function inParallel<T>(items: T[], workers: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

export { FakeClock };
