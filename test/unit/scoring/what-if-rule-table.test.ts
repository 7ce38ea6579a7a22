import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { foldMonth } from '../../../shared/scoring';
import { whatIf } from '../../../shared/scoring/what-if';
import { fullTeamBefore } from './score-facts.factory';
import { MONTH } from './score-facts.arbitrary';

// The what-if has no points of its own: swap the rule table's row for a late arrival (1 point
// instead of the contract's 0.5) and the next late arrival's cost follows, with no other edit.
vi.mock('../../../shared/scoring/rule-table', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/scoring/rule-table')>();
  return {
    ...original,
    RULE_TABLE: original.RULE_TABLE.map((row) => (row.id === 'responder.late' ? { ...row, points: 1 } : row)),
  };
});

describe('the what-if reads the rule table', () => {
  it('a late arrival in a clean month costs the swapped row’s 1 point and 1 % of the fee', () => {
    const acc = foldMonth(MONTH, fullTeamBefore(), DEFAULT_SETTINGS);
    const late = whatIf(acc, { asOf: Date.parse('2025-03-15T12:00:00+08:00') }).find((i) => i.kind === 'lateArrival')!;
    expect(late.points).toBe(1);
    // 168,333.33 at 100 and 168,333.333… × 0.99 = 166,650.00 at 99: 1,683.33 yuan.
    expect(late.yuan).toBe(1683.33);
  });
});
