import { DomainError } from '../../shared/domain/common';
import type { EventEnvelope } from '../../shared/events';
import { withSettingsDefaults, type ContractSettings } from '../../shared/settings';
import type { Clock } from '../../shared/time';
import {
  addFact,
  contractYearOf,
  createAccumulator,
  createFactDeriver,
  quarterOf,
  scoreFromAccumulator,
  type EquipmentFault,
  type ManualDeduction,
  type MonthAccumulator,
  type MonthScore,
  type MonthTotal,
  type ScoreFact,
  type ScoreContext,
  MonthCloseBook,
  closesAt,
  assessmentMonthOf,
  boundariesOf,
  sameBoundaries,
  CHECKPOINT_VERSION,
  decodeMonth,
  encodeFact,
  encodeMonth,
  isoMs,
  KPI_EVENTS,
  KpiTally,
  type NationalKpis,
} from '../../shared/scoring';
import type { WorkOrder } from '../../shared/domain/work-order';
import type { Store } from '../store/store';
import { packCheckpoint, unpackCheckpoint, type ServiceState } from './score.checkpoint';

export interface ScoreServiceOptions {
  store: Store;
  clock: Clock;
  /** Settings before any `settings.changed` event. */
  baseSettings: ContractSettings;
  /** Sends the current month's score to the screens (the `score` socket event). */
  push(score: MonthScore): void;
  /** Commits a month's close (a `score.monthClosed` event by `actor`) and publishes it. */
  commitClose(score: MonthScore, revision: number, auto: boolean, actor: string): Promise<EventEnvelope>;
  /** Commits a recorded reopen (a `score.monthReopened` event) and publishes it. */
  commitReopen(month: string, revision: number, reason: string, actor: string): Promise<EventEnvelope>;
  /** Pushes are coalesced: at most one per this many ms (well inside the 1 s promise). */
  pushDelayMs?: number;
  /** Rescore this often even without events: days turn, unrepaired faults pass 8 h. */
  tickMs?: number;
  /**
   * The roster's daily team headcounts for `month` up to `asOf` (server/roster/staffing-facts.ts):
   * `dailyHeadcount` facts from the coverage engine, which win over the staff-event headcounts.
   */
  staffingFacts?(month: string, asOf: Date, settings: ContractSettings): Promise<ScoreFact[]>;
  /** Whether orders replayed from history count (the current settings.scoreReplayedOrders); default no. */
  includeReplayed?(): boolean;
  /**
   * Start from the store's newest checkpoint and fold only the events after it; write one every this
   * many events and at close (score.checkpoint.ts). 0: never read or write one (db:copy's check folds
   * the whole log). Default CHECKPOINT_EVERY.
   */
  checkpointEvery?: number;
}

/** Events between two checkpoints: a city-scale month is about 50,000 events a day. */
export const CHECKPOINT_EVERY = 10_000;

/** Settings logged before the setting existed lack it: absent is off. */
const replayedTurned = (next: ContractSettings, before: ContractSettings) => Boolean(next.scoreReplayedOrders) !== Boolean(before.scoreReplayedOrders);

/** Facts that reach into later months (headcount in force, settings): every new month gets them. */
const CARRIED = new Set<ScoreFact['kind']>(['headcount', 'dailyHeadcount', 'settings']);
const LOAD_PAGE = 5000;
/** Events that change the roster's staffing findings: people, profiles, clock-in/out, shifts, settings. */
const ROSTER_ENTITIES = new Set(['staff', 'staffProfile', 'shift', 'settings']);
/** Today's findings are read again at least this often, as an empty stretch lengthens (the tick's pace). */
const STAFFING_REFRESH_MS = 60_000;

/**
 * The live score. Every committed event goes through `onEvent`: its facts are folded into the
 * accumulator of the month they count in (O(1)), and the current month is rescored and pushed.
 * A month whose days are over stays provisional and live (late facts change it at once) until a
 * manager closes it or it closes itself on the set day (shared/scoring/month-close.ts); a closed
 * month is served frozen, and changes only through a recorded reopen.
 * The facts it needs that have no table (faults, manual deductions, settings) are read back from
 * the event log on start: the log is their store.
 */
