import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/clock';
import { ScoreService } from '../../../server/score/score.service';
import { openStores, type OpenedStores } from '../../../server/store/open-store';
import type { NewEvent, Store } from '../../../server/store/store';
import { CHECKPOINT_VERSION, type MonthScore } from '../../../shared/scoring';
import { TEST_SETTINGS, tempDbFile } from '../../support/server';
import { testStoreLocation } from '../../support/test-store';

/**
 * The score service starts from its stored checkpoint and folds only the events after it; what it
 * serves is, to the fen, what a fold of the whole log serves. Runs on SQLite and on PostgreSQL.
 */
const MONTHS = ['2025-02', '2025-03'];
const clock = () => new FakeClock('2025-03-20T04:00:00Z');

let n = 0;
/** One order's life in the log, `day` of March 2025 (Beijing): dispatched (sometimes wrongly), handled, mostly called back, sometimes checked. */
function orderEvents(i: number, day: number): NewEvent[] {
  const id = `WO-CP-${++n}`;
  const at = (h: number) => new Date(Date.UTC(2025, 2, day, h - 8, i % 60)).toISOString();
  const order = (dispatchCount: number, extra: Record<string, string> = {}) => ({ id, dispatchCount, timestamps: { received: at(9), ...extra } });
  const ev = (type: string, payload: unknown, time: string, entityType = 'workOrder'): NewEvent =>
    ({ type, payload, at: time, actor: 'lead-1', entityType, entityId: id }) as NewEvent;
  const out = [ev('workOrder.received', { workOrder: order(0) }, at(9)), ev('workOrder.dispatched', { workOrder: order(1) }, at(10))];
  if (i % 7 === 0) out.push(ev('workOrder.reassigned', { workOrder: order(2), wrongDispatch: true, reason: '派错', previousDispatchAt: at(10) }, at(11)));
  out.push(ev('workOrder.handled', { workOrder: order(i % 7 === 0 ? 2 : 1, { handled: at(14) }) }, at(14)));
  if (i % 5 !== 0) out.push(ev('workOrder.calledBack', { workOrder: order(1, { handled: at(14) }) }, at(16)));
  if (i % 3 === 0) {
    const qualityCheck = { id: `QC-${id}`, workOrderId: id, passed: i % 9 !== 0, reason: i % 9 === 0 ? '要素缺失' : null, checkedAt: at(17), checkedBy: 'qa' };
    out.push(ev('workOrder.qualityChecked', { qualityCheck }, at(17), 'fact'));
  }
  return out;
}

/** A month's worth of facts of every kind the fold keeps: orders, staff, an incident, a fault, a manual deduction, settings. */
async function commitLog(store: Store, orders: number, firstDay = 1): Promise<void> {
  for (let i = 0; i < orders; i++) for (const e of orderEvents(i, firstDay + (i % 18))) await store.commit([], e);
}

async function commitOthers(store: Store): Promise<void> {
  const at = '2025-03-05T02:00:00.000Z';
  for (const [i, post] of (['seat', 'seat', 'responder', 'evaluator'] as const).entries()) {
    const staff = { id: `S-${i}`, name: `S${i}`, post, onDuty: true, active: true, updatedAt: at, version: 1 };
    await store.commit([], { type: 'staff.added', payload: { staff }, at, actor: 'admin', entityType: 'staff', entityId: staff.id });
  }
  const incident = { id: 'INC-CP-1', arrivalDeadline: '2025-03-06T02:20:00.000Z', arrivedAt: '2025-03-06T02:31:00.000Z' };
  await store.commit([], {
    type: 'incident.arrived',
    payload: { incident },
    at: '2025-03-06T02:31:00.000Z',
    actor: 'lead-1',
    entityType: 'incident',
    entityId: incident.id,
  } as NewEvent);
  const fault = { id: 'F-CP-1', equipment: '大屏', delaysWork: true, reportedAt: '2025-03-07T01:00:00.000Z', repairedAt: null };
  await store.commit([], {
    type: 'equipment.faultReported',
    payload: { fault },
    at: fault.reportedAt,
    actor: 'lead-1',
    entityType: 'fact',
    entityId: fault.id,
  } as NewEvent);
  const deduction = {
    id: 'MD-CP-1',
    revision: 1,
    block: 'logistics',
    points: 2,
    reason: '停电',
    occurredAt: '2025-03-08T01:00:00.000Z',
    withdrawn: false,
    enteredBy: 'center',
    enteredAt: '2025-03-08T01:00:00.000Z',
  };
  await store.commit([], {
    type: 'score.deductionEntered',
    payload: { deduction },
    at: deduction.enteredAt,
    actor: 'center',
    entityType: 'score',
    entityId: deduction.id,
  } as NewEvent);
  await store.commit([], {
    type: 'settings.changed',
    payload: { settings: { ...TEST_SETTINGS, targets: { ...TEST_SETTINGS.targets, callbackRate: 99 } } },
    at: '2025-03-09T01:00:00.000Z',
    actor: 'manager',
    entityType: 'settings',
    entityId: 'settings',
  });
}

