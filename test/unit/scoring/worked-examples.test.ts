import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ContractSettings } from '../../../shared/settings';
import { monthFee, scoreFacts, terminationRisk, type BlockId, type MonthScore, type ScoreFact } from '../../../shared/scoring';
import { fact, fullTeamBefore, times } from './score-facts.factory';

// Worked examples of contract-rules.md §1 and §5, each computed by hand in the comment beside it.
const MONTH = '2025-03';
const MONTH_END = Date.parse('2025-04-01T00:00:00+08:00');
const score = (facts: ScoreFact[], settings: ContractSettings = DEFAULT_SETTINGS, asOf = MONTH_END): MonthScore =>
  scoreFacts(MONTH, [...fullTeamBefore(), ...facts], settings, { asOf });
const block = (s: MonthScore, id: BlockId) => s.blocks.find((b) => b.block === id)!;
const day = (d: number, time = '10:00:00') => `2025-03-${String(d).padStart(2, '0')}T${time}+08:00`;

describe('money', () => {
  it('a clean month scores 100 and earns the full monthly fee 2,020,000 / 12 = 168,333.33', () => {
    const s = score([
      fact.dispatch('WO-1', day(3)),
      fact.qualityCheck('WO-1', day(3), true),
      fact.callbackDue('WO-1', day(4)),
      fact.calledBack('WO-1', day(4)),
    ]);
    expect(s.total).toBe(100);
    expect(s.fee.paid).toBe(168_333.33);
    expect(s.fee.deducted).toBe(0);
    expect(s.blocks.map((b) => b.remaining)).toEqual([20, 15, 15, 15, 15, 10, 10]);
  });

  it('score 92.5 earns 168,333.33 × 0.925 = 155,708.33 (15 late arrivals × 0.5 = 7.5 points)', () => {
    const s = score(times(15, (i) => fact.arrival(`INC-${i}`, day(i + 1), true)));
    expect(s.total).toBe(92.5);
    expect(s.fee.paid).toBe(155_708.33);
    // 168,333.333… − 155,708.333… = 12,625.00
    expect(s.fee.deducted).toBe(12_625);
    expect(monthFee(92.5, DEFAULT_SETTINGS).paid).toBe(155_708.33);
  });
});

describe('staffing (20)', () => {
  it('seats at 16 for 2 days and responders at 3 for 1 day cost 3 × 2 = 6 points', () => {
    const s = score([
      // 16 seats from the 5th to the 7th in the morning: the 5th and 6th end at 16 (16 < 17 × 0.98 = 16.66).
      fact.headcount('seat', day(5, '00:30:00'), 16),
      fact.headcount('seat', day(7, '09:00:00'), 17),
      // 3 responders on the 10th only (3 < 4 × 0.98 = 3.92).
      fact.headcount('responder', day(10, '09:00:00'), 3),
      fact.headcount('responder', day(11, '08:00:00'), 4),
    ]);
    const staffing = block(s, 'staffing');
    expect(staffing.deducted).toBe(6);
    expect(s.total).toBe(94);
    const seat = staffing.lines.find((l) => l.subject === 'seat')!;
    expect(seat.causes.map((c) => c.id)).toEqual(['2025-03-05', '2025-03-06']);
    expect(seat.causes[0].detail).toMatchObject({ headcount: 16, minimum: 17 });
    expect(staffing.lines.find((l) => l.subject === 'responder')!.causes.map((c) => c.id)).toEqual(['2025-03-10']);
  });

  it('15 short days (30 points) are capped at the block’s 20', () => {
    const s = score([fact.headcount('seat', day(1, '00:00:00'), 15), fact.headcount('seat', day(16, '08:00:00'), 17)]);
    const staffing = block(s, 'staffing');
    expect(staffing.uncapped).toBe(30);
    expect(staffing.deducted).toBe(20);
    expect(staffing.remaining).toBe(0);
    expect(s.total).toBe(80);
  });

  it('takes the roster’s daily headcount over the staff records', () => {
    const s = score([{ ...fact.headcount('evaluator', day(2, '00:00:00'), 2), kind: 'dailyHeadcount', day: '2025-03-02' } as ScoreFact]);
    expect(block(s, 'staffing').lines[0].causes.map((c) => c.id)).toEqual(['2025-03-02']);
  });
});

