import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { addFact, createAccumulator, scoreFacts, scoreFromAccumulator, type ScoreFact } from '../../../shared/scoring';
import { fact, fullTeamBefore, times } from './score-facts.factory';
import { END, MONTH, START, streamArb } from './score-facts.arbitrary';

const day = (d: number, time = '10:00:00') => `2025-03-${String(d).padStart(2, '0')}T${time}+08:00`;
const totals = (facts: ScoreFact[], asOf: string) => scoreFacts(MONTH, facts, DEFAULT_SETTINGS, { asOf: Date.parse(asOf) }).daily!.map((d) => d.total);

describe('daily score series (month-to-date at the end of each Beijing day)', () => {
  it('a manual deduction on day 3 shows 100, 100, then the lower score every day after, up to today', () => {
    const facts = [...fullTeamBefore(), fact.manual('D-1', day(3), 'responderQuality', 5)];
    const series = scoreFacts(MONTH, facts, DEFAULT_SETTINGS, { asOf: Date.parse(day(6, '15:00:00')) }).daily!;
    expect(series).toEqual([
      { day: '2025-03-01', total: 100 },
      { day: '2025-03-02', total: 100 },
      { day: '2025-03-03', total: 95 },
      { day: '2025-03-04', total: 95 },
      { day: '2025-03-05', total: 95 },
      { day: '2025-03-06', total: 95 },
    ]);
  });

  it('a deduction entered later but dated day 3 moves day 3 on; a revision changes every day, a withdrawal clears them', () => {
    const base = [...fullTeamBefore(), fact.manual('D-1', day(3), 'logistics', 2)];
    expect(totals(base, day(5))).toEqual([100, 100, 98, 98, 98]);
    expect(totals([...base, fact.manual('D-1', day(3), 'logistics', 6, 2)], day(5))).toEqual([100, 100, 94, 94, 94]);
    expect(totals([...base, fact.manual('D-1', day(3), 'logistics', 6, 2, true)], day(5))).toEqual([100, 100, 100, 100, 100]);
  });

  it('rates move day by day: one wrong dispatch in 10 on day 2 (−40 % below 98 → capped −15) is diluted by day 4', () => {
    const facts = [
      ...fullTeamBefore(),
      ...times(10, (i) => fact.dispatch(`WO-${i}`, day(2))),
      fact.wrongDispatch('WO-0', day(2, '18:00:00')),
      ...times(40, (i) => fact.dispatch(`WO-${10 + i}`, day(4))),
    ];
    // day 2: 9/10 = 90 % → 8 points below → −4; day 4: 49/50 = 98 % → 0.
    expect(totals(facts, day(4, '20:00:00'))).toEqual([100, 96, 96, 100]);
  });

  it('a fault left open overnight counts from the day it passed 8 h, and is not undone by its later repair', () => {
    const facts = [...fullTeamBefore(), fact.fault('F-1', day(2, '20:00:00'), day(3, '09:00:00'))];
    // 20:00 → 23:59:59 is under 8 h: day 2 clean; repaired after 13 h: −1 from day 3.
    expect(totals(facts, day(4))).toEqual([100, 100, 99, 99]);
  });

  it('short staffing counts per day from the day it started', () => {
    const facts = [...fullTeamBefore(), fact.headcount('responder', day(2, '12:00:00'), 3)];
    expect(totals(facts, day(4))).toEqual([100, 98, 96, 94]);
  });

  it("an incident whose deadline is a day's last millisecond is late from the next day, not the day it was due", () => {
    const facts = [...fullTeamBefore(), fact.incident('INC-1', day(1, '23:59:59.999'), null)];
    expect(totals(facts, day(3))).toEqual([100, 99.5, 99.5]);
  });

  it('a closed month has every day, the last equal to the month total', () => {
    const facts = [...fullTeamBefore(), fact.arrival('INC-1', day(31, '08:00:00'), true)];
    const s = scoreFacts(MONTH, facts, DEFAULT_SETTINGS, { asOf: END + 3_600_000 });
    expect(s.daily).toHaveLength(31);
    expect(s.daily!.at(-1)).toEqual({ day: '2025-03-31', total: s.total });
    expect(s.daily![29].total).toBe(100);
  });

  it('property: each day equals folding from scratch only the facts dated by its end; today equals the live total', () => {
    fc.assert(
      fc.property(streamArb, fc.integer({ min: START, max: END + 86_400_000 }), (facts, asOf) => {
        const acc = createAccumulator(MONTH, DEFAULT_SETTINGS);
        for (const f of facts) addFact(acc, f);
        const live = scoreFromAccumulator(acc, { asOf });
        const series = live.daily!;
        series.forEach(({ day: key, total }, d) => {
          const endMs = acc.dayStarts[d + 1];
          const dated = facts.filter((f) => f.at < endMs);
          // A closed month's last day is the month's total, which counts what the final instant settles.
          const closedLastDay = endMs === END && asOf >= END;
          const reference = scoreFacts(MONTH, dated, DEFAULT_SETTINGS, { asOf: closedLastDay ? asOf : Math.min(endMs - 1, asOf) });
          expect({ key, total }).toEqual({ key, total: reference.total });
        });
        const future = facts.some((f) => f.at > asOf && f.at < END);
        if (!future && series.length > 0) expect(series.at(-1)!.total).toBe(live.total);
      }),
      { numRuns: 150 },
    );
  });
});
