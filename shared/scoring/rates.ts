import type { ContractSettings } from '../settings';
import { pointsOf, type RuleId } from './blocks';

export const RATES = ['evaluatorAccuracy', 'contentQuality', 'dispatchAccuracy', 'callbackRate'] as const;
export type RateId = (typeof RATES)[number];

/** The rule that charges each rate (evaluator accuracy is shown, its wrong reports are charged one by one). */
const RULE_OF_RATE: Record<RateId, RuleId | null> = {
  evaluatorAccuracy: null,
  contentQuality: 'contentQuality.rate',
  dispatchAccuracy: 'dispatchAccuracy.rate',
  callbackRate: 'callbackRate.rate',
};

export interface RateResult {
  rate: RateId;
  numerator: number;
  denominator: number;
  /** Percent, or null when nothing was counted yet (no deduction then). */
  percent: number | null;
  target: number;
  /** Percentage points below target counted for the deduction (after the point mode). */
  pointsBelow: number;
  /** Points deducted by this rate before the block cap (0 for informational rates). */
  deduction: number;
}

/** Rounds away float noise (0.965 * 100 = 96.49999…) without hiding real fractions. */
export const clean = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * A rate against its target: each percentage point below costs the rule's points (计分方法：低于指标值一个百分点扣…分).
 * proportional: 96.5 % vs 98 % → 1.5 points → 0.75; started_point: every started point whole → 2 → 1.0.
 */
export function rateDeduction(
  rate: RateId,
  numerator: number,
  denominator: number,
  target: number,
  mode: ContractSettings['pointMode'],
  charged = true,
): RateResult {
  const percent = denominator > 0 ? clean((numerator * 100) / denominator) : null;
  const below = percent === null ? 0 : Math.max(0, clean(target - percent));
  const pointsBelow = mode === 'proportional' ? below : Math.ceil(below);
  return {
    rate,
    numerator,
    denominator,
    percent,
    target,
    pointsBelow,
    deduction: charged && RULE_OF_RATE[rate] ? clean(pointsBelow * pointsOf(RULE_OF_RATE[rate])) : 0,
  };
}