export class ScoreService {
  private deriver = this.newDeriver();
  private readonly months = new Map<string, MonthAccumulator>();
  private readonly carried: ScoreFact[] = [];
  /** During a refold: the log's settings changes, all known ahead (see reload). */
  private settingsAhead: ScoreFact[] | null = null;
  /** The load met a settings change that moves the month boundaries: fold again when it ends. */
  private refoldAfterLoad = false;
  private closeBook = new MonthCloseBook();
  private readonly closing = new Map<string, Promise<MonthScore>>();
  readonly faults = new Map<string, EquipmentFault>();
  readonly deductions = new Map<string, ManualDeduction>();
  /** Every revision of each manual deduction, oldest first: revisions are kept, never overwritten. */
  readonly deductionHistory = new Map<string, ManualDeduction[]>();
  private lastSeq = 0;
  /** When each month's staffing findings were last folded in, and the roster generation they saw. */
  private readonly staffingRead = new WeakMap<MonthAccumulator, { at: number; generation: number }>();
  private rosterGeneration = 0;
  private loading = true;
  private queued: EventEnvelope[] = [];
  private pushTimer: NodeJS.Timeout | null = null;
  private readonly ticker: NodeJS.Timeout;
  /** Facts of the roster's staffing findings folded into each month: not in the log, so not in a checkpoint. */
  private rosterFacts = new WeakMap<MonthAccumulator, number>();
  /** Only the first load may start from a checkpoint: a refold reads the whole log (its settings moved the months). */
  private firstLoad = true;
  private checkpointSeq = 0;
  private writing: Promise<void> | null = null;
  /** How the last start went: the checkpoint's seq it began from (null: the whole log) and the events it read. */
  readonly started = { fromCheckpoint: null as number | null, eventsRead: 0 };
  private lastPushed: { month: string; total: number; projection: number; kpis: string } | null = null;
  /** Reads the service starts on its own (a timed push, a tick): close() waits for them, none starts after it. */
  private readonly background = new Set<Promise<unknown>>();
  private closed = false;
  /**
   * The national indicators of each month still live, folded from the orders received in it (KPI_TABLE
   * in shared/scoring/rule-table.ts). A closed month's are in its frozen score, so its per-order
   * tally is let go; a reopened month's is read again from the store on its first read.
   */
  private readonly kpiTallies = new Map<string, KpiTally>();
  private readonly kpiRebuild = new Set<string>();
  private readonly kpiRebuilding = new Map<string, Promise<void>>();
  /** Events of a month whose orders are being read from the store: counted after the read, if newer. */
  private readonly kpiWaiting = new Map<string, [string, WorkOrder][]>();
  /**
   * Started from a checkpoint, which holds no per-order tallies (they are the store's orders again):
   * each month's indicators are counted from the store on its first read, as a reopened month's are.
   */
  private kpiFromStore = false;
  ready: Promise<void>;

  constructor(private readonly options: ScoreServiceOptions) {
    this.ready = this.load();
    // Handled here so a store that fails (or a server stopped) during the load is no unhandled
    // rejection; whoever awaits `ready` still sees the error.
    this.ready.catch(() => {});
    this.ticker = setInterval(() => this.tick(), options.tickMs ?? 60_000);
    this.ticker.unref();
  }

  /** Settings in force at `at` (default now): the last change made before it. */
  settings(at: number = this.options.clock.now().getTime()): ContractSettings {
    let current = withSettingsDefaults(this.options.baseSettings);
    for (const f of this.settingsAhead ?? this.carried) if (f.kind === 'settings' && f.at <= at) current = f.settings;
    return current;
  }

  onEvent(event: EventEnvelope): void {
    if (this.loading) {
      this.queued.push(event);
      return;
    }
    // Roster changes (leave dates, replacements, clock-in/out, shifts) move the staffing block through staffingFacts.
    if (this.apply(event) || (this.options.staffingFacts && ROSTER_ENTITIES.has(event.entityType))) this.schedulePush();
  }

  /**
   * Any month's full breakdown; an open or provisional month live, a closed one frozen. A reader who
   * finds the current month moved without an event (time passed: a post empty past 30 min, a new
   * short day) makes the screens follow at once rather than at the next tick.
   */
  async score(month?: string): Promise<MonthScore> {
    const score = await this.scoreOf(month);
    this.followIfMoved(score);
    return score;
  }

  private async scoreOf(month?: string): Promise<MonthScore> {
    await this.ready;
    await this.closeDue();
    const now = this.options.clock.now().getTime();
    const key = month ?? assessmentMonthOf(new Date(now), this.settings(now));
    const frozen = this.closeBook.frozen(key);
    if (frozen) return { ...frozen, revisions: this.closeBook.revisions(key) };
    return this.live(key);
  }

