import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { addFact, createAccumulator, scoreFacts, scoreFromAccumulator, type MonthScore, type ScoreFact } from '../../../shared/scoring';

import { END, MONTH, START, streamArb } from './score-facts.arbitrary';

const asOfArb = fc.integer({ min: START, max: END + 86_400_000 });

/** Plain recount from the list of facts, written independently of the accumulator. */
function oracle(facts: ScoreFact[]) {
  const inMonth = facts.filter((f) => f.at >= START && f.at < END);
  const dispatches = inMonth.filter((f) => f.kind === 'dispatch');
  const wrong = new Set(inMonth.flatMap((f) => (f.kind === 'wrongDispatch' ? [`${f.orderId}#${f.n}`] : [])));
  // Each order as its whole history leaves it: due in the month of its latest 办结 unless sent back
  // since (返工), called back if a 回访 followed that 办结.
  const orders = new Map<string, { at: number; excluded: boolean; called: boolean; reopened: boolean }>();
  for (const f of facts) {
    if (f.kind === 'callbackDue') orders.set(f.orderId, { at: f.at, excluded: f.excluded, called: false, reopened: false });
    const o = 'orderId' in f ? orders.get(f.orderId) : undefined;
    if (o && f.kind === 'calledBack') o.called = true;
    if (o && f.kind === 'callbackWithdrawn') o.reopened = true;
  }
  const counted = [...orders.values()].filter((o) => !o.excluded && !o.reopened && o.at >= START && o.at < END);
  return {
    dispatch: { denominator: Math.max(dispatches.length, wrong.size), wrong: wrong.size },
    callback: { numerator: counted.filter((o) => o.called).length, denominator: counted.length },
  };
}

const rate = (s: MonthScore, r: string) => s.rates.find((x) => x.rate === r)!;

describe('incremental score = full recomputation', () => {
  it('after every fact of a random stream, the running score equals folding the prefix from scratch', () => {
    fc.assert(
      fc.property(streamArb, asOfArb, (facts, asOf) => {
        const acc = createAccumulator(MONTH, DEFAULT_SETTINGS);
        facts.forEach((f, i) => {
          addFact(acc, f);
          const incremental = scoreFromAccumulator(acc, { asOf });
          const full = scoreFacts(MONTH, facts.slice(0, i + 1), DEFAULT_SETTINGS, { asOf });
          expect(incremental).toEqual(full);
        });
        const final = scoreFromAccumulator(acc, { asOf });
        const expected = oracle(facts);
        expect(rate(final, 'dispatchAccuracy').denominator).toBe(expected.dispatch.denominator);
        expect(rate(final, 'dispatchAccuracy').denominator - rate(final, 'dispatchAccuracy').numerator).toBe(
          Math.min(expected.dispatch.wrong, expected.dispatch.denominator),
        );
        expect(rate(final, 'callbackRate')).toMatchObject(expected.callback);
        expect(final.total).toBeGreaterThanOrEqual(0);
        for (const b of final.blocks) expect(b.remaining).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 100 },
    );
  });
});
