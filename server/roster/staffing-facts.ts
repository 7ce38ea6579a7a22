import { staffingDayFacts, type ScoreFact } from '../../shared/scoring';
import { staffingDay } from '../../shared/coverage/staffing-day';
import type { ContractSettings } from '../../shared/settings';
import { dayKey, startOfDayKey } from '../../shared/time';
import { assessmentDays } from '../../shared/scoring/service-period';
import type { Store } from '../store/store';
import { toMembers } from './roster-members';
import { dutyIntervals, withUnlogged } from './coverage.service';

/** How far before the month the clock log is read, to know who was on duty as it began. */
const LOOKBACK_MS = 7 * 86_400_000;

/**
 * The staffing block's input from the coverage engine: one `dailyHeadcount` fact per post and
 * day of `month` up to the day containing `asOf` (its last instant read, inclusive), with the
 * day's 缺编 and 空岗 findings (shared/coverage/staffing-day.ts) from the staff records, the
 * roster profiles and the clock-in/out log. These win over the staff-event headcounts in the
 * score, and a later call replaces the earlier figures (the accumulator keys them by day and post),
 * so the score service adds them again on every read.
 */
export async function staffingFactsForMonth(store: Store, settings: ContractSettings, month: string, asOf: Date): Promise<ScoreFact[]> {
  const today = dayKey(asOf, settings.timeZone);
  const days = assessmentDays(month, settings).filter((d) => d <= today);
  if (days.length === 0) return [];
  const [staff, profiles, firstEvent] = await Promise.all([store.listStaff(), store.listProfiles(), store.eventsAfter(0, 1)]);
  const members = toMembers(staff, profiles);
  // A post nobody was ever entered for is not judged (as the score does without staff records):
  // an empty staff table means "not set up", not "zero people".
  const known = new Set(members.map((m) => m.post));
  if (known.size === 0) return [];

  const from = startOfDayKey(days[0], settings.timeZone).getTime();
  const to = startOfDayKey(today, settings.timeZone).getTime() + 2 * 86_400_000;
  const since = new Date(from - LOOKBACK_MS).toISOString();
  const clocked = withUnlogged(dutyIntervals(await store.listDutyChanges(since), since), staff, since);
  // Shifts only name who was expected during an empty stretch; a night shift from the day before counts.
  const planned = await store.listShifts(new Date(from - 86_400_000).toISOString(), new Date(to).toISOString());
  // Before the first logged event the system did not run: the log says nothing about those hours.
  const judgedFrom = firstEvent[0] ? Date.parse(firstEvent[0].at) : asOf.getTime();
  const until = asOf.getTime() + 1;

  const findings = days.flatMap((day) => staffingDay(day, members, clocked, settings, judgedFrom, until, planned)).filter((f) => known.has(f.post));
  return staffingDayFacts(findings, settings.timeZone);
}
