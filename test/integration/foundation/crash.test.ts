import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDbFile } from '../../support/server';
import { workOrderIntake } from '../../support/factories';
import { adminCookie, freePort, startServerProcess } from '../../support/server-process';
import type { WorkOrder } from '../../../shared/domain/work-order';
import type { Snapshot } from '../../../shared/board/state';
import type { EventEnvelope } from '../../../shared/events';

const PASSWORD = 'crash-test-admin-pw';

describe('a crash (SIGKILL) loses no acknowledged command', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  it('every order answered 201 before the kill is there after the restart, with its event', async () => {
    const dbFile = tempDbFile();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    children.push(await startServerProcess(dbFile, port, PASSWORD));
    const login = () => adminCookie(base, PASSWORD);
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

    children.push(await startServerProcess(dbFile, port, PASSWORD));
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
