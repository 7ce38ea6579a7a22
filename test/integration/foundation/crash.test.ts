import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDbFile } from '../../support/server';
import { testStoreEnv } from '../../support/test-store';
import { workOrderIntake } from '../../support/factories';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { Snapshot } from '../../../shared/board/state';
import type { EventEnvelope } from '../../../shared/events';

/** A free port on loopback, so the crashed server can come back on the same address. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const PASSWORD = 'crash-test-admin-pw';

function startServer(dbFile: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...testStoreEnv(dbFile),
      GRIDOPS_DEMO: '0',
      GRIDOPS_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000; // a cold tsx start takes 20 s+ on a loaded 2-core machine
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

describe('a crash (SIGKILL) loses no acknowledged command', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  it('every order answered 201 before the kill is there after the restart, with its event', async () => {
    const dbFile = tempDbFile();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    children.push(await startServer(dbFile, port));
    const login = async () => {
      const res = await fetch(`${base}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      return res.headers.get('set-cookie')!.split(';')[0];
    };
    const cookie = await login();

    // Orders stream in; the process is killed while some are in flight.
    const acknowledged: string[] = [];
    let killed = false;
    const post = async () => {
      try {
        const res = await fetch(`${base}/api/work-orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(workOrderIntake()),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as WorkOrder).id);
      } catch {
        /* in flight when the process died: not acknowledged, may or may not be stored */
      }
    };
    const senders = Array.from({ length: 8 }, async () => {
      while (!killed) await post();
    });
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
    children[0].kill('SIGKILL');
    killed = true;
    await Promise.all(senders);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    children.push(await startServer(dbFile, port));
    const after = await login();
    const get = <T>(path: string) => fetch(base + path, { headers: { cookie: after } }).then((r) => r.json() as Promise<T>);
    const snapshot = await get<Snapshot>('/api/snapshot');
    const stored = new Set(snapshot.workOrders.map((o) => o.id));
    for (const id of acknowledged) expect(stored.has(id), `order ${id} was acknowledged`).toBe(true);
    // Each stored order has exactly its one event: no state without its event.
    const events = await get<{ events: EventEnvelope[] }>(`/api/events?after=0&limit=5000`);
    const received = events.events.filter((e) => e.type === 'workOrder.received').map((e) => e.entityId);
    expect(new Set(received)).toEqual(stored);
    expect(received.length).toBe(stored.size);
  });
});
