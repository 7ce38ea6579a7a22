import type { Post } from '../domain/staff';
import { dayIndexOf } from './day-series';
import { addFact, type MonthAccumulator } from './accumulator';
import type { FactRef, ScoreFact } from './facts';
import { scoreFromAccumulator, type ScoreContext } from './score';
import { ruleOf } from './blocks';
import { RATE_KINDS, RULE_OF_KIND, WHAT_IF_KINDS, type Headroom, type ProjectionRange, type RateKind, type WhatIfItem, type WhatIfKind } from './what-if-kinds';
import { clean, type RateId } from './rates';
import type { DailyTotal } from './daily-totals';
import type { MonthScore } from './types';

export * from './what-if-kinds';

/**
 * "What would the next mistake cost?" answered by the engine itself: the month is forked, the
 * mistake is added as facts, both are scored, and the difference is the answer. Caps (扣完为止),
 * rate denominators and the point mode make the cost non-linear (the first wrong dispatch of a
 * clean month may cost nothing, the hundredth of a bad one nothing either); nothing here
 * re-implements those rules, so the answer can never drift from the score.
 */

/** A copy of the month that can take facts without touching the original (facts are shared: never mutated). */
export function forkAccumulator(acc: MonthAccumulator): MonthAccumulator {
  return copyContainers(acc) as MonthAccumulator;
}

function copyContainers(value: unknown): unknown {
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, copyContainers(v)]));
  if (value instanceof Set) return new Set(value);
  if (Array.isArray(value)) return value.map(copyContainers);
  // Facts (they have a `kind`) and settings are read, never changed in place: shared, not copied.
  if (value !== null && typeof value === 'object' && !('kind' in value) && !('timeZone' in value)) {
    // Plain records and small helper objects (DayFlags) alike: same prototype, own fields copied.
    const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) copy[k] = copyContainers(v);
    return copy;
  }
  return value;
}

const WHAT_IF_ACTOR = 'what-if';
const ref = (at: number, entityType: string, entityId: string): FactRef => ({
  seq: null,
  at: new Date(at).toISOString(),
  actor: WHAT_IF_ACTOR,
  entityType,
  entityId,
});

/**
 * The facts of the `i`-th imagined mistake of a kind at `at`, with ids no real order, incident or
 * report can have. A wrong dispatch is one more dispatch that was wrong (numerator and denominator);
 * a missed callback one more order due a callback and never called back; a failed check one more
 * check that failed; a late arrival one more incident whose first deadline passed with nobody there.
 */
export function mistakeFacts(kind: Exclude<WhatIfKind, 'shortPostDay'>, i: number, at: number): ScoreFact[] {
  const id = `WHAT-IF-${kind}-${i}`;
  switch (kind) {
    case 'lateArrival':
      return [{ kind: 'incident', at, ref: ref(at, 'incident', id), incidentId: id, firstDeadline: at, lastDeadline: at, arrivedAt: null }];
    case 'wrongDispatch':
      return [
        { kind: 'dispatch', at, ref: ref(at, 'workOrder', id), orderId: id, n: 1 },
        { kind: 'wrongDispatch', at, ref: ref(at, 'workOrder', id), orderId: id, n: 1, by: 'reassign', reason: null },
      ];
    case 'missedCallback':
      return [{ kind: 'callbackDue', at, ref: ref(at, 'workOrder', id), orderId: id, excluded: false }];
    case 'failedQualityCheck':
      return [{ kind: 'qualityCheck', at, ref: ref(at, 'workOrder', id), orderId: id, passed: false, reason: null }];
  }
}

const POSTS_IN_ORDER: Post[] = ['seat', 'responder', 'evaluator'];

/** How the month scores with `count` more mistakes of a kind (0: the month itself, read at the same instant). */
function scoreWithMistakes(acc: MonthAccumulator, context: ScoreContext, kind: Exclude<WhatIfKind, 'shortPostDay'>, count: number): MonthScore {
  const at = mistakeTime(acc, context);
  const fork = count === 0 ? acc : forkAccumulator(acc);
  for (let i = 1; i <= count; i++) for (const fact of mistakeFacts(kind, i, at)) addFact(fork, fact);
  // A late arrival counts once its deadline has passed: read the fork a moment after it.
  return scoreFromAccumulator(fork, { ...context, asOf: Math.max(context.asOf, at + 1) });
}

/** The mistake happens "now", inside the month (a month already over takes it on its last service moment). */
function mistakeTime(acc: MonthAccumulator, context: ScoreContext): number {
  const at = Math.min(Math.max(context.asOf, acc.startMs), acc.endMs - 1);
  const day = dayIndexOf(acc.dayStarts, at);
  if (acc.serviceDay[day]) return at;
  // Outside the service period nothing counts; the nearest service day of the month is the question.
  const later = acc.serviceDay.findIndex((s, d) => s && d > day);
  const earlier = acc.serviceDay.lastIndexOf(true, day);
  const target = later >= 0 ? acc.dayStarts[later] : earlier >= 0 ? acc.dayStarts[earlier + 1] - 1 : at;
  return target;
}

/**
 * One more short post-day: the first post and day, from today on, that is not short yet (a team
 * of nobody that day), as the fact the roster would report and the instant to read the month at
 * (that day's end, so the day counts in full). null: no such day is left, or the staffing block is
 * spent, so the month loses nothing.
 */
