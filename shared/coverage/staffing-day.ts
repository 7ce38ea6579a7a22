import { POSTS, type Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import { addDaysToKey, startOfDayKey } from '../time';
import { coverageTimeline, covers, gapsOf, overlaps, type DutyInterval } from './on-duty';
import { LAW_GRADUATE_POSTS } from './qualifications';
import type { RosterMember } from './staff-profile';
import { absenceReason } from './team-headcount';

/**
 * The staffing block's day, in full (附件2 一 "根据缺编、空岗实际情况，低于最低保障人数的98%";
 * contract-rules.md §5), as the roster knows it. The score (shared/scoring/staffing.ts) decides
 * from these findings whether the post is short that day; this module only gathers the facts:
 * - 缺编 (team short): the people on the books that day (minus leavers and those past their
 *   replacement clock), whether the seat team has a law graduate on the books, and who is missing.
 * - 空岗 (post empty): the stretches of the day when the people actually on duty — the clock-in/out
 *   log, never the planned roster — were below the on-duty minimum (§2; the evaluators' minimum is
 *   their weekly pattern: Mon–Wed the whole team, Thu–Sun one, in working hours) for at least
 *   settings.postEmptyMinutes in a row. Shorter gaps (a handover) are left out here already.
 */
export interface EmptyStretch {
  /** Epoch ms, end exclusive; cut at the day's edges ("in that day", §5). */
  start: number;
  end: number;
  /** Fewest of the post on duty in the stretch, and the highest on-duty minimum then. */
  onDuty: number;
  minimum: number;
  /** Who was planned on shift at the stretch's start but not clocked in (names: managers only). */
  absent: string[];
}

export interface StaffingDayFinding {
  day: string;
  post: Post;
  /** Team members who count that day (实有人数). */
  headcount: number;
  /** The team had nobody with a law degree on the books (seats only, LAW_GRADUATE_POSTS; false elsewhere). */
  noLawGraduate: boolean;
  /** Members of the post counted missing: past their replacement clock (names). */
  missing: string[];
  empty: EmptyStretch[];
}

type Settings = Pick<ContractSettings, 'timeZone' | 'teamMinimums' | 'staffingThreshold' | 'onDutyMinimums' | 'replacementGraceDays' | 'postEmptyMinutes'>;

const below = (count: number, minimum: number, threshold: number) => count < minimum * threshold - 1e-9;

/**
 * Findings for one local day, per post. `intervals` come from the clock-in/out log; `planned`
 * (shifts) only name who was expected. `judgedFrom` (epoch ms) is when the log starts to be
 * trusted: earlier stretches (before the system ran) are unknown rather than empty. `until`
 * cuts today at now.
 */
export function staffingDay(
  day: string,
  members: readonly RosterMember[],
  intervals: readonly DutyInterval[],
  settings: Settings,
  judgedFrom: number,
  until: number = Number.POSITIVE_INFINITY,
  planned: readonly DutyInterval[] = [],
): StaffingDayFinding[] {
  const grace = settings.replacementGraceDays;
  const dayStart = startOfDayKey(day, settings.timeZone).getTime();
  const dayEnd = startOfDayKey(addDaysToKey(day, 1), settings.timeZone).getTime();
  const from = Math.max(dayStart, judgedFrom);
  const to = Math.min(dayEnd, until);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const postOf = new Map(members.map((m) => [m.id, m.post]));
  // Only the day's own intervals: the timeline scans every interval at each edge.
  const todays = intervals.filter((iv) => overlaps(iv, from, to));
  const segments = from < to ? coverageTimeline(new Date(from), new Date(to), todays, postOf, settings) : [];
  const gaps = gapsOf(segments);

  return POSTS.map((post) => {
    const team = members.filter((m) => m.post === post && absenceReason(m, day, grace) === null);
    const empty: EmptyStretch[] = [];
    for (const gap of gaps) {
      if (gap.post !== post || !below(gap.onDuty, gap.minimum, settings.staffingThreshold)) continue;
      const start = Date.parse(gap.start);
      const end = Date.parse(gap.end);
      if (end - start < settings.postEmptyMinutes * 60_000) continue;
      const present = new Set(todays.filter((iv) => covers(iv, start)).map((iv) => iv.staffId));
      const absent = planned
        .filter((iv) => postOf.get(iv.staffId) === post && covers(iv, start) && !present.has(iv.staffId))
        .map((iv) => names.get(iv.staffId) ?? iv.staffId);
      empty.push({ start, end, onDuty: gap.onDuty, minimum: gap.minimum, absent: [...new Set(absent)] });
    }
    return {
      day,
      post,
      headcount: team.length,
      // Only a team that exists can lack its law graduate; an empty team is short by its count.
      noLawGraduate: LAW_GRADUATE_POSTS.includes(post) && team.length > 0 && !team.some((m) => m.lawDegree),
      missing: members.filter((m) => m.post === post && absenceReason(m, day, grace) === 'replacement_overdue').map((m) => m.name),
      empty,
    };
  });
}
