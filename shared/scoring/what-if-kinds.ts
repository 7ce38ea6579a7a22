import type { RuleId } from './rule-table';

/**
 * The what-if's kinds and answer shapes, apart from the engine (what-if.ts): the screens read
 * these without loading the scoring engine itself.
 */
export const WHAT_IF_KINDS = ['lateArrival', 'wrongDispatch', 'missedCallback', 'failedQualityCheck', 'shortPostDay'] as const;
export type WhatIfKind = (typeof WHAT_IF_KINDS)[number];

/** The rate-shaped kinds: each failure also grows the rate's denominator. */
export const RATE_KINDS = ['wrongDispatch', 'missedCallback', 'failedQualityCheck'] as const;
export type RateKind = (typeof RATE_KINDS)[number];

/** The rule of the rule table (rule-table.ts) each kind of mistake is charged by: its block is the one it can spend. */
export const RULE_OF_KIND: Record<WhatIfKind, RuleId> = {
  lateArrival: 'responder.late',
  wrongDispatch: 'dispatchAccuracy.rate',
  missedCallback: 'callbackRate.rate',
  failedQualityCheck: 'contentQuality.rate',
  shortPostDay: 'staffing.shortDay',
};

export interface WhatIfItem {
  kind: WhatIfKind;
  /** Points the month would lose (≥ 0). */
  points: number;
  /** Fee it would lose, CNY (fen-exact). */
  yuan: number;
}

export interface Headroom {
  kind: RateKind;
  /** More failures the month absorbs before its deduction grows; null: more than the search limit. */
  beforeNextStep: number | null;
  /** More failures the month absorbs and stays above the termination threshold; null: more than the limit. */
  beforeThreshold: number | null;
}

export interface ProjectionRange {
  low: number;
  mid: number;
  high: number;
}

/** What GET /api/score/what-if returns (numbers only: fit for the wall). */
export interface WhatIfView {
  month: string;
  /** The month can take no more facts of its own (over, or frozen): nothing more costs anything. */
  closed: boolean;
  items: WhatIfItem[];
  headroom: Headroom[];
  projection: ProjectionRange;
}