describe('the score service starts from its checkpoint', () => {
  const opened: OpenedStores[] = [];
  const services: ScoreService[] = [];
  afterEach(async () => {
    for (const s of services.splice(0)) await s.close();
    for (const o of opened.splice(0)) await o.close();
  });

  const open = async (dbFile: string) => {
    const stores = await openStores(testStoreLocation(dbFile));
    opened.push(stores);
    return stores.store;
  };
  /** A service as the app makes one; `checkpointEvery: 0` folds the whole log and writes nothing. */
  const service = async (store: Store, checkpointEvery: number) => {
    const s = new ScoreService({
      store,
      clock: clock(),
      baseSettings: TEST_SETTINGS,
      push: () => {},
      commitClose: () => Promise.reject(new Error('not in this test')),
      commitReopen: () => Promise.reject(new Error('not in this test')),
      checkpointEvery,
    });
    services.push(s);
    await s.ready;
    return s;
  };
  const scores = async (s: ScoreService): Promise<MonthScore[]> => Promise.all(MONTHS.map((m) => s.score(m)));
  /** Feeds the events after `seq` to a running service, as the relay does. */
  const feed = async (store: Store, s: ScoreService) => {
    for (const e of await store.eventsAfter(s.appliedSeq, 100_000)) s.onEvent(e);
  };

  it('a restart reads only the events after the checkpoint and scores every month as a fold of the whole log does', async () => {
    const store = await open(tempDbFile());
    await commitOthers(store);
    await commitLog(store, 60);
    const live = await service(store, 100);
    await live.close(); // a clean shutdown writes the checkpoint
    const checkpoint = (await store.latestScoreCheckpoint(CHECKPOINT_VERSION))!;
    expect(checkpoint.seq).toBe(await store.lastSeq());

    await commitLog(store, 25, 10); // the log goes on after the checkpoint (another node, or before a crash)
    const restarted = await service(store, 100);
    const total = await store.countEvents();
    expect(restarted.started).toEqual({ fromCheckpoint: checkpoint.seq, eventsRead: total - checkpoint.seq });
    const full = await service(store, 0);
    expect(full.started).toEqual({ fromCheckpoint: null, eventsRead: total });

    const [a, b] = [await scores(restarted), await scores(full)];
    expect(a).toEqual(b);
    // Not an empty month that happens to match: the fold holds every kind of deduction.
    expect(a[1].factCount).toBeGreaterThan(200);
    expect(a[1].blocks.filter((x) => x.deducted > 0).map((x) => x.block)).toEqual(
      expect.arrayContaining(['callbackRate', 'contentQuality', 'dispatchAccuracy', 'logistics', 'responderQuality']),
    );
    expect(a[1].fee.paidFen).toBe(b[1].fee.paidFen);
  });

  it('checkpoints written every N events while the service runs, and a start after a crash (no clean close) folds on from the newest', async () => {
    const store = await open(tempDbFile());
    await commitOthers(store);
    const live = await service(store, 40);
    await commitLog(store, 30);
    await feed(store, live);
    await expect.poll(async () => (await store.latestScoreCheckpoint(CHECKPOINT_VERSION))?.seq ?? 0).toBeGreaterThan(40);
    const written = (await store.latestScoreCheckpoint(CHECKPOINT_VERSION))!.seq;
    // No close: the next start finds only the periodic checkpoint, as after kill -9.
    services.splice(services.indexOf(live), 1);
    await commitLog(store, 10, 20);
    const restarted = await service(store, 40);
    expect(restarted.started.fromCheckpoint).toBe(written);
    expect(restarted.started.eventsRead).toBe((await store.countEvents()) - written);
    expect(await scores(restarted)).toEqual(await scores(await service(store, 0)));
    await live.close();
  });

  it('a checkpoint it cannot read (damaged, or of another version) is passed over: the whole log is folded', async () => {
    const store = await open(tempDbFile());
    await commitOthers(store);
    await commitLog(store, 20);
    const seq = await store.lastSeq();
    await store.saveScoreCheckpoint({ version: CHECKPOINT_VERSION, seq, state: new Uint8Array([1, 2, 3]), writtenAt: new Date().toISOString() });
    const s = await service(store, 100);
    expect(s.started).toEqual({ fromCheckpoint: null, eventsRead: seq });
    expect(await scores(s)).toEqual(await scores(await service(store, 0)));
  });

  it('a settings change after the checkpoint that moves the month boundaries still refolds the whole log', async () => {
    const store = await open(tempDbFile());
    await commitOthers(store);
    await commitLog(store, 30);
    await (await service(store, 100)).close();
    await store.commit([], {
      type: 'settings.changed',
      payload: { settings: { ...TEST_SETTINGS, assessmentMonth: 'contract' } },
      at: '2025-03-15T01:00:00.000Z',
      actor: 'manager',
      entityType: 'settings',
      entityId: 'settings',
    });
    await commitLog(store, 5, 12);
    const restarted = await service(store, 100);
    const full = await service(store, 0);
    expect(await scores(restarted)).toEqual(await scores(full));
    // The contract month holding 20 March starts on 20 March: the refold re-dated the months.
    expect((await restarted.score()).daily?.[0]?.day).toBe('2025-03-20');

    // And a live change on a service that started from a checkpoint refolds too.
    await (await service(store, 100)).close();
    const again = await service(store, 100);
    expect(again.started.fromCheckpoint).toBe(await store.lastSeq());
    await store.commit([], {
      type: 'settings.changed',
      payload: { settings: { ...TEST_SETTINGS, assessmentMonth: 'calendar' } },
      at: '2025-03-16T01:00:00.000Z',
      actor: 'manager',
      entityType: 'settings',
      entityId: 'settings',
    });
    await feed(store, again);
    await again.ready;
    const fresh = await service(store, 0);
    expect(await scores(again)).toEqual(await scores(fresh));
    expect((await again.score()).daily?.[0]?.day).toBe('2025-03-01');
  });

  it('two nodes writing the checkpoint at the same seq do not clash: one row, the same state, either may start from it', async () => {
    const dbFile = tempDbFile();
    const [storeA, storeB] = [await open(dbFile), await open(dbFile)];
    await commitOthers(storeA);
    await commitLog(storeA, 20);
    const [a, b] = [await service(storeA, 1000), await service(storeB, 1000)];
    await Promise.all([a.writeCheckpoint(), b.writeCheckpoint()]);
    const seq = await storeA.lastSeq();
    const stored = (await storeB.latestScoreCheckpoint(CHECKPOINT_VERSION))!;
    expect(stored.seq).toBe(seq);
    const third = await service(storeB, 1000);
    expect(third.started).toEqual({ fromCheckpoint: seq, eventsRead: 0 });
    expect(await scores(third)).toEqual(await scores(a));
  });

  it('a push or a tick still reading when the service closes finishes first, and nothing reads the store after close', async () => {
    const store = await open(tempDbFile());
    await commitOthers(store);
    await commitLog(store, 10);
    let closed = false;
    const readsAfterClose: string[] = [];
    let pushes = 0;
    // The roster read of every live score is slow, so a push is mid-read when close() is called.
    const s = new ScoreService({
      store,
      clock: clock(),
      baseSettings: TEST_SETTINGS,
      push: () => pushes++,
      commitClose: () => Promise.reject(new Error('not in this test')),
      commitReopen: () => Promise.reject(new Error('not in this test')),
      pushDelayMs: 0,
      tickMs: 5,
      staffingFacts: async () => {
        if (closed) readsAfterClose.push('staffingFacts');
        await new Promise((r) => setTimeout(r, 50));
        if (closed) readsAfterClose.push('staffingFacts (finished)');
        return [];
      },
    });
    await s.ready;
    for (const e of await store.eventsAfter(0, 100_000)) s.onEvent(e);
    await new Promise((r) => setTimeout(r, 20)); // the push's timer has fired and its read is waiting
    await s.close();
    closed = true;
    const pushedAtClose = pushes;
    expect(pushedAtClose).toBeGreaterThanOrEqual(1); // the push in flight was finished, not dropped
    await new Promise((r) => setTimeout(r, 100)); // ticks would have fired 20 times by now
    expect(readsAfterClose).toEqual([]);
    expect(pushes).toBe(pushedAtClose);
  });
});
