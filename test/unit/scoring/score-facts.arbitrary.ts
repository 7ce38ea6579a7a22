import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { ScoreFact } from '../../../shared/scoring';

/** Random fact streams for March 2025 (Beijing time), as the event log could produce them. */
export const MONTH = '2025-03';
export const START = Date.parse('2025-03-01T00:00:00+08:00');
export const END = Date.parse('2025-04-01T00:00:00+08:00');
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
  fc.record({
    kind: fc.constant('qualityCheck' as const),
    at: atArb,
    ref: fc.constant(ref),
    orderId: id('WO'),
    passed: fc.boolean(),
    reason: fc.constant(null),
  }),
  fc.record({
    kind: fc.constantFrom('callbackDue' as const, 'calledBack' as const),
    at: atArb,
    ref: fc.constant(ref),
    orderId: id('WO'),
    excluded: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('evaluatorReport' as const),
    at: atArb,
    ref: fc.constant(ref),
    reportId: id('R'),
    correct: fc.boolean(),
    note: fc.constant(null),
  }),
  fc
    .record({
      incidentId: id('INC'),
      first: atArb,
      reassignedAfter: fc.option(fc.integer({ min: 0, max: 30 * 60_000 }), { nil: null }),
      arrivedAfter: fc.option(fc.integer({ min: -20 * 60_000, max: 40 * 60_000 }), { nil: null }),
    })
    .map(({ incidentId, first, reassignedAfter, arrivedAfter }) => ({
      kind: 'incident' as const,
      at: first,
      ref,
      incidentId,
      firstDeadline: first,
      lastDeadline: first + (reassignedAfter ?? 0),
      arrivedAt: arrivedAfter === null ? null : first + arrivedAfter,
    })),
  fc
    .record({
      kind: fc.constant('fault' as const),
      at: atArb,
      ref: fc.constant(ref),
      faultId: id('F'),
      equipment: fc.constant('pc'),
      delaysWork: fc.boolean(),
      repairedAt: fc.option(fc.integer({ min: 0, max: 20 * 3_600_000 }), { nil: null }),
    })
    .map((f) => ({ ...f, repairedAt: f.repairedAt === null ? null : f.at + f.repairedAt })),
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
  // The roster's day findings: a day of the month or just outside it, its count, the seats' law
  // graduate, and 空岗 stretches around the 30-minute line (the roster sends those of ≥ 30; shorter
  // ones test that the engine applies the setting itself).
  // Weighted and biased to the edges: full teams (where the law graduate and 空岗 decide) and 29–31 minutes.
  {
    weight: 3,
    arbitrary: fc
      .record({
        dayIndex: fc.integer({ min: -2, max: 32 }),
        post,
        headcount: fc.oneof(fc.integer({ min: 0, max: 18 }), fc.constantFrom(3, 4, 16, 17, 18)),
        noLawGraduate: fc.boolean(),
        empty: fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 1380 }),
            minutes: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constantFrom(29, 30, 31)),
            onDuty: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 2 },
        ),
      })
      .map(({ dayIndex, post, headcount, noLawGraduate, empty }) => {
        const dayStart = START + dayIndex * 86_400_000;
        return {
          kind: 'dailyHeadcount' as const,
          at: dayStart,
          ref,
          day: new Date(dayStart + 8 * 3_600_000).toISOString().slice(0, 10),
          post,
          headcount,
          // Only the seat team needs a law graduate (staffing-day.ts sets the flag for seats only).
          noLawGraduate: post === 'seat' && noLawGraduate,
          missing: headcount < 17 ? ['某人'] : [],
          empty: empty.map((e) => ({
            start: dayStart + e.from * 60_000,
            end: dayStart + (e.from + e.minutes) * 60_000,
            onDuty: e.onDuty,
            minimum: 4,
            absent: [],
          })),
        };
      }),
  },
  fc.record({
    kind: fc.constant('settings' as const),
    at: atArb,
    ref: fc.constant(ref),
    settings: fc
      .record({ pointMode: fc.constantFrom('proportional' as const, 'started_point' as const), target: fc.integer({ min: 90, max: 100 }) })
      .map(({ pointMode, target }) => ({ ...DEFAULT_SETTINGS, pointMode, targets: { ...DEFAULT_SETTINGS.targets, dispatchAccuracy: target } })),
  }),
);

