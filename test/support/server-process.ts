import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { SERVER_BUNDLE } from '../../scripts/server-bundle';
import { testStoreEnv } from './test-store';

/**
 * A real GridOps server in its own process, as `npm start` runs it (server/main.ts compiled into
 * dist/server/main.mjs by the global setup), for tests that kill it with SIGKILL and start it again
 * on the same database and address.
 */

/** A free port on loopback, so the crashed server can come back on the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the server on `dbFile` (or the PostgreSQL test store) and resolves once it answers its health check. */
export function startServerProcess(dbFile: string, port: number, adminPassword: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...testStoreEnv(dbFile),
      GRIDOPS_DEMO: '0',
      GRIDOPS_ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000; // a start took several seconds on a loaded 2-core machine
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return resolve(child);
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) return reject(new Error('server did not start'));
      setTimeout(() => void poll(), 100);
    };
    void poll();
  });
}

/** Logs in as the seeded admin; the session cookie to send. */
export async function adminCookie(base: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  return res.headers.get('set-cookie')!.split(';')[0];
}
