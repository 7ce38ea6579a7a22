/**
 * Contract score: full recomputation of a city-scale month (300,000 work orders, 2,000
 * incidents) against the incremental update the server does per event.
 * Targets (issue 17): full < 0.5 s; incremental per event < 0.05 ms median. Prints the ratio.
 * Events are built in memory (no database): this measures the scoring fold itself, over the events
 * laid out as the store hands them to the score service (asStored).
 * Also timed: the score service's start on a SQLite file holding the month, folding the whole log
 * against starting from a checkpoint (issue 16/17). And the roster's staffing findings (缺编 / 空岗 from a clock log) for the month, which
 * the score service computes on each read, and the live month scored with them folded in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { ScoreService } from '../server/score/score.service';
import { openStores } from '../server/store/open-store';
import type { Store } from '../server/store/store';
import type { EventEnvelope } from '../shared/events';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { addFact, CHECKPOINT_VERSION, createFactDeriver, foldEvents, scoreFromAccumulator, staffingDayFacts, type ScoreFact } from '../shared/scoring';
import { staffingDay } from '../shared/coverage/staffing-day';
import type { DutyInterval } from '../shared/coverage/on-duty';
import { EMPTY_PROFILE, type RosterMember } from '../shared/coverage/staff-profile';
import type { Post } from '../shared/domain/staff';
import { percentile, report } from './support';

const ORDERS = 300_000;
const INCIDENTS = 2_000;
const MONTH = '2025-03';
const START = Date.parse('2025-03-01T00:00:00+08:00');
const SPAN = 30 * 86_400_000; // events spread over the first 30 days; day 31 is the live tail
const END = Date.parse('2025-04-01T00:00:00+08:00');
/** Events per page of the score service's load (server/score/score.service.ts LOAD_PAGE). */
const PAGE = 5000;

// Deterministic pseudo-random numbers, so every run measures the same month.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

let seq = 0;
function envelope(type: string, payload: unknown, at: number, entityType = 'workOrder', entityId = ''): EventEnvelope {
  return { seq: ++seq, type, payload, at: new Date(at).toISOString(), actor: 'bench', entityType, entityId } as EventEnvelope;
}

/** One order's events: received, filed, dispatched, sometimes reassigned, handled, called back, checked. */
function orderEvents(i: number, t0: number): EventEnvelope[] {
  const id = `WO-${i}`;
  const ts: Record<string, string> = { received: new Date(t0).toISOString() };
  const order = (dispatchCount: number, extra: Record<string, string> = {}) => ({ id, dispatchCount, timestamps: { ...ts, ...extra } });
  const out: EventEnvelope[] = [envelope('workOrder.received', { workOrder: order(0) }, t0, 'workOrder', id)];
  let t = t0 + 60_000;
  out.push(envelope('workOrder.filed', { workOrder: order(0) }, t, 'workOrder', id));
  t += 300_000;
  out.push(envelope('workOrder.dispatched', { workOrder: order(1) }, t, 'workOrder', id));
  let dispatches = 1;
  if (random() < 0.02) {
    t += 3_600_000;
    dispatches = 2;
    out.push(envelope('workOrder.reassigned', { workOrder: order(2), wrongDispatch: true, reason: '派错' }, t, 'workOrder', id));
  }
  const suspended = random() < 0.01;
  if (suspended) ts.suspended = new Date(t).toISOString();
  t += 8 * 3_600_000;
  ts.handled = new Date(t).toISOString();
  out.push(envelope('workOrder.handled', { workOrder: order(dispatches) }, t, 'workOrder', id));
  if (random() < 0.97) {
    t += 3_600_000;
    out.push(envelope('workOrder.calledBack', { workOrder: order(dispatches) }, t, 'workOrder', id));
  }
  if (random() < 0.1) {
    out.push(
      envelope(
        'workOrder.qualityChecked',
        { qualityCheck: { id: `QC-${i}`, workOrderId: id, passed: random() < 0.97, reason: null, checkedAt: new Date(t).toISOString(), checkedBy: 'qa' } },
        t,
        'fact',
        id,
      ),
    );
  }
  return out;
}

