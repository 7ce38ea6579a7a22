import type { ContractSettings } from '../settings';

type TerminationSettings = Pick<
  ContractSettings,
  'terminationThreshold' | 'terminationConsecutiveMonths' | 'terminationMonthsInYear' | 'contractStart'
>;

export interface TerminationMonth {
  month: string;
  total: number;
  /** Closed months count as results; the open month counts by its projection. */
  closed: boolean;
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
const monthOfIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * The contract year is 12 calendar months from the month the contract starts in
 * (2024-09-20 start → 2024-09 … 2025-08; the next year begins 2025-09).
 */
export function contractYearOf(month: string, contractStart: string) {
  const first = monthIndex(contractStart.slice(0, 7));
  const index = Math.floor((monthIndex(month) - first) / 12);
  const firstMonth = first + index * 12;
  return { index, firstMonth: monthOfIndex(firstMonth), lastMonth: monthOfIndex(firstMonth + 11) };
}

/**
 * Termination risk as of `month`, from the month totals known (closed months, and the month
 * itself by its projection while open). Months of other contract years are ignored.
 */
export function terminationRisk(
  month: string,
  series: { month: string; total: number; closed: boolean }[],
  settings: TerminationSettings,
): TerminationRisk {
  const year = contractYearOf(month, settings.contractStart);
  const threshold = settings.terminationThreshold;
  const months = series
    .filter((m) => m.month >= year.firstMonth && m.month <= month)
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((m) => ({ month: m.month, total: m.total, closed: m.closed, below: m.total < threshold }));

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
