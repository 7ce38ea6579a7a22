import { POSTS } from '../domain/staff';
import type { ContractSettings } from '../settings';
import type { MonthAccumulator } from './accumulator';
import { BLOCK_MAX, BLOCKS, pointsOf, type BlockId } from './blocks';
import { dayIndexOf, settingsBefore } from './day-series';
import { deadlineOf, isLate } from './incidents';
import type { FactOf } from './facts';
import { clean, rateDeduction } from './rates';
import { observedHeadcounts, shortReasons, type ObservedHeadcounts } from './staffing';

/** The month-to-date total at the end of one local day (today: now). */
export interface DailyTotal {
  day: string;
  total: number;
}

/**
 * The month's total at the end of each started day, as day-series.ts defines it. Mirrors the
 * arithmetic of scoreFromAccumulator block by block (same rules, caps and rounding), so the last
 * day equals the live total; a test folds each day's facts from scratch and compares.
 */
export function dailyTotals(acc: MonthAccumulator, asOf: number, observed: ObservedHeadcounts = observedHeadcounts(acc, asOf)): DailyTotal[] {
  const s = acc.series;
  const out: DailyTotal[] = [];
  let dispatches = 0;
  let due = 0;
  let done = 0;
  let checked = 0;
  let failed = 0;
  let wrongReports = 0;
  let wrongDispatches = 0;
  let late = 0;
  let lateSettings: ContractSettings | null = null;
  let lateDays: number[] = [];
  let short = 0;
  let shortSettings: ContractSettings | null = null;
  const shortOn = (i: number, settings: ContractSettings) => {
    let n = 0;
    if (!acc.serviceDay[i]) return 0;
    for (const post of POSTS) {
      const seen = observed[post][i];
      // Once per post and day, whether 缺编, 空岗 or both (staffing.ts).
      if (seen !== null && shortReasons(seen, post, settings) !== null) n++;
    }
    return n;
  };

  for (let d = 0; d < observed.startedDays; d++) {
    const endMs = acc.dayStarts[d + 1];
    // A day reads as of its last instant; a closed month's last day is the month's total, read at asOf.
    const at = endMs === acc.endMs && asOf >= acc.endMs ? asOf : Math.min(endMs - 1, asOf);
    const settings = settingsBefore(s, endMs);
    const mode = settings.pointMode;
    dispatches += s.dispatches[d];
    due += s.callbackDue[d];
    done += s.callbackDone[d];
    checked += s.checked.delta[d];
    failed += s.failedChecks.delta[d];
    wrongReports += s.wrongReports.delta[d];
    wrongDispatches += s.wrongDispatches.delta[d];
    // Which deadline counts is a setting: recounted from day 1 only when the settings changed.
    if (settings !== lateSettings) {
      lateSettings = settings;
      lateDays = lateDeadlineDays(acc, settings, asOf);
      late = 0;
      for (let i = 0; i < d; i++) late += lateDays[i];
    }
    late += lateDays[d];

    // Short days so far, per post; recounted from day 1 only when the settings changed.
    if (settings !== shortSettings) {
      shortSettings = settings;
      short = 0;
      for (let i = 0; i < d; i++) short += shortOn(i, settings);
    }
    short += shortOn(d, settings);

    const lost: Record<BlockId, number> = {
      staffing: clean(short * pointsOf('staffing.shortDay')),
      evaluatorQuality: clean(wrongReports * pointsOf('evaluator.wrongReport')),
      responderQuality: clean(late * pointsOf('responder.late')),
      contentQuality: rateDeduction('contentQuality', checked - failed, checked, settings.targets.contentQuality, mode).deduction,
      dispatchAccuracy: rateDeduction(
        'dispatchAccuracy',
        Math.max(0, dispatches - wrongDispatches),
        Math.max(dispatches, wrongDispatches),
        settings.targets.dispatchAccuracy,
        mode,
      ).deduction,
      callbackRate: rateDeduction('callbackRate', done, due, settings.targets.callbackRate, mode).deduction,
      logistics: 0,
    };

    const limitMs = settings.equipmentRepairHours * 3_600_000;
    for (const versions of s.faultVersions.values()) {
      const f = lastDated(versions, endMs);
      if (f && f.delaysWork && Math.min(f.repairedAt ?? at, at) - f.at > limitMs) lost.logistics += pointsOf('logistics.unrepairedFault');
    }

    // Manual points are whole or half points (the command's schema), so adding them is exact.
    for (const revisions of acc.manualRevisions.values()) {
      let current: FactOf<'manualDeduction'> | null = null;
      for (const r of revisions) if (r.at < endMs && (!current || r.revision >= current.revision)) current = r;
      if (current && !current.withdrawn) lost[current.block] += current.points;
    }

    let deducted = 0;
    for (const block of BLOCKS) deducted += Math.min(BLOCK_MAX[block], Math.max(0, clean(lost[block])));
    out.push({ day: acc.days[d], total: clean(100 - deducted) });
  }
  return out;
}

/**
 * Incidents late per day on which they became late, as of `asOf`. Lateness starts the instant after
 * the deadline (arriving at the deadline is on time), so a deadline at a day's last millisecond
 * counts from the next day; past the month's last day it stays on that day, which the closed month's
 * total already counts. An incident is late at the end of day d exactly when it is late now and
 * became late on day d or before, so one walk over the month's incidents serves every day.
 */
function lateDeadlineDays(acc: MonthAccumulator, settings: ContractSettings, asOf: number): number[] {
  const perDay = new Array<number>(acc.days.length).fill(0);
  for (const f of acc.lateCandidates.values()) {
    if (isLate(f, settings, asOf)) perDay[dayIndexOf(acc.dayStarts, deadlineOf(f, settings) + 1)]++;
  }
  return perDay;
}

/** The fault as last stated (in log order) among its versions dated before `endMs`. */
function lastDated(versions: readonly FactOf<'fault'>[], endMs: number): FactOf<'fault'> | null {
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i].at < endMs) return versions[i];
  return null;
}
