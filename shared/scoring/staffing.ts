import { POSTS } from '../domain/staff';
import type { MonthAccumulator } from './accumulator';
import { POINTS } from './blocks';
import { clean } from './rates';
import type { Cause, DeductionLine } from './types';

/**
 * 人员保障: each post, each day its headcount is below 98 % of the minimum: −2.
 * A day's headcount is the roster's figure for that day when there is one, else the staff
 * records' count in force at the end of the day (or now, for today). The roster's figure already
 * counts members whose replacement is overdue as missing (shared/coverage/team-headcount.ts).
 * Days before anything is known about a post are not judged.
 */
export function staffingLines(acc: MonthAccumulator, asOf: number): { lines: DeductionLine[]; startedDays: number } {
  const { settings } = acc;
  const lines: DeductionLine[] = [];
  let startedDays = 0;
  while (startedDays < acc.days.length && acc.dayStarts[startedDays] <= asOf) startedDays++;

  for (const post of POSTS) {
    const minimum = settings.teamMinimums[post];
    const needed = clean(minimum * settings.staffingThreshold);
    const changes = acc.headcountChanges[post];
    let next = 0;
    let current: number | null = acc.openingHeadcount[post]?.headcount ?? null;
    const causes: Cause[] = [];

    for (let i = 0; i < startedDays; i++) {
      const observedAt = Math.min(acc.dayStarts[i + 1] - 1, asOf);
      while (next < changes.length && changes[next].at <= observedAt) current = changes[next++].headcount;
      const day = acc.days[i];
      const roster = acc.dailyHeadcount.get(`${day}|${post}`);
      const counted = roster ? roster.headcount : current;
      if (counted === null) continue;
      const headcount = counted;
      if (headcount < needed - 1e-9) {
        causes.push({
          kind: 'day',
          what: 'shortDay',
          id: day,
          seq: roster?.ref.seq ?? null,
          at: new Date(acc.dayStarts[i]).toISOString(),
          actor: roster?.ref.actor ?? null,
          entityType: null,
          entityId: null,
          detail: { post, headcount, minimum, source: roster ? 'roster' : 'staff' },
        });
      }
    }
    if (causes.length > 0) {
      lines.push({
        rule: 'staffing.shortDay',
        block: 'staffing',
        subject: post,
        count: causes.length,
        points: causes.length * POINTS.staffingShortDay,
        causes,
        causeCount: causes.length,
      });
    }
  }
  return { lines, startedDays };
}
