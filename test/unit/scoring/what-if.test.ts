import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { foldMonth, scoreFacts, type ScoreFact } from '../../../shared/scoring';
import { headroom, mistakeFacts, nextShortPostDay, projectionRange, RATE_KINDS, whatIf, type WhatIfKind } from '../../../shared/scoring/what-if';
import { fact, fullTeamBefore, times } from './score-facts.factory';
import { MONTH, START, END, streamArb } from './score-facts.arbitrary';

const day = (d: number, time = '10:00:00') => `2025-03-${String(d).padStart(2, '0')}T${time}+08:00`;
const ASOF = Date.parse(day(15, '12:00:00'));
const costOf = (items: ReturnType<typeof whatIf>, kind: WhatIfKind) => items.find((i) => i.kind === kind)!;

describe('what the next mistake costs (worked by hand)', () => {
  it('100 dispatches with 2 wrong (98 %, on target): the next wrong one costs (98 − 98/101·100)·0.5 = 0.49 points', () => {
    // After: 98 correct of 101 = 97.0297 %, 0.9703 points below 98 % → 0.485 points.
    const facts: ScoreFact[] = [
      ...fullTeamBefore(),
      ...times(100, (i) => fact.dispatch(`WO-${i}`, day(2))),
      fact.wrongDispatch('WO-0', day(3)),
      fact.wrongDispatch('WO-1', day(3)),
    ];
    const acc = foldMonth(MONTH, facts, DEFAULT_SETTINGS);
    const items = whatIf(acc, { asOf: ASOF });
    const before = scoreFacts(MONTH, facts, DEFAULT_SETTINGS, { asOf: ASOF }).total;
    expect(before).toBe(100);
    const after = scoreFacts(MONTH, [...facts, fact.dispatch('X', day(15)), fact.wrongDispatch('X', day(15))], DEFAULT_SETTINGS, { asOf: ASOF }).total;
    expect(after).toBeCloseTo(100 - (98 - (98 / 101) * 100) * 0.5, 2);
    expect(costOf(items, 'wrongDispatch').points).toBeCloseTo(0.4851485, 6);
    // Fee at 100: 168,333.33; at 99.514851…: 168,333.333… − 816.666… = 167,516.67 (half up) → 816.66 yuan.
    expect(costOf(items, 'wrongDispatch').yuan).toBe(816.66);
  });

  it('a late arrival costs 0.5 until the responders block is spent, then nothing', () => {
    const clean = foldMonth(MONTH, fullTeamBefore(), DEFAULT_SETTINGS);
    // 168,333.33 at 100 and 168,333.333… × 0.995 = 167,491.67 at 99.5: the month's fee falls 841.66
    // (each fee rounded once to the fen, as they are paid; 0.5 % of the unrounded base is 841.666…).
    expect(costOf(whatIf(clean, { asOf: ASOF }), 'lateArrival')).toEqual({ kind: 'lateArrival', points: 0.5, yuan: 841.66 });
    // 30 late arrivals × 0.5 = 15: the block is spent (扣完为止).
    const spent = foldMonth(MONTH, [...fullTeamBefore(), ...times(30, (i) => fact.arrival(`INC-${i}`, day(2 + (i % 10)), true))], DEFAULT_SETTINGS);
    expect(costOf(whatIf(spent, { asOf: ASOF }), 'lateArrival').points).toBe(0);
  });

  it('a short post-day costs 2 points; a missed callback against a 100 % target costs at once', () => {
    const facts = [...fullTeamBefore(), ...times(50, (i) => fact.callbackDue(`WO-${i}`, day(3))), ...times(50, (i) => fact.calledBack(`WO-${i}`, day(3)))];
    const items = whatIf(foldMonth(MONTH, facts, DEFAULT_SETTINGS), { asOf: ASOF });
    expect(costOf(items, 'shortPostDay').points).toBe(2);
    // 50 of 51 = 98.039 % → 1.961 points below → 0.98 points.
    expect(costOf(items, 'missedCallback').points).toBeCloseTo((100 - (50 / 51) * 100) * 0.5, 2);
  });

  it('headroom is exact at the step: 100 checks, 2 failed (98 %): the next failure already costs; 44 more keep the month above 85', () => {
    const facts = [...fullTeamBefore(), ...times(100, (i) => fact.qualityCheck(`WO-${i}`, day(2), i >= 2))];
    const acc = foldMonth(MONTH, facts, DEFAULT_SETTINGS);
    const quality = headroom(acc, { asOf: ASOF }).find((h) => h.kind === 'failedQualityCheck')!;
    // 98 of 101 = 97.03 % < 98 %: the first more failure moves the total.
    expect(quality.beforeNextStep).toBe(0);
    // Falls to 85 when the quality block has lost 15 points: only the block's 15 points can go,
    // so the quality rate alone can never bring a clean month to 85: (100 − 15 = 85) ≤ 85 needs the whole block.
    // 98 − p·100 ≥ 30 points below → p ≤ 68 % → passed/(100+k) ≤ 0.68 → k ≥ 98/0.68 − 100 = 44.1 → 45 failures reach 85.
    expect(quality.beforeThreshold).toBe(44);
  });
});

