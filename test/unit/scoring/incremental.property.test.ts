import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import {
  addFact,
  createAccumulator,
  scoreFacts,
  scoreFromAccumulator,
  type MonthScore,
  type ScoreFact,
} from '../../../shared/scoring';

import { END, MONTH, START, streamArb } from './score-facts.arbitrary';

const asOfArb = fc.integer({ min: START, max: END + 86_400_000 });

/** Plain recount from the list of facts, written independently of the accumulator. */
function oracle(facts: ScoreFact[]) {
  const inMonth = facts.filter((f) => f.at >= START && f.at < END);
  const dispatches = inMonth.filter((f) => f.kind === 'dispatch');
  const wrong = new Set(inMonth.flatMap((f) => (f.kind === 'wrongDispatch' ? [`${f.orderId}#${f.n}`] : [])));
  const orders = new Map<string, { excluded: boolean; called: boolean }>();
  for (const f of inMonth) {
    if (f.kind !== 'callbackDue' && f.kind !== 'calledBack') continue;
    const o = orders.get(f.orderId) ?? { excluded: false, called: false };
    orders.set(f.orderId, { excluded: o.excluded || f.excluded, called: o.called || f.kind === 'calledBack' });
  }
  const counted = [...orders.values()].filter((o) => !o.excluded);
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
