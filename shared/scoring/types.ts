import type { ContractSettings } from '../settings';
import type { BlockId, RuleId } from './blocks';
import type { RateId, RateResult } from './rates';
import type { TerminationRisk } from './termination';
import type { QuarterToDate, Fee } from './money';
import type { DailyTotal } from './daily-totals';
import type { MonthRevision, MonthStatus } from './month-close';
import type { NationalKpis } from './national-kpis';

/** What caused a deduction: a logged event (who, when, what) or a calendar day. */
export interface Cause {
  kind: 'event' | 'day';
  /** The fact behind it: 'wrongDispatch', 'arrival', 'shortDay', … (i18n key on the page). */
  what: string;
  /** Entity id (order, incident, fault, deduction) or the day 'YYYY-MM-DD'. */
  id: string;
  seq: number | null;
  at: string;
  actor: string | null;
  entityType: string | null;
  entityId: string | null;
  detail: Record<string, string | number | boolean | null>;
}

export interface DeductionLine {
  rule: RuleId;
  block: BlockId;
  /** The post (staffing), rate id, or manual deduction id the line is about; null otherwise. */
  subject: string | null;
  /** Occurrences (days, reports, arrivals, faults) or, for a rate, the points below target. */
  count: number;
  /** Points deducted by this line before the block cap. */
  points: number;
  causes: Cause[];
  /** All causes, of which `causes` lists the first MAX_CAUSES_PER_LINE. */
  causeCount: number;
  /** Manual deductions: the reason and how many revisions were entered. */
  reason?: string;
  revisions?: number;
}

export interface BlockScore {
  block: BlockId;
  max: number;
  /** Points lost, capped at `max` (扣完为止). */
  deducted: number;
  remaining: number;
  /** Sum of the lines before the cap, to show how far past the cap the month went. */
  uncapped: number;
  lines: DeductionLine[];
}

export interface Projection {
  /** Share of the month elapsed at `asOf`, 0..1. */
  elapsed: number;
  total: number;
  fee: number;
  blocks: Record<BlockId, number>;
}

export interface MonthScore {
  month: string;
  asOf: string;
  /** The month's days are over at `asOf` (it may still be provisional: see `status`). */
  closed: boolean;
  /** open (its days run) → provisional (over, late facts still arrive) → closed (frozen; reopened only on record). */
  status?: MonthStatus;
  /** Every close of this month, oldest first, with its reopen if any (the service adds these). */
  revisions?: MonthRevision[];
  /** When a provisional month closes itself (ISO); null when only a manager closes it. */
  closesAt?: string | null;
  total: number;
  fee: Fee;
  blocks: BlockScore[];
  rates: RateResult[];
  /** Month end at the current pace: counted deductions scaled by elapsed time, rates as they stand. */
  projection: Projection;
  quarter: QuarterToDate;
  termination: TerminationRisk;
  settings: ContractSettings;
  factCount: number;
  /**
   * The month-to-date total at the end of each local day so far (today: now), oldest first.
   * Absent in scores frozen before the series existed.
   */
  daily?: DailyTotal[];
  /**
   * The national indicators of the orders received in the month, as they stand at `asOf` (KPI_TABLE
   * in rule-table.ts). Not scored. Absent in scores frozen before they existed.
   */
  kpis?: NationalKpis;
}

/** A month's result as other months' scores need it (quarter, termination risk). */
export interface MonthTotal {
  month: string;
  total: number;
  /** The month's fee (CNY) and, for exact sums, its fee and base in fen. */
  fee: number;
  feeFen: number;
  baseFen: number;
  closed: boolean;
}

export type { RateId, RateResult, DailyTotal, MonthRevision, MonthStatus };