  /** A manager closes a month whose days are over: its score is frozen as a new revision. */
  async closeMonth(month: string, actor: string): Promise<MonthScore> {
    await this.ready;
    const acc = this.accumulator(month);
    if (this.options.clock.now().getTime() < acc.endMs) {
      throw new DomainError('conflict', `month ${month} is not over yet: only a provisional month can be closed`, { field: 'month' });
    }
    if (this.closeBook.frozen(month)) throw new DomainError('conflict', `month ${month} is already closed`, { field: 'month' });
    return this.closeNow(month, actor, false);
  }

  /** A manager reopens a closed month, with the reason on record: it is provisional (live) again. */
  async reopenMonth(month: string, reason: string, actor: string): Promise<MonthScore> {
    await this.ready;
    if (!this.closeBook.frozen(month)) throw new DomainError('conflict', `month ${month} is not closed`, { field: 'month' });
    const revision = this.closeBook.revisions(month).length;
    const event = await this.options.commitReopen(month, revision, reason, actor);
    this.closeBook.reopened(month, reason, event);
    return this.score(month);
  }

  /** The month as its facts stand now, with its close history (open or provisional). */
  private async live(key: string): Promise<MonthScore> {
    const now = this.options.clock.now().getTime();
    const acc = await this.staffedAccumulator(key, now);
    const score = scoreFromAccumulator(acc, { asOf: now, history: this.history(key) });
    const kpis = await this.kpisOf(key, now);
    const due = closesAt(acc.days[acc.days.length - 1], this.settings(now));
    return { ...score, kpis, revisions: this.closeBook.revisions(key), closesAt: due === null ? null : new Date(due).toISOString() };
  }

  /**
   * A month still open to new facts (not over, not closed), as the live score reads it (roster
   * staffing folded in), with the context to read it now; null when nothing more can happen to it.
   * The what-if forks it (server/score/what-if.service.ts).
   */
  async liveMonth(month?: string): Promise<{ acc: MonthAccumulator; context: ScoreContext } | null> {
    await this.ready;
    await this.closeDue();
    const now = this.options.clock.now().getTime();
    const key = month ?? assessmentMonthOf(new Date(now), this.settings(now));
    if (this.closeBook.frozen(key)) return null;
    const acc = await this.staffedAccumulator(key, now);
    if (now >= acc.endMs) return null;
    return { acc, context: { asOf: now, history: this.history(key) } };
  }

  /**
   * The month's accumulator with the roster's staffing findings up to now folded in. The findings
   * (缺编 / 空岗 from the staff records and the clock log) cost a few tens of ms a month, and a busy
   * month is read several times a second: they are read again only when the roster, the clock log,
   * the shifts or the settings changed, or STAFFING_REFRESH_MS has passed (an empty post grows with time).
   */
  private async staffedAccumulator(key: string, now: number): Promise<MonthAccumulator> {
    const acc = this.accumulator(key);
    if (this.options.staffingFacts) {
      const last = this.staffingRead.get(acc);
      if (last && last.generation === this.rosterGeneration && now >= last.at && now - last.at < STAFFING_REFRESH_MS) return acc;
      const generation = this.rosterGeneration;
      const facts = await this.options.staffingFacts(key, new Date(Math.min(now, acc.endMs - 1)), this.settings(now));
      const before = acc.factCount;
      for (const fact of facts) addFact(acc, fact);
      this.rosterFacts.set(acc, (this.rosterFacts.get(acc) ?? 0) + acc.factCount - before);
      this.staffingRead.set(acc, { at: now, generation });
    }
    return acc;
  }

  /** The month's national indicators now; a reopened month's orders are read from the store first. */
  private async kpisOf(month: string, now: number): Promise<NationalKpis> {
    if (this.kpiFromStore && !this.kpiTallies.has(month) && !this.closeBook.frozen(month)) this.kpiRebuild.add(month);
    if (this.kpiRebuild.has(month) && !this.kpiRebuilding.has(month)) {
      const run = this.rebuildKpis(month).finally(() => this.kpiRebuilding.delete(month));
      this.kpiRebuilding.set(month, run);
    }
    await this.kpiRebuilding.get(month);
    return (this.kpiTallies.get(month) ?? new KpiTally()).read(now);
  }

