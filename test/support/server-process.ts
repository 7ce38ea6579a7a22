import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_BUNDLE } from '../../scripts/server-bundle';
import { answersHealth } from './health';
import { testStoreEnv } from './test-store';

export { freePort } from './health';

/**
 * A real GridOps server in its own process, as `npm start` runs it (server/main.ts compiled into
 * dist/server/main.mjs by the global setup), for tests that kill it with SIGKILL and start it again
 * on the same database and address.
 */

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
  // A start took several seconds on a loaded 2-core machine.
  return answersHealth(`http://127.0.0.1:${port}`, 60_000).then((up) => {
    if (!up) throw new Error('server did not start');
    return child;
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