function incidentEvent(i: number, t0: number): EventEnvelope {
  const deadline = t0 + 20 * 60_000;
  const arrivedAt = t0 + (random() < 0.05 ? 25 : 15) * 60_000;
  const incident = {
    id: `INC-${i}`,
    arrivedAt: new Date(arrivedAt).toISOString(),
    arrivalDeadline: new Date(deadline).toISOString(),
    late: arrivedAt > deadline,
  };
  return envelope('incident.arrived', { incident }, arrivedAt, 'incident', incident.id);
}

function staffEvents(): EventEnvelope[] {
  const posts: Post[] = [...Array<Post>(17).fill('seat'), ...Array<Post>(4).fill('responder'), ...Array<Post>(3).fill('evaluator')];
  return posts.map((post, i) =>
    envelope(
      'staff.added',
      { staff: { id: `S-${i}`, name: `S${i}`, post, onDuty: true, active: true, updatedAt: '', version: 1 } },
      START - 86_400_000,
      'staff',
      `S-${i}`,
    ),
  );
}

/**
 * The events as the server folds them: read from the store a page at a time in seq order, each page
 * parsed from JSON, so one page's events sit together in memory. Generated and then sorted by time,
 * they would be scattered over the heap, and the fold would mostly measure cache misses (about 2× the
 * time on this machine: the figure printed as "scattered").
 */
function asStored(events: EventEnvelope[]): EventEnvelope[] {
  const out: EventEnvelope[] = [];
  for (let i = 0; i < events.length; i += PAGE) for (const e of JSON.parse(JSON.stringify(events.slice(i, i + PAGE))) as EventEnvelope[]) out.push(e);
  return out;
}

function buildMonth(): { month: EventEnvelope[]; tail: EventEnvelope[] } {
  const all: EventEnvelope[][] = [staffEvents()];
  for (let i = 0; i < ORDERS; i++) all.push(orderEvents(i, START + Math.floor((i / ORDERS) * SPAN)));
  for (let i = 0; i < INCIDENTS; i++) all.push([incidentEvent(i, START + Math.floor(random() * SPAN))]);
  const sorted = all.flat().sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  sorted.forEach((e, i) => (e.seq = i + 1));
  const events = asStored(sorted);
  // The live tail: orders of day 31, scored one event at a time like the server does.
  const tail: EventEnvelope[] = [];
  for (let i = 0; i < 2_000; i++) tail.push(...orderEvents(ORDERS + i, END - 86_400_000 + i * 10_000).slice(0, 3));
  tail.forEach((e, i) => (e.seq = events.length + i + 1));
  return { month: events, tail };
}

const { month, tail } = buildMonth();
console.log(`month: ${ORDERS.toLocaleString()} work orders, ${INCIDENTS.toLocaleString()} incidents, ${month.length.toLocaleString()} events`);
const asOf = END - 3_600_000;

// Full recomputation: events → facts → fold → score. Best of 3 after a warm-up (JIT).
// CPU time is reported beside wall time: on a shared 2-core machine the wall clock also
// counts the time other processes held the cores.
let fullMs = Infinity;
let fullCpuMs = Infinity;
let total = 0;
for (let run = 0; run < Number(process.env.SCORE_BENCH_RUNS ?? 4); run++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const acc = foldEvents(MONTH, month, DEFAULT_SETTINGS);
  total = scoreFromAccumulator(acc, { asOf }).total;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (process.env.SCORE_BENCH_DEBUG) console.log(`run ${run}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms cpu`);
  if (run > 0) {
    fullMs = Math.min(fullMs, ms);
    fullCpuMs = Math.min(fullCpuMs, cpuMs);
  }
}

