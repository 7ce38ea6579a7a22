import type { MonthAccumulator } from './accumulator';
import { DayFlags, type DaySeriesState } from './day-series';
import type { FactRef, ScoreFact } from './facts';

/**
 * A month's folded state as plain JSON, for the score service's checkpoint (server/score): the
 * service starts from it and folds only the events after its seq, instead of the whole log.
 *
 * CHECKPOINT_VERSION names the shape of what is written here and of the fold that made it: change
 * the accumulator, the day series or what a fact means, and bump it; a checkpoint of another
 * version is never read (the service folds the whole log instead).
 *
 * A fact's reference is kept as its FactRef fields only (the event's payload stays in the log).
 * Facts are never changed in place, so two equal copies of a fact behave as the one they were.
 */
export const CHECKPOINT_VERSION = 1;

type Entries<T> = [string, T][];

export interface EncodedMonth {
  month: string;
  startMs: number;
  endMs: number;
  days: string[];
  dayStarts: number[];
  serviceDay: boolean[];
  share: MonthAccumulator['share'];
  settings: MonthAccumulator['settings'];
  /** null: no settings change in force yet (−∞, which JSON cannot hold). */
  settingsAt: number | null;
  factCount: number;
  openingHeadcount: MonthAccumulator['openingHeadcount'];
  headcountChanges: MonthAccumulator['headcountChanges'];
  evaluatorReports: Entries<ScoreFact>;
  wrongReports: Entries<ScoreFact>;
  incidents: Entries<ScoreFact>;
  lateCandidates: Entries<ScoreFact>;
  qualityChecks: Entries<ScoreFact>;
  failedChecks: Entries<ScoreFact>;
  dispatchCount: number;
  wrongDispatches: Entries<ScoreFact>;
  callbackDue: number;
  callbackDone: number;
  callbackPending: Entries<ScoreFact>;
  faults: Entries<ScoreFact>;
  manual: Entries<ScoreFact>;
  manualRevisions: Entries<ScoreFact[]>;
  rejected: ScoreFact[];
  series: {
    dayCount: number;
    initialSettings: DaySeriesState['initialSettings'];
    settings: ScoreFact[];
    dispatches: number[];
    callbackDue: number[];
    callbackDone: number[];
    checked: EncodedFlags;
    failedChecks: EncodedFlags;
    wrongReports: EncodedFlags;
    wrongDispatches: EncodedFlags;
    faultVersions: Entries<ScoreFact[]>;
  };
}

export interface EncodedFlags {
  delta: number[];
  once: Entries<number>;
  restated: Entries<number[]>;
}

const refOnly = (r: FactRef): FactRef => ({ seq: r.seq, at: r.at, actor: r.actor, entityType: r.entityType, entityId: r.entityId });

/** A fact with its reference cut down to the FactRef fields. */
export function encodeFact<F extends ScoreFact>(f: F): F {
  return { ...f, ref: refOnly(f.ref) };
}

function entries<T extends ScoreFact>(map: ReadonlyMap<string, T>): Entries<ScoreFact> {
  const out: Entries<ScoreFact> = [];
  for (const [k, f] of map) out.push([k, encodeFact(f)]);
  return out;
}

function listEntries<T extends ScoreFact>(map: ReadonlyMap<string, readonly T[]>): Entries<ScoreFact[]> {
  const out: Entries<ScoreFact[]> = [];
  for (const [k, list] of map) out.push([k, list.map(encodeFact)]);
  return out;
}

const mapOf = <T>(list: Entries<ScoreFact | ScoreFact[]>) => new Map(list) as unknown as Map<string, T>;

/**
 * The month's state as JSON-safe data. `without`: a count of facts to leave out of factCount (the
 * roster's staffing findings, which are not in the log and are read again after a start); the
 * findings themselves (dailyHeadcount) are never written.
 */
