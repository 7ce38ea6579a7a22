import { POSTS, type Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import type { FactOf } from './facts';
import type { MonthAccumulator } from './accumulator';
import { pointsOf } from './blocks';
import { clean } from './rates';
import { causeOnce } from './causes';
import type { Cause, DeductionLine } from './types';
import type { EmptyStretch } from '../coverage/staffing-day';

/**
 * 人员保障 (附件2 一; contract-rules.md §5): each post, each day it is short — 缺编 or 空岗 — loses the
 * rule's points once ("1次/天"), whichever and however many reasons that day.
 * - 缺编: the day's headcount is below 98 % of the team minimum, or (settings.lawGraduateRequired)
 *   the seat team has no law graduate on the books. The headcount is the roster's figure for the
 *   day when there is one, else the staff records' count in force at the end of the day (or now,
 *   for today); the roster's figure already counts members past their replacement clock as missing.
 * - 空岗: the roster's stretches below the on-duty minimum from the clock-in/out log, those of at
 *   least settings.postEmptyMinutes (a shorter handover gap costs nothing).
 * Days before anything is known about a post are not judged; days outside the service period never are.
 */
export function staffingLines(acc: MonthAccumulator, asOf: number): { lines: DeductionLine[]; startedDays: number; observed: ObservedHeadcounts } {
  const { settings } = acc;
  const lines: DeductionLine[] = [];
  const observed = observedHeadcounts(acc, asOf);

  for (const post of POSTS) {
    const minimum = settings.teamMinimums[post];
    const causes: Cause[] = [];
    observed[post].forEach((seen, i) => {
      if (seen === null || !acc.serviceDay[i]) return;
      const short = shortReasons(seen, post, settings);
      if (!short) return;
      const build = () => shortDayCause(acc.days[i], acc.dayStarts[i], post, minimum, seen, short);
      // A roster day's cause depends on the fact and the settings only: built once (causes.ts).
      causes.push(seen.roster ? causeOnce(seen.roster, settings, build) : build());
    });
    if (causes.length > 0) {
      lines.push({
        rule: 'staffing.shortDay',
        block: 'staffing',
        subject: post,
        count: causes.length,
        points: clean(causes.length * pointsOf('staffing.shortDay')),
        causes,
        causeCount: causes.length,
      });
    }
  }
  return { lines, startedDays: observed.startedDays, observed };
}

/** Why a post is short on a day, by the settings in force then; null when it is not. */
export interface ShortReasons {
  /** 缺编: below 98 % of the team, or no law graduate. */
  teamShort: boolean;
  noLawGraduate: boolean;
  /** 空岗: the stretches long enough to count. */
  empty: EmptyStretch[];
}

export function shortReasons(seen: NonNullable<Observation>, post: Post, settings: ContractSettings): ShortReasons | null {
  const noLawGraduate = settings.lawGraduateRequired && (seen.roster?.noLawGraduate ?? false);
  const teamShort = isShort(seen.headcount, post, settings) || noLawGraduate;
  const minMs = settings.postEmptyMinutes * 60_000;
  const empty = (seen.roster?.empty ?? []).filter((e) => e.end - e.start >= minMs);
  return teamShort || empty.length > 0 ? { teamShort, noLawGraduate, empty } : null;
}

/** The day behind a deduction: which (缺编, 空岗 or both), when, and who was missing. */
function shortDayCause(day: string, dayStart: number, post: Post, minimum: number, seen: NonNullable<Observation>, short: ShortReasons): Cause {
  const { roster } = seen;
  const { teamShort, empty } = short;
  const names = (list: readonly string[]) => (list.length > 0 ? list.join('、') : null);
  const absent = [...new Set(empty.flatMap((e) => e.absent))];
  return {
    kind: 'day',
    what: teamShort && empty.length > 0 ? 'teamShortPostEmpty' : teamShort ? 'teamShort' : 'postEmpty',
    id: day,
    seq: roster?.ref.seq ?? null,
    // An empty post is dated when it began; a short team, from the start of the day.
    at: new Date(!teamShort && empty.length > 0 ? empty[0].start : dayStart).toISOString(),
    actor: roster?.ref.actor ?? null,
    entityType: null,
    entityId: null,
    detail: {
      post,
      headcount: seen.headcount,
      minimum,
      source: roster ? 'roster' : 'staff',
      teamShort,
      noLawGraduate: short.noLawGraduate,
      postEmpty: empty.length > 0,
      emptyFrom: empty.length > 0 ? new Date(empty[0].start).toISOString() : null,
      emptyTo: empty.length > 0 ? new Date(empty[0].end).toISOString() : null,
      emptyStretches: empty.length,
      emptyMinutes: empty.reduce((sum, e) => sum + Math.round((e.end - e.start) / 60_000), 0),
      onDuty: empty.length > 0 ? Math.min(...empty.map((e) => e.onDuty)) : null,
      onDutyMinimum: empty.length > 0 ? Math.max(...empty.map((e) => e.minimum)) : null,
      // Names, for managers: the wall's allow-list (redact-score.ts) leaves them out.
      missing: teamShort ? names(roster?.missing ?? []) : null,
      absent: names(absent),
    },
  };
}

/** Is the team short by its count on a day, by the settings in force then? */
export function isShort(headcount: number, post: Post, settings: ContractSettings): boolean {
  return headcount < clean(settings.teamMinimums[post] * settings.staffingThreshold) - 1e-9;
}

type Observation = { headcount: number; roster: FactOf<'dailyHeadcount'> | undefined } | null;
export type ObservedHeadcounts = Record<Post, Observation[]> & { startedDays: number };

/**
 * Each started day's headcount per post (null: nothing known yet). A day is observed at its end,
 * today at `asOf`, so a past day's figure does not depend on when the month is read.
 */
export function observedHeadcounts(acc: MonthAccumulator, asOf: number): ObservedHeadcounts {
  let startedDays = 0;
  while (startedDays < acc.days.length && acc.dayStarts[startedDays] <= asOf) startedDays++;
  const out = { startedDays } as ObservedHeadcounts;
  const rosterKeys = acc.dailyHeadcount.size > 0 ? dayPostKeys(acc.days) : null;
  for (const post of POSTS) {
    const changes = acc.headcountChanges[post];
    let next = 0;
    let current: number | null = acc.openingHeadcount[post]?.headcount ?? null;
    const days: Observation[] = [];
    for (let i = 0; i < startedDays; i++) {
      const observedAt = Math.min(acc.dayStarts[i + 1] - 1, asOf);
      while (next < changes.length && changes[next].at <= observedAt) current = changes[next++].headcount;
      const roster = rosterKeys ? acc.dailyHeadcount.get(rosterKeys[post][i]) : undefined;
      const counted = roster ? roster.headcount : current;
      days.push(counted === null ? null : { headcount: counted, roster });
    }
    out[post] = days;
  }
  return out;
}

/** The dailyHeadcount keys (`day|post`, accumulator.ts) of a month's days, built once per month: a read looks up every day. */
const keysOfDays = new WeakMap<readonly string[], Record<Post, string[]>>();
function dayPostKeys(days: readonly string[]): Record<Post, string[]> {
  let keys = keysOfDays.get(days);
  if (!keys) {
    keys = { seat: [], responder: [], evaluator: [] };
    for (const post of POSTS) keys[post] = days.map((day) => `${day}|${post}`);
    keysOfDays.set(days, keys);
  }
  return keys;
}