// Staffing in full: the roster's 缺编 / 空岗 findings for the month from a clock-in/out log
// (24 people: seats in three 8 h shifts, responders 24 h on, evaluators 10:00–20:00, with a
// 2 h hole every fourth day), as the score service computes them on each read.
const posts: Post[] = [...Array<Post>(17).fill('seat'), ...Array<Post>(4).fill('responder'), ...Array<Post>(3).fill('evaluator')];
const members: RosterMember[] = posts.map((post, i) => ({
  ...EMPTY_PROFILE,
  id: `S-${i}`,
  name: `S${i}`,
  post,
  active: true,
  hireDate: '2025-01-01',
  lawDegree: i === 0,
}));
const clockLog: DutyInterval[] = [];
const iso = (t: number) => new Date(t).toISOString();
for (let d = 0; d < 31; d++) {
  const day0 = START + d * 86_400_000;
  for (let k = 0; k < 3; k++)
    for (let j = 0; j < 5; j++) clockLog.push({ staffId: `S-${k * 5 + j}`, start: iso(day0 + k * 8 * 3_600_000), end: iso(day0 + (k + 1) * 8 * 3_600_000) });
  const responder = `S-${17 + (d % 4)}`;
  const hole = d % 4 === 0 ? 2 * 3_600_000 : 0;
  clockLog.push({ staffId: responder, start: iso(day0), end: iso(day0 + 9 * 3_600_000) });
  clockLog.push({ staffId: responder, start: iso(day0 + 9 * 3_600_000 + hole), end: iso(day0 + 86_400_000) });
  for (let e = 21; e < 24; e++) clockLog.push({ staffId: `S-${e}`, start: iso(day0 + 10 * 3_600_000), end: iso(day0 + 20 * 3_600_000) });
}
const days = Array.from({ length: 31 }, (_, d) => `2025-03-${String(d + 1).padStart(2, '0')}`);
let rosterMs = Infinity;
let rosterFacts: ScoreFact[] = [];
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  rosterFacts = staffingDayFacts(
    days.flatMap((day) => staffingDay(day, members, clockLog, DEFAULT_SETTINGS, 0, asOf)),
    DEFAULT_SETTINGS.timeZone,
  );
  rosterMs = Math.min(rosterMs, performance.now() - t0);
}

// Incremental: the server's path per event — derive facts, add them, rescore the month. Run on
// the month as it is (the baseline) and on the same month with the roster's staffing findings
// folded in, as after the service's first read; the ratio of the two is the findings' cost.
function tailRun(withRoster: boolean) {
  const live = foldEvents(MONTH, month, DEFAULT_SETTINGS);
  if (withRoster) for (const fact of rosterFacts) addFact(live, fact);
  const deriver = createFactDeriver();
  for (const e of month) if (e.entityType === 'staff') deriver.derive(e); // the server's deriver knows the staff
  const perEvent: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const event of tail) {
    const t0 = performance.now();
    for (const fact of deriver.derive(event)) addFact(live, fact);
    scoreFromAccumulator(live, { asOf });
    perEvent.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const staffingLost = scoreFromAccumulator(live, { asOf }).blocks.find((b) => b.block === 'staffing')!.deducted;
  return { median: percentile(perEvent, 50), p99: percentile(perEvent, 99), cpuMeanUs: (cpu.user + cpu.system) / tail.length, staffingLost };
}
const base = tailRun(false);
const staffed = tailRun(true);
const median = Math.max(base.median, staffed.median);

// Start of the score service (server/score/score.service.ts) on a real SQLite file holding the month:
// folding the whole log, against starting from a checkpoint written at the month's end and folding
// only the live tail logged after it (the tail's 6,000 events).
const dir = mkdtempSync(join(tmpdir(), 'gridops-score-bench-'));
const dbFile = join(dir, 'score.db');
function appendEvents(events: readonly EventEnvelope[]) {
  const connection = openDatabase(dbFile);
  const insert = connection.sqlite.prepare('INSERT INTO events (seq, type, entity_type, entity_id, payload, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  connection.sqlite.transaction(() => {
    for (const e of events) insert.run(e.seq, e.type, e.entityType, e.entityId, JSON.stringify(e.payload), e.actor, e.at);
  })();
  connection.close();
}
appendEvents(month);
const scoreService = (store: Store) =>
  new ScoreService({
    store,
    clock: { now: () => new Date(asOf) },
    baseSettings: DEFAULT_SETTINGS,
    push: () => {},
    commitClose: () => Promise.reject(new Error('bench')),
    commitReopen: () => Promise.reject(new Error('bench')),
    // Written by hand below, not every N events.
    checkpointEvery: Number.MAX_SAFE_INTEGER,
  });