export function encodeMonth(acc: MonthAccumulator, rosterFacts = 0): EncodedMonth {
  const s = acc.series;
  return {
    month: acc.month,
    startMs: acc.startMs,
    endMs: acc.endMs,
    days: acc.days,
    dayStarts: acc.dayStarts,
    serviceDay: acc.serviceDay,
    share: acc.share,
    settings: acc.settings,
    settingsAt: Number.isFinite(acc.settingsAt) ? acc.settingsAt : null,
    factCount: acc.factCount - rosterFacts,
    openingHeadcount: acc.openingHeadcount,
    headcountChanges: {
      seat: acc.headcountChanges.seat.map(encodeFact),
      responder: acc.headcountChanges.responder.map(encodeFact),
      evaluator: acc.headcountChanges.evaluator.map(encodeFact),
    },
    evaluatorReports: entries(acc.evaluatorReports),
    wrongReports: entries(acc.wrongReports),
    incidents: entries(acc.incidents),
    lateCandidates: entries(acc.lateCandidates),
    qualityChecks: entries(acc.qualityChecks),
    failedChecks: entries(acc.failedChecks),
    dispatchCount: acc.dispatchCount,
    wrongDispatches: entries(acc.wrongDispatches),
    callbackDue: acc.callbackDue,
    callbackDone: acc.callbackDone,
    callbackPending: entries(acc.callbackPending),
    faults: entries(acc.faults),
    manual: entries(acc.manual),
    manualRevisions: listEntries(acc.manualRevisions),
    rejected: acc.rejected.map(encodeFact),
    series: {
      dayCount: s.dayCount,
      initialSettings: s.initialSettings,
      settings: s.settings.map(encodeFact),
      dispatches: s.dispatches,
      callbackDue: s.callbackDue,
      callbackDone: s.callbackDone,
      checked: s.checked.dump(),
      failedChecks: s.failedChecks.dump(),
      wrongReports: s.wrongReports.dump(),
      wrongDispatches: s.wrongDispatches.dump(),
      faultVersions: listEntries(s.faultVersions),
    },
  };
}

/** The month back from `encodeMonth`: folding on from it gives what folding on from the original would. */
export function decodeMonth(m: EncodedMonth): MonthAccumulator {
  const s = m.series;
  return {
    month: m.month,
    startMs: m.startMs,
    endMs: m.endMs,
    days: m.days,
    dayStarts: m.dayStarts,
    serviceDay: m.serviceDay,
    share: m.share,
    settings: m.settings,
    settingsAt: m.settingsAt ?? Number.NEGATIVE_INFINITY,
    factCount: m.factCount,
    openingHeadcount: m.openingHeadcount,
    headcountChanges: m.headcountChanges,
    dailyHeadcount: new Map(),
    evaluatorReports: mapOf(m.evaluatorReports),
    wrongReports: mapOf(m.wrongReports),
    incidents: mapOf(m.incidents),
    lateCandidates: mapOf(m.lateCandidates),
    qualityChecks: mapOf(m.qualityChecks),
    failedChecks: mapOf(m.failedChecks),
    dispatchCount: m.dispatchCount,
    wrongDispatches: mapOf(m.wrongDispatches),
    callbackDue: m.callbackDue,
    callbackDone: m.callbackDone,
    callbackPending: mapOf(m.callbackPending),
    faults: mapOf(m.faults),
    manual: mapOf(m.manual),
    manualRevisions: mapOf(m.manualRevisions),
    rejected: m.rejected,
    series: {
      dayCount: s.dayCount,
      initialSettings: s.initialSettings,
      settings: s.settings as DaySeriesState['settings'],
      dispatches: s.dispatches,
      callbackDue: s.callbackDue,
      callbackDone: s.callbackDone,
      checked: DayFlags.load(s.dayCount, s.checked),
      failedChecks: DayFlags.load(s.dayCount, s.failedChecks),
      wrongReports: DayFlags.load(s.dayCount, s.wrongReports),
      wrongDispatches: DayFlags.load(s.dayCount, s.wrongDispatches),
      faultVersions: mapOf(s.faultVersions),
    },
  };
}
