import type { ContractSettings } from '../settings';
import type { FactOf, ScoreFact } from './facts';
import type { EncodedFlags } from './checkpoint';

/**
 * What the month's score was at the end of each local day, kept up to date as facts arrive.
 *
 * Definition: the total for day d is the score of the month's facts dated before the end of day
 * d (in the order they were logged), read at that instant (today: now). It is what a full
 * recomputation would give if the log were cut at each day's end by fact time — a late callback
 * or a backdated manual deduction changes the days it is dated in, a kiosk that was off has no gaps.
 *
 * Cost: the alternative, refolding the month once per day, is 31 full recomputations per event.
 * Instead each fact adds O(1) to per-day delta arrays (O(days) only when the same order, report or
 * incident is re-stated), and reading the series is O(days² + days × (faults + manual deductions)),
 * independent of the number of orders. Facts re-stated under one key (a re-check of an order) are
 * replayed per key: the key counts on day d with the value of its last fact dated by then.
 */
export interface DaySeriesState {
  readonly dayCount: number;
  /** Settings the month started with, then every settings fact before the month's end, by time. */
  readonly initialSettings: ContractSettings;
  readonly settings: FactOf<'settings'>[];
  readonly dispatches: number[];
  readonly callbackDue: number[];
  readonly callbackDone: number[];
  readonly checked: DayFlags;
  readonly failedChecks: DayFlags;
  readonly wrongReports: DayFlags;
  readonly wrongDispatches: DayFlags;
  /** Every version of each fault, in log order (a repair re-states the fault). */
  readonly faultVersions: Map<string, FactOf<'fault'>[]>;
}

export function createDaySeries(dayCount: number, settings: ContractSettings): DaySeriesState {
  const zeros = () => new Array<number>(dayCount).fill(0);
  return {
    dayCount,
    initialSettings: settings,
    settings: [],
    dispatches: zeros(),
    callbackDue: zeros(),
    callbackDone: zeros(),
    checked: new DayFlags(dayCount),
    failedChecks: new DayFlags(dayCount),
    wrongReports: new DayFlags(dayCount),
    wrongDispatches: new DayFlags(dayCount),
    faultVersions: new Map(),
  };
}

/** Index of the local day containing `at` (dayStarts ends with the month's end). */
export function dayIndexOf(dayStarts: readonly number[], at: number): number {
  let lo = 0;
  let hi = dayStarts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dayStarts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Records a fact dated in the month (settings: any before the month's end). */
export function recordDayFact(series: DaySeriesState, day: number, fact: ScoreFact): void {
  switch (fact.kind) {
    case 'settings': {
      // Sorted by time; an equal time goes after, as the later one wins in the fold.
      const list = series.settings;
      let i = list.length;
      while (i > 0 && list[i - 1].at > fact.at) i--;
      list.splice(i, 0, fact);
      break;
    }
    case 'dispatch':
      series.dispatches[day]++;
      break;
    case 'wrongDispatch':
      series.wrongDispatches.add(`${fact.orderId}#${fact.n}`, day, 1);
      break;
    case 'qualityCheck':
      series.checked.add(fact.orderId, day, 1);
      series.failedChecks.add(fact.orderId, day, fact.passed ? 0 : 1);
      break;
    case 'callbackDue':
      if (!fact.excluded) series.callbackDue[day]++;
      break;
    case 'calledBack':
      if (!fact.excluded) series.callbackDone[day]++;
      break;
    case 'callbackWithdrawn':
      if (fact.excluded) break;
      series.callbackDue[day]--;
      if (fact.calledBack) series.callbackDone[day]--;
      break;
    case 'evaluatorReport':
      series.wrongReports.add(fact.reportId, day, fact.correct ? 0 : 1);
      break;
    case 'fault': {
      const versions = series.faultVersions.get(fact.faultId);
      if (versions) versions.push(fact);
      else series.faultVersions.set(fact.faultId, [fact]);
      break;
    }
    default:
      break;
  }
}

/** Settings in force for a read before `endMs`: the latest set before it, else the month's own. */
export function settingsBefore(series: DaySeriesState, endMs: number): ContractSettings {
  let found = series.initialSettings;
  for (const f of series.settings) {
    if (f.at >= endMs) break;
    found = f.settings;
  }
  return found;
}

/**
 * A 0/1 value per key whose facts may be re-stated: on day d the key counts with the value of its
 * last fact (in log order) dated on or before d. Keeps per-day deltas, so a prefix sum gives the
 * count on any day. Keys stated once (nearly all) cost one map entry.
 */
export class DayFlags {
  /** delta[d]: change of the count on day d. */
  readonly delta: number[];
  private readonly once = new Map<string, number>();
  private readonly restated = new Map<string, number[]>();

  constructor(private readonly dayCount: number) {
    this.delta = new Array<number>(dayCount).fill(0);
  }

  add(key: string, day: number, value: 0 | 1): void {
    const encoded = day * 2 + value;
    const first = this.once.get(key);
    // Most keys are stated once: the re-stated map is asked only when it holds something.
    const history = this.restated.size === 0 ? undefined : this.restated.get(key);
    if (first === undefined && !history) {
      this.once.set(key, encoded);
      if (value) this.delta[day]++;
      return;
    }
    const before = history ?? [first!];
    const after = [...before, encoded];
    const old = this.valuesByDay(before);
    const next = this.valuesByDay(after);
    for (let d = 0; d < this.dayCount; d++) {
      const change = next[d] - old[d] - (d > 0 ? next[d - 1] - old[d - 1] : 0);
      if (change !== 0) this.delta[d] += change;
    }
    this.once.delete(key);
    this.restated.set(key, after);
  }

  /** The flags as JSON-safe data (checkpoint.ts). */
  dump(): EncodedFlags {
    return { delta: [...this.delta], once: [...this.once], restated: [...this.restated] };
  }

  static load(dayCount: number, data: EncodedFlags): DayFlags {
    const flags = new DayFlags(dayCount);
    data.delta.forEach((d, i) => (flags.delta[i] = d));
    for (const [key, encoded] of data.once) flags.once.set(key, encoded);
    for (const [key, history] of data.restated) flags.restated.set(key, history);
    return flags;
  }

  private valuesByDay(history: readonly number[]): number[] {
    const out = new Array<number>(this.dayCount).fill(0);
    for (let d = 0; d < this.dayCount; d++) {
      for (let i = history.length - 1; i >= 0; i--) {
        if (history[i] >> 1 <= d) {
          out[d] = history[i] & 1;
          break;
        }
      }
    }
    return out;
  }
}