async function timedStart() {
  const { store } = await openStores({ dbFile });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const service = scoreService(store);
  const score = await service.score(MONTH);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { store, service, ms, cpuMs: (cpu.user + cpu.system) / 1000, total: score.total };
}
const fullStart = await timedStart();
const cpStart0 = performance.now();
await fullStart.service.writeCheckpoint();
const checkpointWriteMs = performance.now() - cpStart0;
const checkpointBytes = (await fullStart.store.latestScoreCheckpoint(CHECKPOINT_VERSION))!.state.byteLength;
await fullStart.store.close();
appendEvents(tail);
const cpStart = await timedStart();
if (cpStart.service.started.eventsRead !== tail.length) throw new Error(`the start from the checkpoint read ${cpStart.service.started.eventsRead} events`);
// The reference: the same log (month + tail) folded whole; the two starts must agree to the fen.
const { store: plain } = await openStores({ dbFile });
const reference = new ScoreService({
  store: plain,
  clock: { now: () => new Date(asOf) },
  baseSettings: DEFAULT_SETTINGS,
  push: () => {},
  commitClose: () => Promise.reject(new Error('bench')),
  commitReopen: () => Promise.reject(new Error('bench')),
  checkpointEvery: 0,
});
const referenceTotal = (await reference.score(MONTH)).total;
if (referenceTotal !== cpStart.total) throw new Error(`from the checkpoint ${cpStart.total}, whole log ${referenceTotal}`);
await Promise.all([cpStart.service.close(), reference.close()]);
await Promise.all([cpStart.store.close(), plain.close()]);
rmSync(dir, { recursive: true, force: true });

report('score total of the month', total, 'points');
report('full recomputation (events → score), wall', fullMs, 'ms');
report('full recomputation, CPU time (all threads, incl. GC)', fullCpuMs, 'ms');
report('incremental update per event, median', base.median * 1000, 'µs');
report('incremental update per event, p99', base.p99 * 1000, 'µs');
report('incremental update per event, mean CPU time', base.cpuMeanUs, 'µs');
report('ratio full / incremental median', fullMs / base.median, '×');
report('roster staffing findings, 31 days × 3 posts', rosterMs, 'ms');
report('with the findings folded in: per event, median', staffed.median * 1000, 'µs');
report('with the findings folded in: per event, mean CPU', staffed.cpuMeanUs, 'µs');
report('  ratio to the baseline (mean CPU)', staffed.cpuMeanUs / base.cpuMeanUs, '×');
report('  staffing points lost (空岗 every 4th day: 8 × 2)', staffed.staffingLost, 'points');
report('service start, whole log from SQLite, wall', fullStart.ms, 'ms');
report('service start, whole log, CPU time', fullStart.cpuMs, 'ms');
report('service start from a checkpoint + 6,000 events, wall', cpStart.ms, 'ms');
report('service start from a checkpoint, CPU time', cpStart.cpuMs, 'ms');
report('  ratio whole log / checkpoint (wall)', fullStart.ms / cpStart.ms, '×');
report('  checkpoint of the month, gzipped', checkpointBytes / 1e6, 'MB');
report('  checkpoint write (encode + gzip + insert), wall', checkpointWriteMs, 'ms');
// The target is judged on wall time (best of the runs). On a loaded machine it can miss while the
// CPU time shows the work itself fits: the load average printed here says which case a run was.
const fullOk = fullMs < 500;
report('machine load average (1 min) during the run', loadavg()[0], '');
const incrementalOk = median < 0.05;
console.log(`${fullOk ? 'PASS' : 'FAIL'}: full recomputation < 0.5 s   ${incrementalOk ? 'PASS' : 'FAIL'}: incremental median < 0.05 ms`);
process.exit(fullOk && incrementalOk ? 0 : 1);
