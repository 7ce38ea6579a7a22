import { POSTS, type Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import { addDaysToKey } from '../time';
import type { RosterMember } from './staff-profile';

/**
 * Team headcount (实有人数) per post and day, and the contract's 98 % rule (附件2 一):
 * a post is short on a day when its headcount is below 98 % of its minimum.
 * With minimums 17 / 4 / 3 that means 16 seats are short (16 < 16.66), 3 responders are
 * short (3 < 3.92), but 3 evaluators never are (3 ≥ 2.94).
 *
 * A member the Center asked to replace counts as missing from the day after the grace
 * period: requested Monday with 3 grace days → counted Tue, Wed, Thu, missing from Friday
 * (the 4th day) until the replacement starts.
 */
export interface DayHeadcount {
  day: string;
  post: Post;
  headcount: number;
}

export interface StaffingDay extends DayHeadcount {
  minimum: number;
  short: boolean;
}

/** First day a member whose replacement was requested on `requestedOn` counts as missing. */
export function replacementDeadlineMissingFrom(requestedOn: string, graceDays: number): string {
  return addDaysToKey(requestedOn, graceDays + 1);
}

/** Why a member does not count on `day`, or null when they do. */
export function absenceReason(member: RosterMember, day: string, graceDays: number): 'not_hired' | 'left' | 'inactive' | 'replacement_overdue' | null {
  if (member.hireDate !== null && day < member.hireDate) return 'not_hired';
  if (member.leaveDate !== null && day >= member.leaveDate) return 'left';
  if (!member.active && member.leaveDate === null) return 'inactive';
  if (member.replacementRequestedOn !== null) {
    const missingFrom = replacementDeadlineMissingFrom(member.replacementRequestedOn, graceDays);
    const fulfilled = member.replacementFulfilledOn;
    if (day >= missingFrom && (fulfilled === null || day < fulfilled)) return 'replacement_overdue';
  }
  return null;
}

export function daysBetween(fromDay: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDaysToKey(fromDay, i));
}

/**
 * The shape the score's staffing block consumes: one row per day and post.
 * `days` are 'YYYY-MM-DD' in the Center's time zone.
 */
export function teamHeadcounts(
  members: readonly RosterMember[],
  days: readonly string[],
  settings: Pick<ContractSettings, 'replacementGraceDays'>,
): DayHeadcount[] {
  const rows: DayHeadcount[] = [];
  for (const day of days) {
    const counts: Record<Post, number> = { seat: 0, responder: 0, evaluator: 0 };
    for (const m of members) if (absenceReason(m, day, settings.replacementGraceDays) === null) counts[m.post]++;
    for (const post of POSTS) rows.push({ day, post, headcount: counts[post] });
  }
  return rows;
}

export function isShort(headcount: number, minimum: number, threshold: number): boolean {
  // Tolerance so a binary-float product like 50 × 0.98 never makes an exact match short.
  return headcount < minimum * threshold - 1e-9;
}

export function staffingDays(
  members: readonly RosterMember[],
  days: readonly string[],
  settings: Pick<ContractSettings, 'replacementGraceDays' | 'teamMinimums' | 'staffingThreshold'>,
): StaffingDay[] {
  return teamHeadcounts(members, days, settings).map((row) => {
    const minimum = settings.teamMinimums[row.post];
    return { ...row, minimum, short: isShort(row.headcount, minimum, settings.staffingThreshold) };
  });
}