describe('rates', () => {
  // 200 dispatches, 7 wrong: 193 / 200 = 96.5 %, 1.5 points below 98 %.
  const dispatches = [...times(200, (i) => fact.dispatch(`WO-${i}`, day((i % 28) + 1))), ...times(7, (i) => fact.wrongDispatch(`WO-${i}`, day((i % 28) + 2)))];

  it('dispatch accuracy 96.5 % costs 1.5 × 0.5 = 0.75 in proportional mode', () => {
    const s = score(dispatches);
    expect(s.rates.find((r) => r.rate === 'dispatchAccuracy')).toMatchObject({ numerator: 193, denominator: 200, percent: 96.5, target: 98 });
    expect(block(s, 'dispatchAccuracy').deducted).toBe(0.75);
    expect(s.total).toBe(99.25);
  });

  it('dispatch accuracy 96.5 % costs 2 started points × 0.5 = 1.0 in started-point mode', () => {
    const s = score(dispatches, { ...DEFAULT_SETTINGS, pointMode: 'started_point' });
    expect(block(s, 'dispatchAccuracy').deducted).toBe(1);
  });

  it('a dispatch judged wrong both by reassignment and by the Center counts once', () => {
    const s = score([...dispatches, fact.wrongDispatch('WO-0', day(20), 1, 'center')]);
    expect(s.rates.find((r) => r.rate === 'dispatchAccuracy')!.numerator).toBe(193);
  });

  it('callback rate leaves suspended and difficult orders out: 19 / 20 = 95 % → 5 × 0.5 = 2.5', () => {
    const facts = [
      ...times(20, (i) => fact.callbackDue(`WO-${i}`, day(i + 1))),
      // 19 called back, one of them a reassigned order (reassigned orders count: 含改派单).
      ...times(19, (i) => fact.calledBack(`WO-${i}`, day(i + 1))),
      // 5 orders once suspended or difficult, never called back: outside the rate.
      ...times(5, (i) => fact.callbackDue(`WO-S${i}`, day(i + 1), true)),
    ];
    const s = score(facts);
    expect(s.rates.find((r) => r.rate === 'callbackRate')).toMatchObject({ numerator: 19, denominator: 20, percent: 95 });
    expect(block(s, 'callbackRate').deducted).toBe(2.5);
    // Counted in, they would make 19 / 25 = 76 % → 12 points → capped at 10.
    const line = block(s, 'callbackRate').lines[0];
    expect(line.causes.map((c) => c.id)).toEqual(['WO-19']);
  });

  it('content quality: 47 of 50 checks passed = 94 % → 4 × 0.5 = 2; a re-check that passes replaces the failure', () => {
    const facts = times(50, (i) => fact.qualityCheck(`WO-${i}`, day((i % 28) + 1), i >= 3));
    expect(block(score(facts), 'contentQuality').deducted).toBe(2);
    const rechecked = score([...facts, fact.qualityCheck('WO-0', day(29), true)]);
    // 48 / 50 = 96 % → 1 point
    expect(block(rechecked, 'contentQuality').deducted).toBe(1);
    expect(block(rechecked, 'contentQuality').lines[0].causes.map((c) => c.id)).toEqual(['WO-1', 'WO-2']);
  });
});

