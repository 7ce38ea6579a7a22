import { POSTS, type Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import { addDaysToKey, startOfDayKey } from '../time';
import { coverageTimeline, gapsOf, type DutyInterval } from './on-duty';
import type { RosterMember } from './staff-profile';
import { absenceReason } from './team-headcount';

/**
 * The staffing block's day, in full (附件2 一 "根据缺编、空岗实际情况，低于最低保障人数的98%";
 * contract-rules.md §5). A post is short on a day for one or both reasons:
 * - 缺编 (teamShort): the people on the books that day (minus leavers and those past their
 *   replacement clock) are below 98 % of the team minimum; a seat team with no law graduate on the
 *   books is short too (settings.lawGraduateRequired).
 * - 空岗 (postEmpty): the people actually on duty — the clock-in/out log — are below 98 % of the
 *   on-duty minimum for at least settings.postEmptyMinutes in a row. The evaluators' minimum is
 *   their weekly pattern (Mon–Wed the whole team, Thu–Sun one, in working hours). A shorter gap,
 *   a handover, costs nothing.
 * Either way the post loses the rule's points once that day.
 */
export interface TeamShortReason {
  kind: 'teamShort';
  headcount: number;
  minimum: number;
  /** The seat team has nobody with a law degree on the books. */
  noLawGraduate: boolean;
  /** Who is missing from the team: members past their replacement clock (names). */
  missing: string[];
}

export interface PostEmptyReason {
  kind: 'postEmpty';
  start: string;
  end: string;
  minutes: number;
  /** Fewest on duty in the gap and the minimum then; who of the post was on duty at its start. */
  onDuty: number;
  minimum: number;
  present: string[];
}

export type StaffingReason = TeamShortReason | PostEmptyReason;

export interface StaffingDayFinding {
  day: string;
  post: Post;
  headcount: number;
  reasons: StaffingReason[];
}

type Settings = Pick<
  ContractSettings,
  'timeZone' | 'teamMinimums' | 'staffingThreshold' | 'onDutyMinimums' | 'replacementGraceDays' | 'postEmptyMinutes' | 'lawGraduateRequired'
>;

const below = (count: number, minimum: number, threshold: number) => count < minimum * threshold - 1e-9;

/**
 * Findings for one local day. `intervals` come from the clock-in/out log; `judgedFrom` (epoch
 * ms) is when the log starts to be trusted: earlier stretches (before the system ran) are not
 * 空岗, as they are unknown rather than empty. `until` cuts today at now.
 */
export function staffingDay(
  day: string,
  members: readonly RosterMember[],
  intervals: readonly DutyInterval[],
  settings: Settings,
  judgedFrom: number,
  until: number = Number.POSITIVE_INFINITY,
): StaffingDayFinding[] {
  const grace = settings.replacementGraceDays;
  const inTeam = members.filter((m) => absenceReason(m, day, grace) === null);
  const dayStart = startOfDayKey(day, settings.timeZone).getTime();
  const dayEnd = startOfDayKey(addDaysToKey(day, 1), settings.timeZone).getTime();
  const from = Math.max(dayStart, judgedFrom);
  const to = Math.min(dayEnd, until);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const postOf = new Map(members.map((m) => [m.id, m.post]));
  const segments = from < to ? coverageTimeline(new Date(from), new Date(to), intervals, postOf, settings) : [];
  const gaps = gapsOf(segments);

  return POSTS.map((post) => {
    const reasons: StaffingReason[] = [];
    const team = inTeam.filter((m) => m.post === post);
    const minimum = settings.teamMinimums[post];
    const noLawGraduate = post === 'seat' && settings.lawGraduateRequired && team.length > 0 && !team.some((m) => m.lawDegree);
    if (below(team.length, minimum, settings.staffingThreshold) || noLawGraduate) {
      const missing = members.filter((m) => m.post === post && absenceReason(m, day, grace) === 'replacement_overdue').map((m) => m.name);
      reasons.push({ kind: 'teamShort', headcount: team.length, minimum, noLawGraduate, missing });
    }
    for (const gap of gaps) {
      if (gap.post !== post || !below(gap.onDuty, gap.minimum, settings.staffingThreshold)) continue;
      const start = Date.parse(gap.start);
      const minutes = Math.round((Date.parse(gap.end) - start) / 60_000);
      if (minutes < settings.postEmptyMinutes) continue;
      const present = intervals
        .filter((iv) => postOf.get(iv.staffId) === post && Date.parse(iv.start) <= start && (iv.end === null || Date.parse(iv.end) > start))
        .map((iv) => names.get(iv.staffId) ?? iv.staffId);
      reasons.push({ kind: 'postEmpty', start: gap.start, end: gap.end, minutes, onDuty: gap.onDuty, minimum: gap.minimum, present: [...new Set(present)] });
    }
    return { day, post, headcount: team.length, reasons };
  });
}