  /**
   * Counts the orders received in a reopened month again, from the store. Events of the month that
   * arrive while the store is read wait, and count only if they are newer than the row read.
   */
  private async rebuildKpis(month: string): Promise<void> {
    const acc = this.accumulator(month);
    const waiting: [string, WorkOrder][] = [];
    this.kpiWaiting.set(month, waiting);
    try {
      const orders = await this.options.store.listWorkOrders({
        createdFrom: new Date(acc.startMs).toISOString(),
        createdTo: new Date(acc.endMs - 1).toISOString(),
        limit: Number.MAX_SAFE_INTEGER,
      });
      const tally = new KpiTally();
      const version = new Map<string, number>();
      for (const o of orders) {
        if (!this.kpiCounts(o)) continue;
        tally.addOrder(o);
        version.set(o.id, o.version);
      }
      for (const [type, o] of waiting) if (o.version > (version.get(o.id) ?? 0)) tally.fold(type, o);
      this.kpiTallies.set(month, tally);
      this.kpiRebuild.delete(month);
    } finally {
      this.kpiWaiting.delete(month);
    }
  }

  /** Replayed history counts only when the score counts it; the mark is on the received order only (the deriver remembers it). */
  private kpiCounts(o: WorkOrder): boolean {
    return !(o.replayed || this.deriver.isReplayed(o.id)) || (this.options.includeReplayed?.() ?? false);
  }

  /** Counts what a workflow event adds in the month its order was received in; true when a month still running may have moved. */
  private foldKpis(type: string, o: WorkOrder, now: number): boolean {
    // Most order events move no indicator (dispatch, start, supervise, …); an order not filed adds nothing yet.
    if (!KPI_EVENTS.has(type) || o.timestamps.filed === undefined || !this.kpiCounts(o)) return false;
    const acc = this.accumulatorAt(isoMs(o.createdAt));
    const waiting = this.kpiWaiting.get(acc.month);
    if (waiting) {
      waiting.push([type, o]);
      return false;
    }
    // A closed month's are frozen; a reopened one's are counted from the store (which has this event) on its first read.
    if (this.closeBook.frozen(acc.month) || this.kpiRebuild.has(acc.month)) return false;
    // Started from a checkpoint: a month not counted since is counted from the store on its first read.
    if (this.kpiFromStore && !this.kpiTallies.has(acc.month)) return false;
    let tally = this.kpiTallies.get(acc.month);
    if (!tally) this.kpiTallies.set(acc.month, (tally = new KpiTally()));
    return tally.fold(type, o) && now < acc.endMs;
  }

  /**
   * Months that close themselves: over, with facts, never closed before, and past their day
   * (00:00 on monthCloseDay after the month). A reopened month is closed again only by a manager.
   */
  private async closeDue(): Promise<void> {
    const now = this.options.clock.now().getTime();
    for (const acc of [...this.months.values()]) {
      // Being closed right now (by a push, or another reader): wait for it, or this read would
      // still answer the month as provisional. A close that fails leaves the month as it was.
      const closing = this.closing.get(acc.month);
      if (closing) await closing.catch(() => undefined);
      if (acc.factCount === 0 || this.closeBook.revisions(acc.month).length > 0) continue;
      const due = closesAt(acc.days[acc.days.length - 1], this.settings(now));
      if (due !== null && now >= due) await this.closeNow(acc.month, 'system', true);
    }
  }

  /** The last event folded in: anything that can move a score (roster changes included) moves it. */
  get appliedSeq(): number {
    return this.lastSeq;
  }

  /** Was dispatch `n` of the order already judged wrong (by reassignment or by the Center)? */
  isJudgedWrong(orderId: string, n: number): boolean {
    for (const acc of this.months.values()) if (acc.wrongDispatches.has(`${orderId}#${n}`)) return true;
    return false;
  }

