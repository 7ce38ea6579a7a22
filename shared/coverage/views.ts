import type { Post } from '../domain/staff';
import type { CoverageForecast } from './day-report';
import type { QualificationIssue } from './qualifications';
import type { Shift } from './shift';
import type { RosterMember } from './staff-profile';
import type { StaffingDay } from './team-headcount';

/** What GET /api/coverage/now returns: the wall's coverage panel (counts only, no personal data). */
export interface CoverageNowView {
  at: string;
  day: string;
  posts: Array<{
    post: Post;
    /** On duty now (clocked in) vs the minimum for this hour. */
    onDuty: number;
    minimum: number;
    /** Team headcount today (engine: leave dates, overdue replacements) vs the contract minimum. */
    headcount: number;
    team: number;
    /** Below 98 % of the contract minimum today: this day costs points. */
    teamShort: boolean;
  }>;
  /**
   * The last 24 hours by the clock-in/out log, oldest first; the last cell is the hour in progress.
   * `short: null` for an hour that ended before the system kept any record: unknown, not a gap.
   */
  strip: Array<{ start: string; short: Post[] | null }>;
  lawGraduateOnTeam: boolean;
  /** Days of the coming week that will cost points if nothing changes. */
  costlyDays: CoverageForecast['costlyDays'];
}

export interface RosterWeekMember extends RosterMember {
  /** Qualification problems on the first day of the view. */
  issues: QualificationIssue[];
  /** Version of the stored profile; 0 = none yet. */
  profileVersion: number;
}

/** What GET /api/roster/week returns: the grid, and the forecast of the days it covers. */
export interface RosterWeekView {
  days: string[];
  members: RosterWeekMember[];
  shifts: Shift[];
  forecast: CoverageForecast;
}

export type StaffingDaysView = StaffingDay[];