describe('counted deductions', () => {
  it('7 wrong evaluator reports cost 7 × 0.5 = 3.5', () => {
    const s = score([
      ...times(7, (i) => fact.evaluatorReport(`R-${i}`, day(i + 1), false)),
      ...times(93, (i) => fact.evaluatorReport(`R-ok-${i}`, day((i % 28) + 1), true)),
    ]);
    expect(block(s, 'evaluatorQuality').deducted).toBe(3.5);
    expect(s.rates.find((r) => r.rate === 'evaluatorAccuracy')).toMatchObject({ numerator: 93, denominator: 100, percent: 93 });
    expect(block(s, 'evaluatorQuality').lines[0].causeCount).toBe(7);
  });

  it('31 late arrivals (15.5 points) are capped at the block’s 15', () => {
    const s = score(times(31, (i) => fact.arrival(`INC-${i}`, day(i + 1), true)));
    expect(block(s, 'responderQuality').uncapped).toBe(15.5);
    expect(block(s, 'responderQuality').deducted).toBe(15);
    expect(s.total).toBe(85);
  });

  it('two faults unrepaired after 9 h cost 2; one repaired within 7 h costs nothing', () => {
    const asOf = Date.parse(day(12, '19:00:00'));
    const s = score(
      [
        fact.fault('F-1', day(12, '10:00:00'), null), // open 9 h at 19:00
        fact.fault('F-2', day(12, '10:00:00'), null),
        fact.fault('F-3', day(12, '08:00:00'), day(12, '15:00:00')), // repaired in 7 h
      ],
      DEFAULT_SETTINGS,
      asOf,
    );
    expect(block(s, 'logistics').deducted).toBe(2);
    expect(block(s, 'logistics').lines[0].causes.map((c) => c.id)).toEqual(['F-1', 'F-2']);
    // At 17:00 the open ones are only 7 h old: nothing yet.
    const earlier = score([fact.fault('F-1', day(12, '10:00:00'), null)], DEFAULT_SETTINGS, Date.parse(day(12, '17:00:00')));
    expect(block(earlier, 'logistics').deducted).toBe(0);
  });

  it('manual deductions keep every revision and count only the latest; a withdrawn one counts nothing', () => {
    const s = score([
      fact.manual('D-1', day(4), 'responderQuality', 5, 1),
      fact.manual('D-1', day(4), 'responderQuality', 8, 2),
      fact.manual('D-2', day(6), 'logistics', 3, 1),
      fact.manual('D-2', day(6), 'logistics', 3, 2, true),
    ]);
    const line = block(s, 'responderQuality').lines[0];
    expect(line).toMatchObject({ rule: 'responder.serious', points: 8, revisions: 2 });
    expect(line.causes.map((c) => c.detail.points)).toEqual([5, 8]);
    expect(block(s, 'logistics').deducted).toBe(0);
    expect(s.total).toBe(92);
  });
});

describe('month boundaries follow Beijing time', () => {
  it('23:59:59 on the last day and 00:00:00 on the first day of the next fall in different months', () => {
    const last = fact.arrival('INC-last', '2025-03-31T23:59:59+08:00', true);
    const first = fact.arrival('INC-first', '2025-04-01T00:00:00+08:00', true);
    const march = score([last, first]);
    expect(block(march, 'responderQuality').lines[0].causes.map((c) => c.id)).toEqual(['INC-last']);
    const april = scoreFacts('2025-04', [last, first], DEFAULT_SETTINGS, { asOf: Date.parse('2025-05-01T00:00:00+08:00') });
    expect(block(april, 'responderQuality').lines[0].causes.map((c) => c.id)).toEqual(['INC-first']);
    // In UTC both are on 31 March: 15:59:59Z and 16:00:00Z.
    expect(new Date(first.at).toISOString()).toBe('2025-03-31T16:00:00.000Z');
  });
});