  /** Stops the timers and writes a checkpoint of what was folded since the last one (a clean shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.ticker);
    if (this.pushTimer) clearTimeout(this.pushTimer);
    // A load or a push still reading the store finishes before the store is closed.
    await this.ready.catch(() => {});
    await Promise.allSettled([...this.background]);
    await this.writing;
    if (!this.loading && this.lastSeq > this.checkpointSeq) await this.writeCheckpoint();
  }

  /** Writes the state folded so far as a checkpoint at its seq (one write at a time; never while loading). */
  writeCheckpoint(): Promise<void> {
    if (!this.checkpointEvery || this.loading) return Promise.resolve();
    if (this.writing) return this.writing;
    const state = this.checkpointState();
    const writtenAt = this.options.clock.now().toISOString();
    this.checkpointSeq = state.seq;
    this.writing = packCheckpoint(state)
      .then((bytes) => this.options.store.saveScoreCheckpoint({ version: state.version, seq: state.seq, state: bytes, writtenAt }))
      // A checkpoint only shortens the next start: without this one the next start folds more of the log.
      .catch(() => undefined)
      .finally(() => (this.writing = null));
    return this.writing;
  }

  private get checkpointEvery(): number {
    return this.options.checkpointEvery ?? CHECKPOINT_EVERY;
  }

  private checkpointState(): ServiceState {
    const months = [...this.months.values()]
      .filter((acc) => acc.factCount - (this.rosterFacts.get(acc) ?? 0) > 0 || acc.rejected.length > 0)
      .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    return {
      version: CHECKPOINT_VERSION,
      seq: this.lastSeq,
      includeReplayed: this.options.includeReplayed?.() ?? false,
      deriver: this.deriver.dump(),
      carried: this.carried.map(encodeFact),
      months: months.map((acc) => encodeMonth(acc, this.rosterFacts.get(acc) ?? 0)),
      closeBook: this.closeBook.dump(),
      faults: [...this.faults],
      deductions: [...this.deductions],
      deductionHistory: [...this.deductionHistory],
    };
  }

  /** Takes up the newest usable checkpoint, if any; false leaves the state empty for a full fold. */
  private async restoreCheckpoint(): Promise<boolean> {
    const stored = await this.options.store.latestScoreCheckpoint(CHECKPOINT_VERSION).catch(() => undefined);
    const state = stored && unpackCheckpoint(stored.state, stored.seq);
    if (!state || state.includeReplayed !== (this.options.includeReplayed?.() ?? false)) return false;
    try {
      this.restoreState(state);
      return true;
    } catch {
      return false; // a checkpoint this code cannot take up: the caller folds the whole log
    }
  }

  private restoreState(state: ServiceState): void {
    this.deriver.load(state.deriver);
    this.carried.push(...state.carried);
    for (const m of state.months) this.months.set(m.month, decodeMonth(m));
    this.closeBook = MonthCloseBook.load(state.closeBook);
    for (const [id, f] of state.faults) this.faults.set(id, f);
    for (const [id, d] of state.deductions) this.deductions.set(id, d);
    for (const [id, h] of state.deductionHistory) this.deductionHistory.set(id, h);
    this.lastSeq = state.seq;
    this.checkpointSeq = state.seq;
    this.started.fromCheckpoint = state.seq;
    this.kpiFromStore = true;
  }

  /**
   * Folds the whole log again. `ahead`: every settings change of the log, known before the fold, so
   * each month is cut by the boundaries in force at its end from its first fact (a fold that met a
   * boundary change only when reaching it would have cut the earlier months wrong).
   */
  private reload(ahead: ScoreFact[]): void {
    this.resetState(ahead);
    this.ready = Promise.resolve().then(() => this.load());
    this.ready.catch(() => {});
  }

  private resetState(ahead: ScoreFact[] | null): void {
    this.loading = true;
    this.settingsAhead = ahead;
    this.refoldAfterLoad = false;
    this.deriver = this.newDeriver();
    this.months.clear();
    this.lastMonth = null;
    this.carried.length = 0;
    this.closeBook = new MonthCloseBook();
    this.faults.clear();
    this.deductions.clear();
    this.deductionHistory.clear();
    this.rosterFacts = new WeakMap();
    this.kpiTallies.clear();
    this.kpiRebuild.clear();
    this.kpiFromStore = false;
    this.lastSeq = 0;
  }

  private newDeriver() {
    return createFactDeriver(() => this.options.includeReplayed?.() ?? false);
  }

