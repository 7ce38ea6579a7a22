import { POSTS, type Post } from '../../../../shared/domain/staff';
import type { CoverageDayReport, RosterWeekMember, RosterWeekView, Shift } from '../../../../shared/coverage';
import { dayKey, localParts } from '../../../../shared/time';

/**
 * The roster grid as rows of people under a heading per post, one cell per day. A shift sits
 * in the day it starts (a night shift 16:00–00:00 belongs to the day it begins).
 */
export interface GridShift {
  shift: Shift;
  label: string;
}

export interface GridMemberRow {
  member: RosterWeekMember;
  cells: GridShift[][];
  /** Flags shown beside the name: qualification issues, replacement requested. */
  flags: string[];
  /** Days (by index) the person is outside the team (not hired yet / left). */
  outside: boolean[];
}

export interface GridPostDay {
  headcount: number;
  minimum: number;
  /** Team short (costs points) or an on-duty gap that day: the cell is red. */
  short: boolean;
  gap: boolean;
  gapLabels: string[];
}

export interface GridPostSection {
  post: Post;
  days: GridPostDay[];
  rows: GridMemberRow[];
}

const hhmm = (iso: string, timeZone: string) => {
  const p = localParts(new Date(iso), timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

export function shiftLabel(shift: Shift, timeZone: string): string {
  return `${hhmm(shift.start, timeZone)}–${hhmm(shift.end, timeZone)}`;
}

function postDay(report: CoverageDayReport, post: Post, timeZone: string): GridPostDay {
  const staffing = report.staffing.find((s) => s.post === post)!;
  const gaps = report.dutyGaps.filter((g) => g.post === post);
  return {
    headcount: staffing.headcount,
    minimum: staffing.minimum,
    short: staffing.short,
    gap: gaps.length > 0 || (post === 'evaluator' && report.evaluatorPattern.violated),
    gapLabels: gaps.map((g) => `${hhmm(g.start, timeZone)}–${hhmm(g.end, timeZone)} ${g.onDuty}/${g.minimum}`),
  };
}

export function rosterGrid(week: RosterWeekView, timeZone: string): GridPostSection[] {
  const dayIndex = new Map(week.days.map((d, i) => [d, i]));
  return POSTS.map((post) => {
    const members = week.members.filter((m) => m.post === post && (m.leaveDate === null || m.leaveDate > week.days[0]));
    const rows = members.map((member) => {
      const cells: GridShift[][] = week.days.map(() => []);
      for (const shift of week.shifts) {
        if (shift.staffId !== member.id) continue;
        const i = dayIndex.get(dayKey(new Date(shift.start), timeZone));
        if (i !== undefined) cells[i].push({ shift, label: shiftLabel(shift, timeZone) });
      }
      const flags: string[] = [...member.issues];
      if (member.replacementRequestedOn && !member.replacementFulfilledOn) flags.push('replacement_requested');
      const outside = week.days.map((d) => (member.hireDate !== null && d < member.hireDate) || (member.leaveDate !== null && d >= member.leaveDate));
      return { member, cells, flags, outside };
    });
    return { post, rows, days: week.forecast.days.map((r) => postDay(r, post, timeZone)) };
  });
}