/**
 * What the log guarantees about callbacks: each 办结 of an order (callbackDue, dated at its handled
 * time) is followed by at most one 回访 (calledBack, same date and exclusion), and either may be
 * undone by a 返工 (callbackWithdrawn, same date and exclusion, `calledBack` saying which), after
 * which the next 办结 comes at its own time; an order once excluded (挂起/疑难) stays excluded. And
 * about incidents: the first dispatch's deadline never moves, so every re-statement of an incident
 * keeps it (and its date); only the latest deadline and the arrival change. Other facts stay random.
 */
function asTheLogWouldHaveIt(facts: ScoreFact[]): ScoreFact[] {
  const orders = new Map<string, { handled: ScoreFact & { kind: 'callbackDue' }; step: 'handled' | 'calledBack' | 'reopened' }>();
  const firstStated = new Map<string, ScoreFact & { kind: 'incident' }>();
  return facts.flatMap((f): ScoreFact[] => {
    if (f.kind === 'incident') {
      const first = firstStated.get(f.incidentId);
      if (!first) {
        firstStated.set(f.incidentId, f);
        return [f];
      }
      const shift = first.firstDeadline - f.firstDeadline;
      return [
        {
          ...f,
          at: first.at,
          firstDeadline: first.firstDeadline,
          lastDeadline: f.lastDeadline + shift,
          arrivedAt: f.arrivedAt === null ? null : f.arrivedAt + shift,
        },
      ];
    }
    const order = 'orderId' in f ? orders.get(f.orderId) : undefined;
    if (f.kind === 'callbackDue') {
      if (order && order.step !== 'reopened') return [];
      const handled = { ...f, excluded: f.excluded || (order?.handled.excluded ?? false) };
      orders.set(f.orderId, { handled, step: 'handled' });
      return [handled];
    }
    if (f.kind === 'calledBack') {
      if (order?.step !== 'handled') return [];
      order.step = 'calledBack';
      return [{ ...f, at: order.handled.at, excluded: order.handled.excluded }];
    }
    if (f.kind === 'callbackWithdrawn') {
      if (!order || order.step === 'reopened') return [];
      const calledBack = order.step === 'calledBack';
      order.step = 'reopened';
      return [{ ...f, at: order.handled.at, excluded: order.handled.excluded, calledBack }];
    }
    return [f];
  });
}
/**
 * One order's rounds of 办结, then 回访 or not, then 返工 or not (callbackWithdrawn: back to
 * handling, the next round's 办结 at its own time, possibly in another month). Streams are short
 * (fast-check's default size), so an order going round the loop is generated whole; its facts
 * still interleave with other orders' and with loose callback facts of the same order.
 */
const reworkedOrderArb: fc.Arbitrary<ScoreFact[]> = fc
  .record({
    orderId: id('WO'),
    excluded: fc.boolean(),
    rounds: fc.array(fc.record({ at: atArb, calledBack: fc.boolean(), reopened: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ orderId, excluded, rounds }) =>
    rounds.flatMap((r, i): ScoreFact[] => [
      { kind: 'callbackDue', at: r.at, ref, orderId, excluded },
      ...(r.calledBack ? [{ kind: 'calledBack' as const, at: r.at, ref, orderId, excluded }] : []),
      // Every round but the last was sent back, or there would be no next one.
      ...(r.reopened || i < rounds.length - 1 ? [{ kind: 'callbackWithdrawn' as const, at: r.at, ref, orderId, excluded, calledBack: r.calledBack }] : []),
    ]),
  );

export const streamArb = fc
  .array(fc.oneof({ weight: 5, arbitrary: factArb.map((f) => [f]) }, { weight: 1, arbitrary: reworkedOrderArb }), { maxLength: 60 })
  .map((parts) => asTheLogWouldHaveIt(parts.flat()));
