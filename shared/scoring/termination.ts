import type { ContractSettings } from '../settings';
import { assessmentMonthOfDay, periodMonths, serviceShare } from './service-period';

type TerminationSettings = Pick<
  ContractSettings,
  'terminationThreshold' | 'terminationConsecutiveMonths' | 'terminationMonthsInYear' | 'servicePeriods' | 'assessmentMonth'
>;

export interface TerminationMonth {
  month: string;
  total: number;
  /** Closed months count as results; the open month counts by its projection. */
  closed: boolean;
  /** At or below the threshold: "85 分以下" includes 85 (Civil Code art. 1259). */
  below: boolean;
}

export interface TerminationRisk {
  threshold: number;
  /** First and last month of the contract year the scored month is in. */
  contractYear: { index: number; firstMonth: string; lastMonth: string };
  months: TerminationMonth[];
  consecutiveBelow: number;
  monthsBelowInYear: number;
  consecutiveLimit: number;
  yearLimit: number;
  /** A termination trigger is met (合同 §四(四)): the Center may end the contract. */
  triggered: { consecutive: boolean; year: boolean };
  /** Would one more month below the threshold meet a trigger? */
  oneMoreBadMonth: { consecutive: boolean; year: boolean };
  /** The scored month itself is (or is heading) below the threshold. */
  warning: boolean;
}

const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + (m - 1);
};

/**
 * The contract year is the service period (contract-rules.md §1): 2024-09-20 → 2025-09-19 is the
 * months 2024-09 … 2025-09, both partial. A month belongs to the period its first service day is
 * in; a month with no service day at all belongs to the nearest period before it (or the first).
 */
export function contractYearOf(month: string, settings: Pick<ContractSettings, 'servicePeriods' | 'assessmentMonth'>) {
  let index = serviceShare(month, settings).period;
  if (index < 0) {
    index = 0;
    settings.servicePeriods.forEach((p, i) => {
      if (assessmentMonthOfDay(p.start, settings) <= month) index = i;
    });
  }
  const months = periodMonths(index, settings);
  const lastMonth = months.lastMonth;
  let firstMonth = months.firstMonth;
  // A month shared with the previous period (2025-09 with a renewal from 2025-09-20) stays in that one.
  if (index > 0 && serviceShare(firstMonth, settings).period !== index) firstMonth = nextMonth(firstMonth);
  return { index, firstMonth, lastMonth };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Is the total at or below the threshold? (a float tolerance so 85.0000000001 from noise is still 85) */
export const atOrBelow = (total: number, threshold: number) => total <= threshold + 1e-9;

/**
 * Termination risk as of `month`, from the month totals known (closed months, and the month
 * itself by its projection while open). Months of other contract years are ignored.
 */
export function terminationRisk(month: string, series: { month: string; total: number; closed: boolean }[], settings: TerminationSettings): TerminationRisk {
  const year = contractYearOf(month, settings);
  const threshold = settings.terminationThreshold;
  const months = series
    // Months of the contract year with service days: days outside the service period are no month.
    .filter((m) => m.month >= year.firstMonth && m.month <= month && serviceShare(m.month, settings).period === year.index)
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((m) => ({ month: m.month, total: m.total, closed: m.closed, below: atOrBelow(m.total, threshold) }));

  let consecutiveBelow = 0;
  let expected = monthIndex(month);
  for (let i = months.length - 1; i >= 0; i--) {
    // A month with no result breaks the run: only calendar-consecutive months count.
    if (monthIndex(months[i].month) !== expected || !months[i].below) break;
    consecutiveBelow++;
    expected--;
  }
  const monthsBelowInYear = months.filter((m) => m.below).length;
  const consecutiveLimit = settings.terminationConsecutiveMonths;
  const yearLimit = settings.terminationMonthsInYear;
  const nextInYear = month < year.lastMonth;
  const current = months.find((m) => m.month === month);
  return {
    threshold,
    contractYear: year,
    months,
    consecutiveBelow,
    monthsBelowInYear,
    consecutiveLimit,
    yearLimit,
    triggered: { consecutive: consecutiveBelow >= consecutiveLimit, year: monthsBelowInYear >= yearLimit },
    oneMoreBadMonth: {
      consecutive: consecutiveBelow + 1 >= consecutiveLimit,
      year: nextInYear && monthsBelowInYear + 1 >= yearLimit,
    },
    warning: current?.below ?? false,
  };
}
