import type { Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import { addDaysToKey, startOfDayKey } from '../time';
import { validManualPoints } from './blocks';
import { createDaySeries, dayIndexOf, recordDayFact, type DaySeriesState } from './day-series';
import type { FactOf, ScoreFact } from './facts';
import { assessmentDays, inServicePeriod, serviceShare, type ServiceShare } from './service-period';

type PerPost<T> = Record<Post, T>;
const perPost = <T>(make: () => T): PerPost<T> => ({ seat: make(), responder: make(), evaluator: make() });

type CallbackFact = FactOf<'callbackDue'> | FactOf<'calledBack'> | FactOf<'callbackWithdrawn'>;

/**
 * The running state of one month's score: counters and the facts behind each deduction.
 * `addFact` is O(1) (amortised) so the server can rescore after every event; the score itself
 * is read by `scoreFromAccumulator` in O(blocks + days + open faults).
 * Facts outside the month are ignored, except the few that carry state into it
 * (headcounts in force at the start, settings).
 */
export interface MonthAccumulator {
  readonly month: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly days: string[];
  /** Start of each local day, plus the month's end as the last element. */
  readonly dayStarts: number[];
  /** Is each day inside a service period? Facts dated on other days never count (§1). */
  readonly serviceDay: boolean[];
  /** Service days of the month: the fee's pro rata share and the contract year it belongs to. */
  readonly share: ServiceShare;
  settings: ContractSettings;
  /** Time of the settings change in force, for "latest wins" whatever the arrival order. */
  settingsAt: number;
  factCount: number;

  openingHeadcount: PerPost<{ at: number; headcount: number } | null>;
  headcountChanges: PerPost<FactOf<'headcount'>[]>;
  dailyHeadcount: Map<string, FactOf<'dailyHeadcount'>>;

  evaluatorReports: Map<string, FactOf<'evaluatorReport'>>;
  wrongReports: Map<string, FactOf<'evaluatorReport'>>;

  /** Each incident's arrival clock as last stated (late or not is decided when read: time passes). */
  incidents: Map<string, FactOf<'incident'>>;
  /**
   * The incidents that are or may become late: all but those reached by both their first and latest
   * deadline. Reads walk only these (most incidents are reached in time), so a read stays cheap in a
   * month of thousands of incidents.
   */
  lateCandidates: Map<string, FactOf<'incident'>>;

  qualityChecks: Map<string, FactOf<'qualityCheck'>>;
  failedChecks: Map<string, FactOf<'qualityCheck'>>;

  /** Dispatches (first dispatches and reassignments): each dispatch event is one. */
  dispatchCount: number;
  wrongDispatches: Map<string, FactOf<'wrongDispatch'>>;

  callbackDue: number;
  callbackDone: number;
  /** Orders due a callback and not yet called back: the causes of a callback deduction. */
  callbackPending: Map<string, CallbackFact>;

  faults: Map<string, FactOf<'fault'>>;

  /** Current revision of each manual deduction, and every revision ever entered. */
  manual: Map<string, FactOf<'manualDeduction'>>;
  manualRevisions: Map<string, FactOf<'manualDeduction'>[]>;

  /** Facts the engine refused (a manual deduction outside the table's range): shown, never counted. */
  rejected: ScoreFact[];

  /** The same facts by local day, for the score at the end of each day (day-series.ts). */
  series: DaySeriesState;
}

/** An empty month. `settings` are those in force at the month's start. */
export function createAccumulator(month: string, settings: ContractSettings): MonthAccumulator {
  const tz = settings.timeZone;
  const days = assessmentDays(month, settings);
  const dayStarts = days.map((d) => startOfDayKey(d, tz).getTime());
  const endMs = startOfDayKey(addDaysToKey(days[days.length - 1], 1), tz).getTime();
  dayStarts.push(endMs);
  return {
    month,
    startMs: dayStarts[0],
    endMs,
    days,
    dayStarts,
    serviceDay: days.map((d) => inServicePeriod(d, settings)),
    share: serviceShare(month, settings),
    settings,
    settingsAt: Number.NEGATIVE_INFINITY,
    factCount: 0,
    openingHeadcount: perPost(() => null),
    headcountChanges: perPost(() => []),
    dailyHeadcount: new Map(),
    evaluatorReports: new Map(),
    wrongReports: new Map(),
    incidents: new Map(),
    lateCandidates: new Map(),
    qualityChecks: new Map(),
    failedChecks: new Map(),
    dispatchCount: 0,
    wrongDispatches: new Map(),
    callbackDue: 0,
    callbackDone: 0,
    callbackPending: new Map(),
    faults: new Map(),
    manual: new Map(),
    manualRevisions: new Map(),
    rejected: [],
    series: createDaySeries(days.length, settings),
  };
}

/** Does the fact count in this month? (start inclusive, end exclusive, in the Center's zone) */
export const inMonth = (acc: MonthAccumulator, at: number) => at >= acc.startMs && at < acc.endMs;

/**
 * Folds one fact into the month, in place. Returns whether the month's score may have changed
 * (false for facts of other months), so the server can skip rescoring.
 */
export function addFact(acc: MonthAccumulator, fact: ScoreFact): boolean {
  // Read once: each kind of fact has its own shape, so a field every kind has is a slow read.
  const { kind, at } = fact;
  switch (kind) {
    case 'settings':
      // The last settings in force before the month ends score the month.
      if (at >= acc.endMs) return false;
      recordDayFact(acc.series, 0, fact);
      if (at < acc.settingsAt) return false;
      // Day and month boundaries stay those of the zone the accumulator was made with: a change
      // of zone makes the caller build a new accumulator and refold (foldMonth picks the zone).
      acc.settings = fact.settings;
      acc.settingsAt = at;
      break;
    case 'headcount':
      if (at >= acc.endMs) return false;
      if (at < acc.startMs) {
        const opening = acc.openingHeadcount[fact.post];
        if (opening && opening.at > at) return false;
        acc.openingHeadcount[fact.post] = { at, headcount: fact.headcount };
      } else {
        insertByTime(acc.headcountChanges[fact.post], fact);
      }
      break;
    case 'dailyHeadcount': {
      // The roster's figures are re-sent on every read; an unchanged one is not a new fact.
      if (!inMonth(acc, at)) return false;
      const key = `${fact.day}|${fact.post}`;
      const before = acc.dailyHeadcount.get(key);
      if (before && sameStaffingDay(before, fact)) return false;
      acc.dailyHeadcount.set(key, fact);
      break;
    }
    default: {
      if (!inMonth(acc, at)) return false;
      const day = dayIndexOf(acc.dayStarts, at);
      // Outside the service period nothing the contractor did or missed counts.
      if (!acc.serviceDay[day]) return false;
      if (kind === 'manualDeduction' && !validManualPoints(fact.block, fact.points)) {
        // Checked here as well as at the route: no path may bring 105 points or a negative deduction.
        acc.rejected.push(fact);
        return false;
      }
      addMonthFact(acc, fact);
      recordDayFact(acc.series, day, fact);
    }
  }
  // Only facts dated in the month count as its facts (not the headcount or settings carried in).
  if (at >= acc.startMs) acc.factCount++;
  return true;
}

function addMonthFact(acc: MonthAccumulator, fact: ScoreFact): void {
  switch (fact.kind) {
    case 'dispatch':
      acc.dispatchCount++;
      break;
    case 'wrongDispatch':
      // The same dispatch judged wrong twice (reassigned, then by the Center) counts once.
      acc.wrongDispatches.set(`${fact.orderId}#${fact.n}`, fact);
      break;
    case 'qualityCheck':
      acc.qualityChecks.set(fact.orderId, fact);
      if (fact.passed) acc.failedChecks.delete(fact.orderId);
      else acc.failedChecks.set(fact.orderId, fact);
      break;
    case 'callbackDue':
    case 'calledBack':
    case 'callbackWithdrawn':
      addCallback(acc, fact);
      break;
    case 'evaluatorReport':
      acc.evaluatorReports.set(fact.reportId, fact);
      if (fact.correct) acc.wrongReports.delete(fact.reportId);
      else acc.wrongReports.set(fact.reportId, fact);
      break;
    case 'incident': {
      // An arrival is never taken back by a later re-statement (a follow-up dispatch fact).
      const before = acc.incidents.get(fact.incidentId);
      const stated = before?.arrivedAt != null && fact.arrivedAt === null ? { ...fact, arrivedAt: before.arrivedAt } : fact;
      acc.incidents.set(fact.incidentId, stated);
      const inTime = stated.arrivedAt !== null && stated.arrivedAt <= stated.firstDeadline && stated.arrivedAt <= stated.lastDeadline;
      if (inTime) acc.lateCandidates.delete(fact.incidentId);
      else acc.lateCandidates.set(fact.incidentId, stated);
      break;
    }
    case 'fault':
      acc.faults.set(fact.faultId, fact);
      break;
    case 'manualDeduction': {
      const revisions = acc.manualRevisions.get(fact.deductionId) ?? [];
      revisions.push(fact);
      acc.manualRevisions.set(fact.deductionId, revisions);
      const current = acc.manual.get(fact.deductionId);
      if (!current || fact.revision >= current.revision) acc.manual.set(fact.deductionId, fact);
      break;
    }
    default:
      break;
  }
}

/**
 * Callback rate over the orders handled this month (§5 回访工作: orders called back ÷ orders due a
 * callback, 挂起/疑难 excluded). The rule counts orders, so an order is due one callback, on its
 * latest 办结, and is called back when the 回访 followed that 办结. An order handled twice (返工:
 * sent back to handling after 办结 or after a 回访 that found it unresolved) is still one order:
 * the reopen withdraws the due of the 办结 it undoes, and its 回访 if one was made
 * (`callbackWithdrawn`); the next 办结 makes the order due again and the next 回访 counts it as
 * called back. Worked example: handled, called back, reopened, handled, called back → due
 * 1 + 1 − 1 = 1, done 1 + 1 − 1 = 1, 100 %, never 2 ÷ 2 or 1 ÷ 2.
 *
 * The log guarantees the shape this relies on: each 办结 is followed by at most one 回访 or one
 * 返工, in that order (the state machine allows nothing else), and the service feeds each event
 * once (by seq). So two counters and the pending set suffice, with no per-order record: a
 * city-scale month is 300,000 orders. A reopen reaching a month already closed leaves that month
 * as it was closed (closed months change only by a recorded reopen of the month).
 */
function addCallback(acc: MonthAccumulator, fact: CallbackFact): void {
  if (fact.excluded) return;
  if (fact.kind === 'callbackDue') {
    acc.callbackDue++;
    acc.callbackPending.set(fact.orderId, fact);
  } else if (fact.kind === 'calledBack') {
    acc.callbackDone++;
    acc.callbackPending.delete(fact.orderId);
  } else {
    acc.callbackDue--;
    if (fact.calledBack) acc.callbackDone--;
    acc.callbackPending.delete(fact.orderId);
  }
}

/** Keeps a per-post timeline sorted by time; facts nearly always arrive in order, so this is O(1). */
function insertByTime(list: FactOf<'headcount'>[], fact: FactOf<'headcount'>): void {
  let i = list.length;
  while (i > 0 && list[i - 1].at > fact.at) i--;
  list.splice(i, 0, fact);
}

/** Same figures, same law-graduate flag, same names, same 空岗 stretches: nothing new about the day. */
function sameStaffingDay(a: FactOf<'dailyHeadcount'>, b: FactOf<'dailyHeadcount'>): boolean {
  if (a.headcount !== b.headcount || (a.noLawGraduate ?? false) !== (b.noLawGraduate ?? false)) return false;
  if ((a.missing ?? []).join('\n') !== (b.missing ?? []).join('\n')) return false;
  const ea = a.empty ?? [];
  const eb = b.empty ?? [];
  return (
    ea.length === eb.length &&
    ea.every(
      (x, i) =>
        x.start === eb[i].start &&
        x.end === eb[i].end &&
        x.onDuty === eb[i].onDuty &&
        x.minimum === eb[i].minimum &&
        x.absent.join('\n') === eb[i].absent.join('\n'),
    )
  );
}