  private async load(): Promise<void> {
    if (this.firstLoad) {
      this.firstLoad = false;
      this.started.fromCheckpoint = null;
      this.started.eventsRead = 0;
      if (this.checkpointEvery && !(await this.restoreCheckpoint())) this.resetState(null);
    }
    for (;;) {
      const page = await this.options.store.eventsAfter(this.lastSeq, LOAD_PAGE);
      this.started.eventsRead += page.length;
      const now = this.options.clock.now().getTime();
      for (const event of page) this.apply(event, now);
      if (page.length < LOAD_PAGE) break;
    }
    if (this.refoldAfterLoad) {
      // The log moved the month boundaries: fold it once more, now knowing all its settings.
      this.resetState(this.carried.filter((f) => f.kind === 'settings'));
      return this.load();
    }
    this.settingsAhead = null;
    this.loading = false;
    for (const event of this.queued) this.apply(event);
    this.queued = [];
    this.schedulePush();
    if (this.lastSeq - this.checkpointSeq >= this.checkpointEvery) void this.writeCheckpoint();
  }

  /** Folds one event; true when the current month may have changed. `now`: the clock, read once per page while loading. */
  private apply(event: EventEnvelope, now: number = this.options.clock.now().getTime()): boolean {
    if (event.seq <= this.lastSeq) return false;
    this.lastSeq = event.seq;
    if (!this.loading && this.checkpointEvery && this.lastSeq - this.checkpointSeq >= this.checkpointEvery) queueMicrotask(() => void this.writeCheckpoint());
    if (ROSTER_ENTITIES.has(event.entityType)) this.rosterGeneration++;
    this.index(event);
    this.folding = { now, current: false, reloading: false };
    this.deriver.deriveInto(event, this.foldFact);
    if (this.folding.reloading) return false;
    // After the deriver: it has learnt whether the order is replayed history.
    if (event.entityType === 'workOrder' && this.foldKpis(event.type, event.payload.workOrder, now)) return true;
    return this.folding.current;
  }

  /** The event being folded: the clock, whether the current month moved, whether a refold took over. */
  private folding = { now: 0, current: false, reloading: false };

  /** Folds one fact of the event in `folding` into the month it counts in (carried facts: into every month). */
  private readonly foldFact = (fact: ScoreFact): void => {
    const folding = this.folding;
    if (folding.reloading) return;
    if (CARRIED.has(fact.kind)) {
      if (fact.kind === 'settings' && !this.settingsAhead) {
        const before = this.settings(fact.at);
        // Day and month boundaries move with the zone, the service period or the month kind: fold the
        // whole log again. While loading, read on first (later changes may follow), then fold once more.
        const boundariesMoved = !sameBoundaries(fact.settings, before);
        // Replayed orders come in or out of the score: the deriver reads the current setting, so only
        // a live change needs a fold.
        if (!this.loading && (boundariesMoved || replayedTurned(fact.settings, before))) {
          folding.reloading = true;
          folding.current = false;
          this.reload([...this.carried.filter((f) => f.kind === 'settings'), fact]);
          return;
        }
        if (boundariesMoved) this.refoldAfterLoad = true;
      }
      this.carried.push(fact);
      for (const acc of this.months.values()) if (addFact(acc, fact) && folding.now < acc.endMs) folding.current = true;
      return;
    }
    const acc = this.accumulatorAt(fact.at);
    if (addFact(acc, fact) && folding.now < acc.endMs) folding.current = true;
  };

  /** Keeps what the score's commands need to check (faults, deductions) and the frozen months. */
  private index(event: EventEnvelope): void {
    switch (event.type) {
      case 'equipment.faultReported':
      case 'equipment.faultRepaired':
        this.faults.set(event.payload.fault.id, event.payload.fault);
        break;
      case 'score.deductionEntered':
      case 'score.deductionRevised': {
        const { deduction } = event.payload;
        this.deductions.set(deduction.id, deduction);
        const history = this.deductionHistory.get(deduction.id) ?? [];
        history.push(deduction);
        this.deductionHistory.set(deduction.id, history);
        break;
      }
      case 'score.monthClosed':
        this.closeBook.closed(event.payload.score, event.payload.revision, event.payload.auto ?? false, event);
        // Its indicators are in the frozen score: the per-order tally is no longer needed.
        this.kpiTallies.delete(event.payload.score.month);
        this.kpiRebuild.delete(event.payload.score.month);
        break;
      case 'score.monthReopened':
        this.closeBook.reopened(event.payload.month, event.payload.reason, event);
        this.kpiRebuild.add(event.payload.month);
        break;
      default:
        break;
    }
  }

  private monthOf(at: number): string {
    for (const acc of this.months.values()) if (at >= acc.startMs && at < acc.endMs) return acc.month;
    return assessmentMonthOf(new Date(at), this.settings(at));
  }

