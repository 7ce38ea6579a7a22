import type { ContractSettings } from '../settings';
import type { MonthTotal } from './types';

export interface Fee {
  /** Annual price / 12, in CNY (rounded to the fen for display). */
  base: number;
  /** Base × score %: what the month earns at this score. */
  paid: number;
  deducted: number;
}

/** Half-up to the fen, with float noise removed first (155708.3333… → 155708.33). */
export const roundFen = (x: number) => Math.round(Math.round(x * 1e6) / 1e4) / 100;

/** 实际应支付的月项目服务费用 = 年度合同报价 ÷ 12 − 年度合同报价 ÷ 12 × 扣分%, 扣分% = (100 − score)%. */
export function monthFee(total: number, settings: Pick<ContractSettings, 'annualPrice'>): Fee {
  const base = settings.annualPrice / 12;
  const paid = roundFen((base * total) / 100);
  return { base: roundFen(base), paid, deducted: roundFen(base - paid) };
}

export interface QuarterToDate {
  /** 'YYYY-Qn' (calendar quarter: results are formed quarterly). */
  quarter: string;
  months: MonthTotal[];
  base: number;
  paid: number;
  deducted: number;
}

export function quarterOf(month: string): { key: string; months: string[] } {
  const [y, m] = month.split('-').map(Number);
  const q = Math.floor((m - 1) / 3);
  const months = [1, 2, 3].map((i) => `${y}-${String(q * 3 + i).padStart(2, '0')}`);
  return { key: `${y}-Q${q + 1}`, months };
}

/** Quarter-to-date fees: the quarter's months up to and including `current`, from what is known. */
export function quarterToDate(current: MonthTotal, history: MonthTotal[], settings: Pick<ContractSettings, 'annualPrice'>): QuarterToDate {
  const { key, months } = quarterOf(current.month);
  const included = months
    .filter((m) => m <= current.month)
    .map((m) => (m === current.month ? current : history.find((h) => h.month === m)))
    .filter((m): m is MonthTotal => m !== undefined);
  const base = roundFen((settings.annualPrice / 12) * included.length);
  const paid = roundFen(included.reduce((sum, m) => sum + m.fee, 0));
  return { quarter: key, months: included, base, paid, deducted: roundFen(base - paid) };
}
