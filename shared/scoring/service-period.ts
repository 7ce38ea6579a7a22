import type { ContractSettings } from '../settings';
import { addDaysToKey, dayKey, daysOfMonth } from '../time';

/**
 * Service periods and assessment months (contract-rules.md §1 "Service period and partial months").
 * A month key 'YYYY-MM' names an assessment month: the calendar month by default, or, with
 * `assessmentMonth: 'contract'`, the contract month that starts in that calendar month on the
 * service start's day (2024-09-20 start → '2024-09' = 2024-09-20 … 2024-10-19).
 */
type PeriodSettings = Pick<ContractSettings, 'servicePeriods' | 'assessmentMonth'>;

/** Day of the month a contract month starts on (the first service period's start day, at most 28). */
const anchorDay = (s: PeriodSettings) => Math.min(28, Number(s.servicePeriods[0].start.slice(8, 10)));
const pad = (n: number) => String(n).padStart(2, '0');

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** The local days of an assessment month, oldest first. */
export function assessmentDays(month: string, settings: PeriodSettings): string[] {
  if (settings.assessmentMonth === 'calendar') return daysOfMonth(month);
  const first = `${month}-${pad(anchorDay(settings))}`;
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
  const last = addDaysToKey(`${next}-${pad(anchorDay(settings))}`, -1);
  const days: string[] = [];
  for (let d = first; d <= last; d = addDaysToKey(d, 1)) days.push(d);
  return days;
}

/** The assessment month a local day 'YYYY-MM-DD' belongs to. */
export function assessmentMonthOfDay(day: string, settings: PeriodSettings): string {
  const month = day.slice(0, 7);
  if (settings.assessmentMonth === 'calendar') return month;
  return Number(day.slice(8, 10)) >= anchorDay(settings) ? month : previousMonth(month);
}

/** Index of the service period containing the day, or -1. */
export function servicePeriodIndexOf(day: string, settings: Pick<ContractSettings, 'servicePeriods'>): number {
  return settings.servicePeriods.findIndex((p) => day >= p.start && day <= p.end);
}

export const inServicePeriod = (day: string, settings: Pick<ContractSettings, 'servicePeriods'>) => servicePeriodIndexOf(day, settings) >= 0;

export interface ServiceShare {
  /** Days of the assessment month inside a service period. */
  serviceDays: number;
  monthDays: number;
  /** The service period the month's first service day is in (its contract year); -1 when none. */
  period: number;
}

/** Shares already worked out, per settings object (settings are never changed in place) and month. */
const shares = new WeakMap<PeriodSettings, Map<string, ServiceShare>>();

/**
 * How much of the month the contract covers: the fee is paid pro rata by service days. Every read of
 * a score asks for it (the contract year, termination risk): it is worked out once per settings and month.
 */
export function serviceShare(month: string, settings: PeriodSettings): ServiceShare {
  let known = shares.get(settings);
  if (!known) shares.set(settings, (known = new Map<string, ServiceShare>()));
  let share = known.get(month);
  if (!share) known.set(month, (share = Object.freeze(countServiceDays(month, settings))));
  return share;
}

function countServiceDays(month: string, settings: PeriodSettings): ServiceShare {
  const days = assessmentDays(month, settings);
  let serviceDays = 0;
  let period = -1;
  for (const d of days) {
    const i = servicePeriodIndexOf(d, settings);
    if (i < 0) continue;
    serviceDays++;
    if (period < 0) period = i;
  }
  return { serviceDays, monthDays: days.length, period };
}

/** First and last assessment month of a service period (its contract year). */
export function periodMonths(index: number, settings: PeriodSettings): { firstMonth: string; lastMonth: string } {
  const p = settings.servicePeriods[index];
  return { firstMonth: assessmentMonthOfDay(p.start, settings), lastMonth: assessmentMonthOfDay(p.end, settings) };
}

/** The settings that draw a month's days and service days: a change of any of them refolds the month. */
export function boundariesOf(s: Pick<ContractSettings, 'timeZone' | 'servicePeriods' | 'assessmentMonth'>) {
  return { timeZone: s.timeZone, servicePeriods: s.servicePeriods, assessmentMonth: s.assessmentMonth };
}

export function sameBoundaries(a: ContractSettings, b: ContractSettings): boolean {
  return a.timeZone === b.timeZone && a.assessmentMonth === b.assessmentMonth && JSON.stringify(a.servicePeriods) === JSON.stringify(b.servicePeriods);
}

/** The assessment month containing the instant `at` (in the Center's zone). */
export function assessmentMonthOf(at: Date, settings: Pick<ContractSettings, 'timeZone' | 'servicePeriods' | 'assessmentMonth'>): string {
  return assessmentMonthOfDay(dayKey(at, settings.timeZone), settings);
}
