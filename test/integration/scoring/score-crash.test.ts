import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../server/clock';
import { staffingFactsForMonth } from '../../../server/roster/staffing-facts';
import { ScoreService } from '../../../server/score/score.service';
import { openStores } from '../../../server/store/open-store';
import type { NewEvent } from '../../../server/store/store';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { CHECKPOINT_VERSION, type MonthScore } from '../../../shared/scoring';
import { tempDbFile } from '../../support/server';
import { testStoreEnv, testStoreLocation } from '../../support/test-store';
import { workOrderIntake } from '../../support/factories';

/** A free port on loopback, so the crashed server can come back on the same address. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const PASSWORD = 'score-crash-admin-pw';

interface Order {
  id: string;
  version: number;
}

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
      // A checkpoint every 25 events: several are written before the kill, and events follow the last one.
      GRIDOPS_SCORE_CHECKPOINT_EVERY: '25',
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

/** What must agree to the fen (projection and asOf move with the clock between two reads). */
const settled = (s: MonthScore) => ({
  month: s.month,
  total: s.total,
  fee: s.fee.paidFen,
  factCount: s.factCount,
  rates: s.rates,
  blocks: s.blocks.map((b) => [b.block, b.deducted]),
});

describe('a crash (SIGKILL) between score checkpoints', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  it('the restarted server starts from the last checkpoint and scores the month as a fold of the whole log', async () => {
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
    let cookie = await login();
    const api = async <T = unknown>(method: string, path: string, body?: unknown) => {
      const res = await fetch(base + path, {
        method,
        headers: { 'content-type': 'application/json', cookie },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    // Today inside a service period, so what happens now counts.
    const year = new Date().getUTCFullYear();
    expect((await api('POST', '/api/settings', { servicePeriods: [{ start: `${year - 1}-01-01`, end: `${year + 1}-12-31` }] })).status).toBe(200);

    // Orders run their course (dispatched, some wrongly reassigned, handled, most called back) until the kill.
    let killed = false;
    let done = 0;
    const life = async (i: number) => {
      let order = (await api<Order>('POST', '/api/work-orders', workOrderIntake())).body;
      const steps: Record<string, unknown>[] = [{ action: 'file' }, { action: 'dispatch', department: '城管局' }];
      if (i % 4 === 0) steps.push({ action: 'reassign', department: '住建局', wrongDispatch: true, reason: '派错' });
      steps.push({ action: 'handle' });
      if (i % 3 !== 0) steps.push({ action: 'callback' });
      for (const step of steps) {
        if (killed) return;
        order = (await api<Order>('POST', `/api/work-orders/${order.id}/actions`, { ...step, expectedVersion: order.version })).body;
      }
      done++;
    };
    const senders = Array.from({ length: 4 }, async (_, k) => {
      for (let i = k; !killed; i += 4) await life(i).catch(() => {});
    });
    while (done < 30) await new Promise((r) => setTimeout(r, 5));
    children[0].kill('SIGKILL');
    killed = true;
    await Promise.all(senders);

    const stores = await openStores(testStoreLocation(dbFile));
    try {
      const checkpoint = await stores.store.latestScoreCheckpoint(CHECKPOINT_VERSION);
      expect(checkpoint?.seq).toBeGreaterThan(0);
      // The log goes on while this node is down (another node's work): the restart folds it on top,
      // with whatever the dying node committed after its last checkpoint.
      const now = new Date().toISOString();
      const deduction = {
        id: 'MD-CRASH',
        revision: 1,
        block: 'logistics',
        points: 1,
        reason: '断电',
        occurredAt: now,
        withdrawn: false,
        enteredBy: 'center',
        enteredAt: now,
      };
      await stores.store.commit([], {
        type: 'score.deductionEntered',
        payload: { deduction },
        at: now,
        actor: 'center',
        entityType: 'score',
        entityId: deduction.id,
      } as NewEvent);
      expect(checkpoint!.seq).toBeLessThan(await stores.store.lastSeq());

      children.push(await startServer(dbFile, port));
      cookie = await login();
      const restarted = (await api<MonthScore>('GET', '/api/score')).body;

      // The same log folded from its first event, with the roster's findings as the server reads them.
      const full = new ScoreService({
        store: stores.store,
        clock: systemClock,
        baseSettings: DEFAULT_SETTINGS,
        staffingFacts: (month, asOf, s) => staffingFactsForMonth(stores.store, s, month, asOf),
        push: () => {},
        commitClose: () => Promise.reject(new Error('read only')),
        commitReopen: () => Promise.reject(new Error('read only')),
        checkpointEvery: 0,
      });
      const whole = await full.score(restarted.month);
      await full.close();
      expect(full.started.fromCheckpoint).toBeNull();
      expect(settled(restarted)).toEqual(settled(whole));
      expect(restarted.rates.find((r) => r.rate === 'dispatchAccuracy')?.denominator).toBeGreaterThan(30);
      expect(restarted.blocks.find((b) => b.block === 'logistics')?.deducted).toBe(1);
    } finally {
      await stores.close();
    }
  }, 180_000);
});
