import type { Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import { weekdayOfKey, zonedTime } from '../time';
import { evaluatorsRequiredOnWeekday, overlaps, type DutyInterval } from './on-duty';

/**
 * The evaluators' weekly pattern (附件1): Mon–Wed every evaluator of the team on duty,
 * Thu–Sun a rotation with at least one. An evaluator is "on duty on a day" when one of
 * their intervals overlaps that day's working hours (settings: 10:00–20:00 Beijing time).
 */
export interface EvaluatorDayCheck {
  day: string;
  required: number;
  onDuty: number;
  staffIds: string[];
  violated: boolean;
}

export function evaluatorPatternOnDay(
  day: string,
  intervals: readonly DutyInterval[],
  postOf: ReadonlyMap<string, Post>,
  settings: Pick<ContractSettings, 'timeZone' | 'onDutyMinimums' | 'teamMinimums'>,
): EvaluatorDayCheck {
  const [y, m, d] = day.split('-').map(Number);
  const { evaluatorStartHour, evaluatorEndHour } = settings.onDutyMinimums;
  const from = zonedTime(y, m, d, settings.timeZone, evaluatorStartHour).getTime();
  // zonedTime with hour 24 rolls over to the next day's midnight, which is what we want.
  const to = zonedTime(y, m, d, settings.timeZone, evaluatorEndHour).getTime();
  const ids = new Set<string>();
  for (const iv of intervals) {
    if (postOf.get(iv.staffId) === 'evaluator' && overlaps(iv, from, to)) ids.add(iv.staffId);
  }
  const required = evaluatorsRequiredOnWeekday(weekdayOfKey(day), settings);
  const staffIds = [...ids].sort();
  return { day, required, onDuty: staffIds.length, staffIds, violated: staffIds.length < required };
}
