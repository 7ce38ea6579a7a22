import type { ContractSettings } from '../settings';
import type { ServiceShare } from './service-period';
import type { MonthTotal } from './types';

/**
 * Fee arithmetic in integer fen (contract-rules.md §1 "Fee arithmetic"):
 *   fee = annual ÷ 12 × score % × service days ÷ month days
 * computed exactly (BigInt) from the annual price in fen and the score in millionths of a point,
 * then rounded ONCE to the fen by the `feeRounding` setting. Quarter-to-date adds the months'
 * rounded fees, in fen, so three perfect months show 0.00 deducted.
 */
export interface Fee {
  /** What the month earns at 100 points: annual ÷ 12 × service share, in CNY (fen-exact). */
  base: number;
  /** What it earns at this score. */
  paid: number;
  deducted: number;
  baseFen: number;
  paidFen: number;
  deductedFen: number;
  /** Days of the month inside the service period, and the month's days (pro rata share). */
  serviceDays: number;
  monthDays: number;
}

type MoneySettings = Pick<ContractSettings, 'annualPrice' | 'feeRounding'>;

const FULL: Pick<ServiceShare, 'serviceDays' | 'monthDays'> = { serviceDays: 1, monthDays: 1 };

/** n ÷ d (both ≥ 0) rounded to an integer: half up (四舍五入) or half to even. */
export function divRound(n: bigint, d: bigint, mode: ContractSettings['feeRounding']): bigint {
  const q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d) return q + 1n;
  if (r2 < d) return q;
  return mode === 'half_up' || q % 2n === 1n ? q + 1n : q;
}

/** CNY of a fen amount (exact for any amount below 2^53 fen). */
export const yuan = (fen: number) => fen / 100;

/** 实际应支付的月项目服务费用 = 年度合同报价 ÷ 12 × (100 − 扣分)% × 服务天数占比. */
export function monthFee(total: number, settings: MoneySettings, share: Pick<ServiceShare, 'serviceDays' | 'monthDays'> = FULL): Fee {
  const mode = settings.feeRounding ?? 'half_up';
  const annualFen = BigInt(Math.round(settings.annualPrice * 100));
  // The score is a sum of table points and proportional rate points; a millionth of a point is finer than any of them.
  const micro = BigInt(Math.max(0, Math.round(total * 1e6)));
  const days = BigInt(share.serviceDays);
  const of = BigInt(share.monthDays);
  const baseFen = Number(divRound(annualFen * days, 12n * of, mode));
  const paidFen = Number(divRound(annualFen * micro * days, 12n * 100_000_000n * of, mode));
  return {
    base: yuan(baseFen),
    paid: yuan(paidFen),
    deducted: yuan(baseFen - paidFen),
    baseFen,
    paidFen,
    deductedFen: baseFen - paidFen,
    serviceDays: share.serviceDays,
    monthDays: share.monthDays,
  };
}

export interface QuarterToDate {
  /** 'YYYY-Qn' (calendar quarter of the month key: results are formed quarterly). */
  quarter: string;
  months: MonthTotal[];
  base: number;
  paid: number;
  deducted: number;
  baseFen: number;
  paidFen: number;
  deductedFen: number;
}

export function quarterOf(month: string): { key: string; months: string[] } {
  const [y, m] = month.split('-').map(Number);
  const q = Math.floor((m - 1) / 3);
  const months = [1, 2, 3].map((i) => `${y}-${String(q * 3 + i).padStart(2, '0')}`);
  return { key: `${y}-Q${q + 1}`, months };
}

/** Quarter-to-date fees: the sum, in fen, of the quarter's months up to `current` as each was rounded. */
export function quarterToDate(current: MonthTotal, history: MonthTotal[]): QuarterToDate {
  const { key, months } = quarterOf(current.month);
  const included = months
    .filter((m) => m <= current.month)
    .map((m) => (m === current.month ? current : history.find((h) => h.month === m)))
    .filter((m): m is MonthTotal => m !== undefined);
  let baseFen = 0;
  let paidFen = 0;
  for (const m of included) {
    baseFen += m.baseFen;
    paidFen += m.feeFen;
  }
  return {
    quarter: key,
    months: included,
    base: yuan(baseFen),
    paid: yuan(paidFen),
    deducted: yuan(baseFen - paidFen),
    baseFen,
    paidFen,
    deductedFen: baseFen - paidFen,
  };
}