describe('termination risk', () => {
  const series = (totals: number[], from = '2024-09') => {
    const [y, m] = from.split('-').map(Number);
    return totals.map((total, i) => {
      const k = y * 12 + m - 1 + i;
      return { month: `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`, total, closed: true };
    });
  };

  it('84, 83, 80: three consecutive months below 85 trigger termination; after two, one more would', () => {
    const two = terminationRisk('2024-10', series([84, 83]), DEFAULT_SETTINGS);
    expect(two).toMatchObject({ consecutiveBelow: 2, triggered: { consecutive: false }, oneMoreBadMonth: { consecutive: true } });
    const three = terminationRisk('2024-11', series([84, 83, 80]), DEFAULT_SETTINGS);
    expect(three).toMatchObject({ consecutiveBelow: 3, monthsBelowInYear: 3, triggered: { consecutive: true, year: false } });
  });

  it('84, 90, 84, 90, 84, 90, 84: the fourth month below 85 in the contract year triggers it', () => {
    const totals = [84, 90, 84, 90, 84, 90, 84];
    const sixth = terminationRisk('2025-02', series(totals.slice(0, 6)), DEFAULT_SETTINGS);
    expect(sixth).toMatchObject({ monthsBelowInYear: 3, triggered: { year: false }, oneMoreBadMonth: { year: true, consecutive: false } });
    const seventh = terminationRisk('2025-03', series(totals), DEFAULT_SETTINGS);
    expect(seventh).toMatchObject({ consecutiveBelow: 1, monthsBelowInYear: 4, triggered: { consecutive: false, year: true } });
  });

  it('counts only the contract year (the service period): a renewal starts from zero', () => {
    const renewed = { ...DEFAULT_SETTINGS, servicePeriods: [...DEFAULT_SETTINGS.servicePeriods, { start: '2025-09-20', end: '2026-09-19' }] };
    // 2025-09 opens with 19 days of the first period: it is still the first contract year.
    const september = terminationRisk('2025-09', series([84, 84, 90, 84, 90, 90, 90, 90, 90, 90, 90, 90, 90]), renewed);
    expect(september.contractYear).toMatchObject({ index: 0, firstMonth: '2024-09', lastMonth: '2025-09' });
    expect(september.monthsBelowInYear).toBe(3);
    const october = terminationRisk('2025-10', series([84, 84, 90, 84, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90]), renewed);
    expect(october.contractYear).toMatchObject({ index: 1, firstMonth: '2025-10', lastMonth: '2026-09' });
    // The renewal's year starts with 2025-10 (2025-09 belongs to the first year).
    expect(october.months.map((m) => m.month)).toEqual(['2025-10']);
    expect(october.monthsBelowInYear).toBe(0);
  });

  it('a month score carries its own risk: an open month is judged by its projection', () => {
    const history = series([84, 83], '2025-01').map((m) => {
      const fee = monthFee(m.total, DEFAULT_SETTINGS);
      return { ...m, fee: fee.paid, feeFen: fee.paidFen, baseFen: fee.baseFen };
    });
    // By the end of the 10th, 8 late arrivals (4 points) → pace 4 × 31 / 10 = 12.4 → projection 87.6: not at or below 85.
    const asOf = Date.parse('2025-03-11T00:00:00+08:00');
    const s = scoreFacts(MONTH, [...fullTeamBefore(), ...times(8, (i) => fact.arrival(`I${i}`, day(i + 1), true))], DEFAULT_SETTINGS, { asOf, history });
    expect(s.total).toBe(96);
    expect(s.projection.total).toBe(87.6);
    expect(s.termination).toMatchObject({ consecutiveBelow: 0, warning: false, oneMoreBadMonth: { consecutive: false } });
    // One wrong report more at the same pace tips the projection below 85: the warning and the trigger.
    const worse = scoreFacts(
      MONTH,
      [...fullTeamBefore(), ...times(10, (i) => fact.arrival(`I${i}`, day(i + 1), true)), fact.evaluatorReport('R', day(3), false)],
      DEFAULT_SETTINGS,
      { asOf, history },
    );
    // 10 late: 5 × 3.1 = 15.5 → capped 15; 0.5 × 3.1 = 1.55 → projection 100 − 15 − 1.55 = 83.45
    expect(worse.projection.total).toBe(83.45);
    expect(worse.termination).toMatchObject({ consecutiveBelow: 3, warning: true, triggered: { consecutive: true } });
    // The quarter adds the months' rounded bases: 3 × 168,333.33 = 504,999.99 (not 505,000 rounded once).
    expect(worse.quarter).toMatchObject({ quarter: '2025-Q1', base: 504_999.99 });
  });
});
