import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC, queueFigures, seatsForTarget } from '../../../shared/planning/erlang-c';

describe('Erlang C against published worked examples', () => {
  it('the classic step-by-step example: 360 calls per half hour, 4-minute calls, 55 agents, 15-second target', () => {
    // Source: "The Erlang-C Formula", the widely reproduced step-by-step example (Westbay Engineers'
    // call-centre notes): traffic intensity 48 erlangs, occupancy 87.3 %, probability of waiting
    // 23.87 %, average speed of answer 8.2 s, service level 84.6 % within 15 s.
    const f = queueFigures({ seats: 55, callsPerHour: 720, handlingSeconds: 240, answerSeconds: 15 });
    expect(f.load).toBe(48);
    expect(f.occupancy).toBeCloseTo(0.873, 3);
    expect(f.waitProbability).toBeCloseTo(0.2387, 3);
    expect(f.averageSpeedOfAnswerSeconds).toBeCloseTo(8.184, 2);
    expect(f.serviceLevel).toBeCloseTo(0.846, 3);
  });

  it('M/M/2 at half load waits with probability ρ²·2/(1+ρ) = 1/3 (textbook closed form)', () => {
    // Two servers, A = 1 erlang: C = (A²/2! · 2/(2−1)) / (1 + A + A²/2! · 2/(2−1)) = 1 / 3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // One server is M/M/1: P(wait) = ρ.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
  });

  it('sizes the classic example for 80 % within 15 s: 54 agents fall short, 55 suffice', () => {
    expect(queueFigures({ seats: 54, callsPerHour: 720, handlingSeconds: 240, answerSeconds: 15 }).serviceLevel).toBeLessThan(0.8);
    expect(seatsForTarget(720, 240, { serviceLevel: 0.8, answerSeconds: 15 })).toBe(55);
  });

  it('no calls need no seats; a load the seats cannot carry answers nobody in time', () => {
    expect(seatsForTarget(0, 300, { serviceLevel: 0.8, answerSeconds: 20 })).toBe(0);
    const overloaded = queueFigures({ seats: 3, callsPerHour: 60, handlingSeconds: 300, answerSeconds: 20 });
    expect(overloaded.serviceLevel).toBe(0);
    expect(overloaded.averageSpeedOfAnswerSeconds).toBe(Infinity);
  });

  it('refuses nonsense instead of returning a number', () => {
    expect(() => erlangC(2.5, 1)).toThrow(/seats/);
    expect(() => erlangC(2, Number.NaN)).toThrow(/load/);
    expect(() => seatsForTarget(10, 300, { serviceLevel: 1, answerSeconds: 20 })).toThrow(/serviceLevel/);
  });
});

describe('Erlang C properties', () => {
  it('one more seat never lowers the service level nor raises the wait', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.double({ min: 0.1, max: 400, noNaN: true }),
        fc.integer({ min: 30, max: 900 }),
        fc.integer({ min: 0, max: 120 }),
        (seats, callsPerHour, handlingSeconds, answerSeconds) => {
          const a = queueFigures({ seats, callsPerHour, handlingSeconds, answerSeconds });
          const b = queueFigures({ seats: seats + 1, callsPerHour, handlingSeconds, answerSeconds });
          expect(b.serviceLevel).toBeGreaterThanOrEqual(a.serviceLevel - 1e-12);
          expect(b.waitProbability).toBeLessThanOrEqual(a.waitProbability + 1e-12);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('seatsForTarget returns the fewest seats that meet the target', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 300, noNaN: true }), fc.integer({ min: 60, max: 600 }), (calls, aht) => {
        const target = { serviceLevel: 0.8, answerSeconds: 20 };
        const n = seatsForTarget(calls, aht, target);
        expect(queueFigures({ seats: n, callsPerHour: calls, handlingSeconds: aht, answerSeconds: 20 }).serviceLevel).toBeGreaterThanOrEqual(0.8);
        if (n > 1) expect(queueFigures({ seats: n - 1, callsPerHour: calls, handlingSeconds: aht, answerSeconds: 20 }).serviceLevel).toBeLessThan(0.8);
      }),
      { numRuns: 300 },
    );
  });
});
