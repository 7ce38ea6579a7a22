import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../server/clock';
import { staffingFactsForMonth } from '../../../server/roster/staffing-facts';
import { ScoreService } from '../../../server/score/score.service';
import { openStores } from '../../../server/store/open-store';
import type { NewEvent } from '../../../server/store/store';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { CHECKPOINT_VERSION, type MonthScore } from '../../../shared/scoring';
import { tempDbFile } from '../../support/server';
import { testStoreLocation } from '../../support/test-store';
import { workOrderIntake } from '../../support/factories';
import { adminCookie, freePort, startServerProcess } from '../../support/server-process';

const PASSWORD = 'score-crash-admin-pw';
// A checkpoint every 25 events: several are written before the kill, and events follow the last one.
const CHECKPOINT_ENV = { GRIDOPS_SCORE_CHECKPOINT_EVERY: '25' };

interface Order {
  id: string;
  version: number;
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
    children.push(await startServerProcess(dbFile, port, PASSWORD, CHECKPOINT_ENV));
    const login = () => adminCookie(base, PASSWORD);
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

      children.push(await startServerProcess(dbFile, port, PASSWORD, CHECKPOINT_ENV));
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
