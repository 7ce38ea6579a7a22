import { dailyHeadcountFacts, type ScoreFact } from '../../shared/scoring';
import { teamHeadcounts } from '../../shared/coverage/team-headcount';
import type { ContractSettings } from '../../shared/settings';
import { dayKey } from '../../shared/time';
import { assessmentDays } from '../../shared/scoring/service-period';
import type { Store } from '../store/store';
import { loadMembers } from './roster-members';

/**
 * The staffing block's input from the coverage engine: one `dailyHeadcount` fact per post and
 * day of `month` up to the day containing `asOf`. These win over the staff-event headcounts in
 * the score, and a later call replaces the earlier figures (the accumulator keys them by day
 * and post), so the score service can add them again whenever the roster changes.
 */
export async function staffingFactsForMonth(store: Store, settings: ContractSettings, month: string, asOf: Date): Promise<ScoreFact[]> {
  const today = dayKey(asOf, settings.timeZone);
  const days = assessmentDays(month, settings).filter((d) => d <= today);
  if (days.length === 0) return [];
  const members = await loadMembers(store);
  // A post nobody was ever entered for is not judged (as the score does without staff records):
  // an empty staff table means "not set up", not "zero people".
  const known = new Set(members.map((m) => m.post));
  const rows = teamHeadcounts(members, days, settings).filter((r) => known.has(r.post));
  return dailyHeadcountFacts(rows, settings.timeZone);
}