  /** The month a fact dated `at` counts in; nearly every fact falls in the month of the one before. */
  private accumulatorAt(at: number): MonthAccumulator {
    const last = this.lastMonth;
    if (last !== null && at >= last.startMs && at < last.endMs) return last;
    const acc = this.accumulator(this.monthOf(at));
    this.lastMonth = acc;
    return acc;
  }

  /** The month of the last fact folded (forgotten with the months on a refold). */
  private lastMonth: MonthAccumulator | null = null;

  private accumulator(month: string): MonthAccumulator {
    let acc = this.months.get(month);
    if (!acc) {
      // The zone in force at the month's end draws its boundaries (foldMonth does the same).
      const probe = createAccumulator(month, this.settings());
      acc = createAccumulator(month, { ...this.options.baseSettings, ...boundariesOf(this.settings(probe.endMs - 1)) });
      for (const fact of this.carried) addFact(acc, fact);
      this.months.set(month, acc);
    }
    return acc;
  }

  /** Results of the contract year's earlier months, for quarter-to-date and termination risk. */
  private history(month: string): MonthTotal[] {
    const now = this.options.clock.now().getTime();
    const { firstMonth } = contractYearOf(month, this.settings(now));
    const quarterFirst = quarterOf(month).months[0];
    const from = quarterFirst < firstMonth ? quarterFirst : firstMonth;
    // Months the system has no facts for (before it ran) have no result, rather than a clean 100.
    const known = new Set([...this.months.values()].filter((a) => a.factCount > 0 || this.closeBook.frozen(a.month)).map((a) => a.month));
    return [...known]
      .filter((m) => m >= from && m < month)
      .sort()
      .map((m) => {
        const s = this.closeBook.frozen(m) ?? scoreFromAccumulator(this.months.get(m)!, { asOf: now });
        return { month: m, total: s.total, fee: s.fee.paid, feeFen: s.fee.paidFen, baseFen: s.fee.baseFen, closed: s.closed };
      });
  }

  private closeNow(month: string, actor: string, auto: boolean): Promise<MonthScore> {
    const pending = this.closing.get(month);
    if (pending) return pending;
    const run = (async () => {
      const { revisions: _r, closesAt: _c, ...score } = await this.live(month);
      const revision = this.closeBook.revisions(month).length + 1;
      const frozen: MonthScore = { ...score, status: 'closed' };
      const event = await this.options.commitClose(frozen, revision, auto, actor);
      this.closeBook.closed(frozen, revision, auto, event);
      return { ...frozen, revisions: this.closeBook.revisions(month) };
    })().finally(() => this.closing.delete(month));
    this.closing.set(month, run);
    return run;
  }

  private schedulePush(): void {
    if (this.pushTimer || this.loading || this.closed) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      this.inBackground(() => this.pushNow());
    }, this.options.pushDelayMs ?? 100);
  }

  /**
   * Runs a read nobody awaits. Its failure is logged, not left unhandled (the screens get the next
   * push instead); after close() nothing starts, and close() waits for what had started.
   */
  private inBackground(work: () => Promise<unknown>): void {
    if (this.closed) return;
    const run = work().catch((err: unknown) => {
      if (!this.closed) console.error('score service: background read failed', err);
    });
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }

  private async pushNow(): Promise<void> {
    const score = await this.scoreOf();
    this.lastPushed = { month: score.month, total: score.total, projection: score.projection.total, kpis: kpiKey(score.kpis) };
    this.options.push(score);
  }

  /** Without events the score still moves: a new day of short staffing, a fault passing 8 h. */
  private tick(): void {
    if (this.loading) return;
    this.inBackground(() => this.score());
  }

  /** Pushes the current month when it differs from what the screens last got. */
  private followIfMoved(score: MonthScore): void {
    if (this.loading || score.month !== this.monthOf(this.options.clock.now().getTime())) return;
    const last = this.lastPushed;
    if (!last || last.month !== score.month || last.total !== score.total || last.projection !== score.projection.total || last.kpis !== kpiKey(score.kpis)) {
      this.schedulePush();
    }
  }
}

/** The indicators' counts in one string: they move with time too (a deadline passes unhandled). */
const kpiKey = (kpis: NationalKpis | undefined) =>
  kpis
    ? Object.values(kpis)
        .map((k) => `${k.numerator}/${k.denominator}`)
        .join(' ')
    : '';
