import { POSTS, type Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import type { FactOf } from './facts';
import type { MonthAccumulator } from './accumulator';
import { pointsOf } from './blocks';
import { clean } from './rates';
import type { Cause, DeductionLine } from './types';

/**
 * 人员保障: each post, each day its headcount is below 98 % of the minimum: −2.
 * A day's headcount is the roster's figure for that day when there is one, else the staff
 * records' count in force at the end of the day (or now, for today). The roster's figure already
 * counts members whose replacement is overdue as missing (shared/coverage/team-headcount.ts).
 * Days before anything is known about a post are not judged.
 */
export function staffingLines(acc: MonthAccumulator, asOf: number): { lines: DeductionLine[]; startedDays: number; observed: ObservedHeadcounts } {
  const { settings } = acc;
  const lines: DeductionLine[] = [];
  const observed = observedHeadcounts(acc, asOf);

  for (const post of POSTS) {
    const minimum = settings.teamMinimums[post];
    const needed = clean(minimum * settings.staffingThreshold);
    const causes: Cause[] = [];
    observed[post].forEach((seen, i) => {
      // Days outside the service period are never short (§5).
      if (seen === null || !acc.serviceDay[i] || seen.headcount >= needed - 1e-9) return;
      const { headcount, roster } = seen;
      causes.push({
        kind: 'day',
        what: 'shortDay',
        id: acc.days[i],
        seq: roster?.ref.seq ?? null,
        at: new Date(acc.dayStarts[i]).toISOString(),
        actor: roster?.ref.actor ?? null,
        entityType: null,
        entityId: null,
        detail: { post, headcount, minimum, source: roster ? 'roster' : 'staff' },
      });
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

/** Is the post short on a day, by the settings in force then? */
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
  for (const post of POSTS) {
    const changes = acc.headcountChanges[post];
    let next = 0;
    let current: number | null = acc.openingHeadcount[post]?.headcount ?? null;
    const days: Observation[] = [];
    for (let i = 0; i < startedDays; i++) {
      const observedAt = Math.min(acc.dayStarts[i + 1] - 1, asOf);
      while (next < changes.length && changes[next].at <= observedAt) current = changes[next++].headcount;
      const roster = acc.dailyHeadcount.get(`${acc.days[i]}|${post}`);
      const counted = roster ? roster.headcount : current;
      days.push(counted === null ? null : { headcount: counted, roster });
    }
    out[post] = days;
  }
  return out;
}
