import type { Post } from '../domain/staff';
import { pointsOf } from '../scoring/blocks';
import type { ContractSettings } from '../settings';
import { dayKey } from '../time';
import { evaluatorPatternOnDay, type EvaluatorDayCheck } from './evaluator-pattern';
import { dutyGapsOnDay, type DutyGap, type DutyInterval } from './on-duty';
import { LAW_GRADUATE_POSTS, qualificationIssues, type QualificationIssue } from './qualifications';
import type { RosterMember } from './staff-profile';
import { absenceReason, replacementDeadlineMissingFrom, staffingDays, type StaffingDay } from './team-headcount';

/**
 * Everything the roster says about one local day. Only `staffing` rows that are short cost
 * points (附件2 一: −2 per post and day); the other findings are flags for the shift lead —
 * they are how a day becomes short later (an unqualified seat the Center will ask to replace).
 */
export const STAFFING_POINTS_PER_SHORT_DAY = pointsOf('staffing.shortDay');

export interface MemberFinding<T> {
  staffId: string;
  name: string;
  post: Post;
  detail: T;
}

export interface CoverageDayReport {
  day: string;
  staffing: StaffingDay[];
  /** Points this day costs the staffing block if nothing changes. */
  points: number;
  lawGraduateOnTeam: boolean;
  evaluatorPattern: EvaluatorDayCheck;
  dutyGaps: DutyGap[];
  /** Members counted missing this day because their replacement is overdue; detail = first missing day. */
  replacementsOverdue: MemberFinding<string>[];
  /** Members in the team this day who do not meet their post's requirements. */
  unqualified: MemberFinding<QualificationIssue[]>[];
}

type ReportSettings = Pick<ContractSettings, 'timeZone' | 'onDutyMinimums' | 'teamMinimums' | 'staffingThreshold' | 'replacementGraceDays'>;

export function postIndex(members: readonly RosterMember[]): Map<string, Post> {
  return new Map(members.map((m) => [m.id, m.post]));
}

/**
 * Drops duty of people outside the team on the day it starts (a shift planned before the person
 * left, or before they were hired): it will not happen, so it covers nothing.
 */
export function effectiveIntervals<T extends DutyInterval>(
  intervals: readonly T[],
  members: readonly RosterMember[],
  settings: Pick<ContractSettings, 'timeZone' | 'replacementGraceDays'>,
): T[] {
  const byId = new Map(members.map((m) => [m.id, m]));
  return intervals.filter((iv) => {
    const m = byId.get(iv.staffId);
    return m !== undefined && absenceReason(m, dayKey(new Date(iv.start), settings.timeZone), settings.replacementGraceDays) === null;
  });
}

export function coverageDay(
  day: string,
  members: readonly RosterMember[],
  intervals: readonly DutyInterval[],
  settings: ReportSettings,
  postOf: ReadonlyMap<string, Post> = postIndex(members),
): CoverageDayReport {
  const staffing = staffingDays(members, [day], settings);
  const grace = settings.replacementGraceDays;
  const inTeam = members.filter((m) => absenceReason(m, day, grace) === null);
  const finding = <T>(m: RosterMember, detail: T): MemberFinding<T> => ({ staffId: m.id, name: m.name, post: m.post, detail });
  return {
    day,
    staffing,
    points: staffing.filter((r) => r.short).length * STAFFING_POINTS_PER_SHORT_DAY,
    lawGraduateOnTeam: LAW_GRADUATE_POSTS.every((p) => inTeam.some((m) => m.post === p && m.lawDegree)),
    evaluatorPattern: evaluatorPatternOnDay(day, intervals, postOf, settings),
    dutyGaps: dutyGapsOnDay(day, intervals, postOf, settings),
    replacementsOverdue: members
      .filter((m) => absenceReason(m, day, grace) === 'replacement_overdue')
      .map((m) => finding(m, replacementDeadlineMissingFrom(m.replacementRequestedOn as string, grace))),
    unqualified: inTeam.map((m) => finding(m, qualificationIssues(m, day))).filter((f) => f.detail.length > 0),
  };
}

export interface CoverageForecast {
  days: CoverageDayReport[];
  /** Days that cost points, with the posts that are short. */
  costlyDays: Array<{ day: string; posts: Post[]; points: number }>;
  totalPoints: number;
}

/** The coming days as they will be scored if the roster stays as it is (shifts of leavers ignored). */
export function coverageForecast(
  days: readonly string[],
  members: readonly RosterMember[],
  intervals: readonly DutyInterval[],
  settings: ReportSettings,
): CoverageForecast {
  const postOf = postIndex(members);
  const effective = effectiveIntervals(intervals, members, settings);
  const reports = days.map((d) => coverageDay(d, members, effective, settings, postOf));
  const costlyDays = reports
    .filter((r) => r.points > 0)
    .map((r) => ({ day: r.day, posts: r.staffing.filter((s) => s.short).map((s) => s.post), points: r.points }));
  return { days: reports, costlyDays, totalPoints: costlyDays.reduce((sum, d) => sum + d.points, 0) };
}
