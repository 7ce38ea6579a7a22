import { POSTS, type Staff } from '../../shared/domain/staff';
import { coverageDay, coverageForecast, postIndex } from '../../shared/coverage/day-report';
import { hourlyStrip, minimumsAt, type DutyInterval } from '../../shared/coverage/on-duty';
import { qualificationIssues } from '../../shared/coverage/qualifications';
import { daysBetween, staffingDays, teamHeadcounts, type DayHeadcount, type StaffingDay } from '../../shared/coverage/team-headcount';
import type { CoverageNowView, RosterWeekView } from '../../shared/coverage/views';
import { addDaysToKey, dayKey, startOfDayKey } from '../../shared/time';
import type { CommandContext } from '../commands/context';
import type { DutyChange } from '../store/store';
import { loadMembers, toMembers } from './roster-members';

/**
 * Server side of the coverage engine: loads staff, profiles, shifts and the clock-in/out log,
 * and hands them to shared/coverage. Every staffing number the API serves comes through here.
 */
const HOUR = 3_600_000;
/** How far back the duty log is read to know who was on duty when the strip starts. */
const DUTY_LOOKBACK_MS = 7 * 24 * HOUR;

/**
 * Clock-in/out changes → intervals. A person whose first logged change is a clock-out was on
 * duty since before the lookback; whoever is on duty now has an open interval.
 */
export function dutyIntervals(changes: readonly DutyChange[], since: string): DutyInterval[] {
  const open = new Map<string, string>();
  const seen = new Set<string>();
  const out: DutyInterval[] = [];
  for (const c of changes) {
    if (!seen.has(c.staffId) && !c.onDuty && !c.added) out.push({ staffId: c.staffId, start: since, end: c.at });
    seen.add(c.staffId);
    const start = open.get(c.staffId);
    if (c.onDuty && start === undefined) open.set(c.staffId, c.at);
    if (!c.onDuty && start !== undefined) {
      out.push({ staffId: c.staffId, start, end: c.at });
      open.delete(c.staffId);
    }
  }
  for (const [staffId, start] of open) out.push({ staffId, start, end: null });
  return out;
}

/** Staff on duty now with no logged change since `since` (seeded data): on duty since `since`. */
export function withUnlogged(intervals: DutyInterval[], staff: readonly Staff[], since: string): DutyInterval[] {
  const logged = new Set(intervals.map((i) => i.staffId));
  return [...intervals, ...staff.filter((s) => s.onDuty && s.active && !logged.has(s.id)).map((s) => ({ staffId: s.id, start: since, end: null }))];
}

export async function coverageNow(ctx: CommandContext): Promise<CoverageNowView> {
  const settings = ctx.settings();
  const now = ctx.clock.now();
  const today = dayKey(now, settings.timeZone);
  const [staff, profiles] = await Promise.all([ctx.store.listStaff(), ctx.store.listProfiles()]);
  const members = toMembers(staff, profiles);
  const since = new Date(now.getTime() - DUTY_LOOKBACK_MS).toISOString();
  const intervals = withUnlogged(dutyIntervals(await ctx.store.listDutyChanges(since), since), staff, since);
  const postOf = postIndex(members);

  const minimum = minimumsAt(now, settings);
  const team = staffingDays(members, [today], settings);
  const onDuty = (post: string) => staff.filter((s) => s.active && s.onDuty && s.post === post).length;
  const stripFrom = new Date(Math.floor(now.getTime() / HOUR) * HOUR - 23 * HOUR);
  const firstRecord = (await ctx.store.eventsAfter(0, 1))[0]?.at;
  const recordsFrom = firstRecord ? Date.parse(firstRecord) : now.getTime();
  const strip = hourlyStrip(stripFrom, 24, intervals, postOf, settings, now).map((c) => ({
    start: c.start,
    short: Date.parse(c.start) + HOUR <= recordsFrom ? null : c.short,
  }));

  const week = daysBetween(today, 7);
  const shifts = await ctx.store.listShifts(
    startOfDayKey(addDaysToKey(today, -1), settings.timeZone).toISOString(),
    startOfDayKey(addDaysToKey(today, 8), settings.timeZone).toISOString(),
  );
  const forecast = coverageForecast(week, members, shifts, settings);
  return {
    at: now.toISOString(),
    day: today,
    posts: POSTS.map((post) => {
      const row = team.find((r) => r.post === post)!;
      return { post, onDuty: onDuty(post), minimum: minimum[post], headcount: row.headcount, team: row.minimum, teamShort: row.short };
    }),
    strip,
    lawGraduateOnTeam: coverageDay(today, members, [], settings, postOf).lawGraduateOnTeam,
    costlyDays: forecast.costlyDays,
  };
}

export async function rosterWeek(ctx: CommandContext, fromDay: string, count: number): Promise<RosterWeekView> {
  const settings = ctx.settings();
  const members = await loadMembers(ctx.store);
  const profiles = new Map((await ctx.store.listProfiles()).map((p) => [p.id, p.version]));
  const days = daysBetween(fromDay, count);
  // From the day before: a night or 24-hour shift started yesterday covers this morning.
  const shifts = await ctx.store.listShifts(
    startOfDayKey(addDaysToKey(fromDay, -1), settings.timeZone).toISOString(),
    startOfDayKey(addDaysToKey(fromDay, count), settings.timeZone).toISOString(),
  );
  return {
    days,
    members: members.map((m) => ({ ...m, issues: qualificationIssues(m, fromDay), profileVersion: profiles.get(m.id) ?? 0 })),
    shifts,
    forecast: coverageForecast(days, members, shifts, settings),
  };
}

/** The rows the score's staffing block folds (shared/scoring dailyHeadcountFacts). */
export async function staffingHeadcounts(ctx: CommandContext, days: readonly string[]): Promise<DayHeadcount[]> {
  return teamHeadcounts(await loadMembers(ctx.store), days, ctx.settings());
}

export async function staffingReport(ctx: CommandContext, days: readonly string[]): Promise<StaffingDay[]> {
  return staffingDays(await loadMembers(ctx.store), days, ctx.settings());
}
