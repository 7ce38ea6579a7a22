import { BLOCK_TABLE, RULE_TABLE, type BlockId, type RuleId, type RuleRow } from './rule-table';

/**
 * Lookups over the rule table (rule-table.ts), which is where the numbers are. Nothing here is a
 * number of its own: swap the table and every lookup follows.
 */
export type { BlockId, RuleId, RuleRow };

export const BLOCKS: readonly BlockId[] = BLOCK_TABLE.map((b) => b.id);

export const BLOCK_MAX = Object.fromEntries(BLOCK_TABLE.map((b) => [b.id, b.max])) as Record<BlockId, number>;

export const RULES: readonly RuleId[] = RULE_TABLE.map((r) => r.id);

const RULE_BY_ID = new Map<string, RuleRow>(RULE_TABLE.map((r) => [r.id, r as RuleRow]));

export function ruleOf(id: RuleId): RuleRow {
  return RULE_BY_ID.get(id)!;
}

/** Points per occurrence (or per percentage point below target) of a counted rule. */
export function pointsOf(id: RuleId): number {
  return ruleOf(id).points ?? 0;
}

/** Manual rules (the Center's "serious consequences"), one per block that has one. */
const MANUAL_ROWS = RULE_TABLE.filter((r) => r.cap === 'range') as unknown as (RuleRow & { range: { min: number; max: number } })[];
export type ManualBlock = 'evaluatorQuality' | 'responderQuality' | 'logistics';
export const MANUAL_RANGES = Object.fromEntries(MANUAL_ROWS.map((r) => [r.block, r.range])) as Record<ManualBlock, { min: number; max: number }>;
export const MANUAL_BLOCKS = MANUAL_ROWS.map((r) => r.block) as ManualBlock[];
export const MANUAL_RULE_OF = Object.fromEntries(MANUAL_ROWS.map((r) => [r.block, r.id])) as Record<ManualBlock, RuleId>;

/** Is `points` a valid manual deduction for the block (within the table's range, whole or half points)? */
export function validManualPoints(block: string, points: number): boolean {
  const range = (MANUAL_RANGES as Record<string, { min: number; max: number } | undefined>)[block];
  return range !== undefined && Number.isFinite(points) && points >= range.min && points <= range.max && Number.isInteger(points * 2);
}

/** At most this many causes are listed per deduction line; `causeCount` gives the full number. */
export const MAX_CAUSES_PER_LINE = 50;