export function nextShortPostDay(acc: MonthAccumulator, context: ScoreContext): { fact: ScoreFact; readAt: number } | null {
  const from = dayIndexOf(acc.dayStarts, Math.min(Math.max(context.asOf, acc.startMs), acc.endMs - 1));
  let tried = 0;
  for (let d = from; d < acc.days.length && tried < 12; d++) {
    if (!acc.serviceDay[d]) continue;
    const readAt = { ...context, asOf: Math.max(context.asOf, acc.dayStarts[d + 1] - 1) };
    const before = scoreFromAccumulator(acc, readAt).total;
    for (const post of POSTS_IN_ORDER) {
      tried++;
      const at = acc.dayStarts[d];
      const fact: ScoreFact = { kind: 'dailyHeadcount', at, ref: ref(at, 'staff', `WHAT-IF-${post}`), day: acc.days[d], post, headcount: 0 };
      const fork = forkAccumulator(acc);
      addFact(fork, fact);
      if (scoreFromAccumulator(fork, readAt).total < before) return { fact, readAt: readAt.asOf };
    }
  }
  return null;
}

function scoreWithShortPostDay(acc: MonthAccumulator, context: ScoreContext): { before: MonthScore; after: MonthScore } | null {
  const next = nextShortPostDay(acc, context);
  if (!next) return null;
  const readAt = { ...context, asOf: next.readAt };
  const fork = forkAccumulator(acc);
  addFact(fork, next.fact);
  return { before: scoreFromAccumulator(acc, readAt), after: scoreFromAccumulator(fork, readAt) };
}

const cost = (kind: WhatIfKind, base: MonthScore, after: MonthScore): WhatIfItem => ({
  kind,
  points: clean(Math.max(0, base.total - after.total)),
  yuan: Math.max(0, base.fee.paidFen - after.fee.paidFen) / 100,
});
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The marginal cost of the next mistake of each kind, given the month so far. */
export function whatIf(acc: MonthAccumulator, context: ScoreContext): WhatIfItem[] {
  return WHAT_IF_KINDS.map((kind) => {
    if (kind === 'shortPostDay') {
      const short = scoreWithShortPostDay(acc, context);
      return short ? cost(kind, short.before, short.after) : { kind, points: 0, yuan: 0 };
    }
    // Compared with the month read at the same instant as the fork, so time passing is not "cost".
    return cost(kind, scoreWithMistakes(acc, context, kind, 0), scoreWithMistakes(acc, context, kind, 1));
  });
}

/** The rate each rate-shaped mistake moves (its denominator bounds the headroom search). */
const RATE_OF: Record<RateKind, RateId> = {
  failedQualityCheck: 'contentQuality',
  wrongDispatch: 'dispatchAccuracy',
  missedCallback: 'callbackRate',
};

/**
 * For each rate: how many more failures before the total moves, and before the month would fall
 * to the termination threshold (≤ threshold is a bad month: 85 inclusive). Exact at the boundary:
 * n more keep the month where it is (or above the threshold), n + 1 do not. null: never — the
 * rate's block is spent, or all its remaining points cannot bring the month down to the threshold.
 */
export function headroom(acc: MonthAccumulator, context: ScoreContext): Headroom[] {
  const threshold = acc.settings.terminationThreshold;
  return RATE_KINDS.map((kind) => {
    const start = scoreWithMistakes(acc, context, kind, 0);
    const { block } = ruleOf(RULE_OF_KIND[kind]);
    const remaining = start.blocks.find((b) => b.block === block)?.remaining ?? 0;
    const denominator = start.rates.find((r) => r.rate === RATE_OF[kind])?.denominator ?? 0;
    // Failures enough to take the rate to 0 % spend any block: a bound the search never passes.
    const limit = 2 * denominator + 200;
    const totalWith = (n: number) => scoreWithMistakes(acc, context, kind, n).total;
    return {
      kind,
      beforeNextStep: remaining === 0 ? null : largestKeeping((n) => totalWith(n) >= start.total, limit),
      beforeThreshold: start.total <= threshold ? 0 : start.total - remaining > threshold ? null : largestKeeping((n) => totalWith(n) > threshold, limit),
    };
  });
}

/** The largest n ≥ 0 with keeps(n), for a keeps that is true at 0 and stays false once false. */
function largestKeeping(keeps: (n: number) => boolean, limit: number): number | null {
  if (!keeps(0)) return 0;
  let good = 0;
  let bad = 1;
  while (keeps(bad)) {
    good = bad;
    if (bad >= limit) return null;
    bad = Math.min(bad * 2, limit);
  }
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (keeps(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/** z for a two-sided 80 % range: the month lands between low and high four times in five. */
const Z_80 = 1.2816;

/**
 * The month-end total as a range. mid is the engine's own projection (each rule paced as the rule
 * table says). The spread comes from how much the total moved from one day to the next, this month
 * so far and all of last month (a quiet month and a storm week differ): over the days left, day
 * movements add up like independent draws, so the spread grows with √(days left). No day left, no spread.
 */
export function projectionRange(score: MonthScore, lastMonthDaily: readonly DailyTotal[] = []): ProjectionRange {
  const mid = score.projection.total;
  const moves = [...dayMoves(lastMonthDaily), ...dayMoves(score.daily ?? [])];
  const daysLeft = Math.max(0, score.fee.monthDays * (1 - score.projection.elapsed));
  if (moves.length < 2 || daysLeft === 0) return { low: mid, mid, high: mid };
  const mean = moves.reduce((a, b) => a + b, 0) / moves.length;
  const sd = Math.sqrt(moves.reduce((a, b) => a + (b - mean) ** 2, 0) / (moves.length - 1));
  const spread = Z_80 * sd * Math.sqrt(daysLeft);
  return { low: round2(Math.max(0, mid - spread)), mid, high: round2(Math.min(100, mid + spread)) };
}

/** Day-to-day change of the month's total (the first day from a clean 100). */
function dayMoves(daily: readonly DailyTotal[]): number[] {
  return daily.map((d, i) => d.total - (i === 0 ? 100 : daily[i - 1].total));
}