describe('what-if properties (the engine is its own oracle)', () => {
  const kinds = ['lateArrival', 'wrongDispatch', 'missedCallback', 'failedQualityCheck'] as const;

  it('each cost equals the difference of two full scores of the month with and without the mistake', () => {
    fc.assert(
      fc.property(streamArb, fc.integer({ min: START, max: END - 1 }), (stream, asOf) => {
        const facts = [...fullTeamBefore(), ...stream];
        const items = whatIf(foldMonth(MONTH, facts, DEFAULT_SETTINGS), { asOf });
        for (const kind of kinds) {
          const at = items.length && asOf; // the mistake happens now
          const readAt = { asOf: asOf + 1 };
          const without = scoreFacts(MONTH, facts, DEFAULT_SETTINGS, readAt);
          const withIt = scoreFacts(MONTH, [...facts, ...mistakeFacts(kind, 1, at)], DEFAULT_SETTINGS, readAt);
          // Outside the service period the question moves to the nearest service day; the default period covers March 2025.
          expect(costOf(items, kind).points).toBeCloseTo(Math.max(0, without.total - withIt.total), 8);
          expect(costOf(items, kind).yuan).toBe(Math.max(0, without.fee.paidFen - withIt.fee.paidFen) / 100);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a short post-day costs the difference of two full folds: without, and with the roster reporting that post empty that day', () => {
    fc.assert(
      fc.property(streamArb, fc.integer({ min: START, max: END - 1 }), (stream, asOf) => {
        const facts = [...fullTeamBefore(), ...stream];
        const acc = foldMonth(MONTH, facts, DEFAULT_SETTINGS);
        const short = costOf(whatIf(acc, { asOf }), 'shortPostDay');
        const next = nextShortPostDay(acc, { asOf });
        if (!next) {
          expect(short).toEqual({ kind: 'shortPostDay', points: 0, yuan: 0 });
          return;
        }
        const readAt = { asOf: next.readAt };
        const without = scoreFacts(MONTH, facts, DEFAULT_SETTINGS, readAt);
        const withIt = scoreFacts(MONTH, [...facts, next.fact], DEFAULT_SETTINGS, readAt);
        expect(short.points).toBeCloseTo(without.total - withIt.total, 8);
        expect(short.yuan).toBe((without.fee.paidFen - withIt.fee.paidFen) / 100);
        // One post and day: at most the rule's 2 points (1次/天), never more.
        expect(short.points).toBeGreaterThan(0);
        expect(short.points).toBeLessThanOrEqual(2);
      }),
      { numRuns: 60 },
    );
  });

  it('headroom n keeps the month, n + 1 does not (rate kinds, random months)', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        const facts = [...fullTeamBefore(), ...stream];
        const asOf = Date.parse(day(20));
        const acc = foldMonth(MONTH, facts, DEFAULT_SETTINGS);
        const readAt = { asOf: asOf + 1 };
        const total = (kind: (typeof RATE_KINDS)[number], n: number) =>
          scoreFacts(MONTH, [...facts, ...Array.from({ length: n }, (_, i) => mistakeFacts(kind, i + 1, asOf)).flat()], DEFAULT_SETTINGS, readAt).total;
        for (const h of headroom(acc, { asOf })) {
          const start = total(h.kind, 0);
          if (h.beforeNextStep === null) {
            // Never: the block is spent, so even many more failures leave the total where it is.
            expect(total(h.kind, 50)).toBe(start);
            continue;
          }
          expect(total(h.kind, h.beforeNextStep)).toBeGreaterThanOrEqual(start);
          expect(total(h.kind, h.beforeNextStep + 1)).toBeLessThan(start);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('month-end projection as a range', () => {
  const withDaily = (daily: number[], elapsed: number) =>
    ({
      projection: { elapsed, total: daily.at(-1)!, fee: 0, blocks: {} },
      fee: { monthDays: 30 },
      daily: daily.map((total, i) => ({ day: `2025-04-${String(i + 1).padStart(2, '0')}`, total })),
    }) as unknown as Parameters<typeof projectionRange>[0];

  it('a month that moved the same every day has no spread; a jumpy one has, growing with the days left', () => {
    expect(projectionRange(withDaily([99.5, 99, 98.5, 98], 4 / 30))).toEqual({ low: 98, mid: 98, high: 98 });
    // Moves −1, 0, −1, 0: sd = √(1/3) = 0.5774; 26 days left: spread = 1.2816 · 0.5774 · √26 = 3.773.
    const r = projectionRange(withDaily([99, 99, 98, 98], 4 / 30));
    expect(r.mid).toBe(98);
    expect(r.low).toBeCloseTo(98 - 3.77, 2);
    expect(r.high).toBe(100); // never above 100
    // With two days left the same movements give a narrower range: 1.2816 · 0.5774 · √2 = 1.046.
    expect(projectionRange(withDaily([99, 99, 98, 98], 28 / 30)).low).toBeCloseTo(98 - 1.05, 2);
  });

  it("last month's days widen a young month's range", () => {
    const last = [100, 97, 97, 94].map((total, i) => ({ day: `2025-03-0${i + 1}`, total }));
    const young = withDaily([100], 1 / 30);
    expect(projectionRange(young).low).toBe(100);
    expect(projectionRange(young, last).low).toBeLessThan(100);
  });
});
