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

const MONTH = '2025-03';
const START = Date.parse('2025-03-01T00:00:00+08:00');
const END = Date.parse('2025-04-01T00:00:00+08:00');
// Facts fall from a week before the month to a week after it, so boundary routing is exercised.
const atArb = fc.integer({ min: START - 7 * 86_400_000, max: END + 7 * 86_400_000 });
const id = (prefix: string) => fc.integer({ min: 1, max: 6 }).map((i) => `${prefix}-${i}`);
const ref = { seq: null, at: '2025-03-01T00:00:00.000Z', actor: 'p', entityType: null, entityId: null };
const post = fc.constantFrom('seat' as const, 'responder' as const, 'evaluator' as const);

// Small id pools make facts collide: re-checks, callbacks after dues, duplicate judgments, revisions.
const factArb: fc.Arbitrary<ScoreFact> = fc.oneof(
  fc.record({ kind: fc.constant('dispatch' as const), at: atArb, ref: fc.constant(ref), orderId: id('WO'), n: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('wrongDispatch' as const),
    at: atArb,
    ref: fc.constant(ref),
    orderId: id('WO'),
    n: fc.integer({ min: 1, max: 3 }),
    by: fc.constantFrom('reassign' as const, 'center' as const),
    reason: fc.constant(null),
  }),
  fc.record({ kind: fc.constant('qualityCheck' as const), at: atArb, ref: fc.constant(ref), orderId: id('WO'), passed: fc.boolean(), reason: fc.constant(null) }),
  fc.record({ kind: fc.constantFrom('callbackDue' as const, 'calledBack' as const), at: atArb, ref: fc.constant(ref), orderId: id('WO'), excluded: fc.boolean() }),
  fc.record({ kind: fc.constant('evaluatorReport' as const), at: atArb, ref: fc.constant(ref), reportId: id('R'), correct: fc.boolean(), note: fc.constant(null) }),
  fc.record({ kind: fc.constant('arrival' as const), at: atArb, ref: fc.constant(ref), incidentId: id('INC'), late: fc.boolean(), deadline: fc.constant(null) }),
  fc.record({
    kind: fc.constant('fault' as const),
    at: atArb,
    ref: fc.constant(ref),
    faultId: id('F'),
    equipment: fc.constant('pc'),
    delaysWork: fc.boolean(),
    repairedAt: fc.option(fc.integer({ min: 0, max: 20 * 3_600_000 }), { nil: null }),
  }).map((f) => ({ ...f, repairedAt: f.repairedAt === null ? null : f.at + f.repairedAt })),
  fc.record({
    kind: fc.constant('manualDeduction' as const),
    at: atArb,
    ref: fc.constant(ref),
    deductionId: id('D'),
    revision: fc.integer({ min: 1, max: 3 }),
    block: fc.constantFrom('evaluatorQuality' as const, 'responderQuality' as const, 'logistics' as const),
    points: fc.integer({ min: 1, max: 10 }),
    reason: fc.constant('x'),
    withdrawn: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('headcount' as const), at: atArb, ref: fc.constant(ref), post, headcount: fc.integer({ min: 0, max: 18 }) }),
  fc.record({
    kind: fc.constant('settings' as const),
    at: atArb,
    ref: fc.constant(ref),
    settings: fc.record({ pointMode: fc.constantFrom('proportional' as const, 'started_point' as const), target: fc.integer({ min: 90, max: 100 }) }).map(
      ({ pointMode, target }) => ({ ...DEFAULT_SETTINGS, pointMode, targets: { ...DEFAULT_SETTINGS.targets, dispatchAccuracy: target } }),
    ),
  }),
);

/**
 * What the log guarantees about callbacks: an order is handled once, then called back at most
 * once, both facts dated at its handled time with the same exclusion. Other facts stay random.
 */
function asTheLogWouldHaveIt(facts: ScoreFact[]): ScoreFact[] {
  const due = new Map<string, ScoreFact & { kind: 'callbackDue' }>();
  const called = new Set<string>();
  return facts.flatMap((f): ScoreFact[] => {
    if (f.kind === 'callbackDue') {
      if (due.has(f.orderId)) return [];
      due.set(f.orderId, f);
      return [f];
    }
    if (f.kind === 'calledBack') {
      const handled = due.get(f.orderId);
      if (!handled || called.has(f.orderId)) return [];
      called.add(f.orderId);
      return [{ ...f, at: handled.at, excluded: handled.excluded }];
    }
    return [f];
  });
}
const streamArb = fc.array(factArb, { maxLength: 60 }).map(asTheLogWouldHaveIt);

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
