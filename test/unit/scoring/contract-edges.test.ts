import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ContractSettings } from '../../../shared/settings';
import {
  createFactDeriver,
  monthFee,
  quarterToDate,
  scoreFacts,
  terminationRisk,
  type BlockId,
  type MonthScore,
  type ScoreFact,
} from '../../../shared/scoring';
import type { EventEnvelope } from '../../../shared/events';
import { fact, fullTeamBefore, times } from './score-facts.factory';

// The contract at the month's edges (contract-rules.md §1 and §5, issue #10), each figure worked
// out by hand in the comment beside it. Money is checked to the fen.
const block = (s: MonthScore, id: BlockId) => s.blocks.find((b) => b.block === id)!;
const endOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return Date.parse(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`);
};
const scoreMonth = (month: string, facts: ScoreFact[], settings: ContractSettings = DEFAULT_SETTINGS, asOf = endOf(month)) =>
  scoreFacts(month, facts, settings, { asOf });

describe('service period and partial months', () => {
  it('September 2024: a team hired on the 20th loses nothing for the 19 days before the contract, and is paid 11/30', () => {
    // The staff records know nobody until the 20th: before the fix the 1st–19th were 19 short days per post (capped at 20).
    const s = scoreMonth('2024-09', [
      fact.headcount('seat', '2024-09-01T00:00:00+08:00', 0),
      fact.headcount('responder', '2024-09-01T00:00:00+08:00', 0),
      fact.headcount('evaluator', '2024-09-01T00:00:00+08:00', 0),
      ...fullTeamBefore('2024-09-20T08:00:00+08:00'),
    ]);
    expect(block(s, 'staffing').deducted).toBe(0);
    expect(s.total).toBe(100);
    // 2,020,000 / 12 × 11 / 30 = 61,722.222… → 61,722.22
    expect(s.fee).toMatchObject({ base: 61_722.22, paid: 61_722.22, deducted: 0, serviceDays: 11, monthDays: 30 });
  });

  it('a late arrival before the service period starts costs nothing; the same on the 20th costs 0.5', () => {
    const before = scoreMonth('2024-09', [...fullTeamBefore('2024-09-01T00:00:00+08:00'), fact.arrival('INC-1', '2024-09-19T10:00:00+08:00', true)]);
    expect(before.total).toBe(100);
    const inside = scoreMonth('2024-09', [...fullTeamBefore('2024-09-01T00:00:00+08:00'), fact.arrival('INC-1', '2024-09-20T10:00:00+08:00', true)]);
    expect(inside.total).toBe(99.5);
    // 2,020,000 × 99.5 % × 11 / 360 = 61,413.61 (61,413.611…)
    expect(inside.fee.paid).toBe(61_413.61);
  });

  it('September 2025 is paid 19/30 and the two partial Septembers add up to one month', () => {
    const sept25 = scoreMonth('2025-09', fullTeamBefore('2025-08-01T00:00:00+08:00'));
    // 2,020,000 / 12 × 19 / 30 = 106,611.111… → 106,611.11
    expect(sept25.fee).toMatchObject({ base: 106_611.11, paid: 106_611.11, serviceDays: 19 });
    // 61,722.22 + 106,611.11 = 168,333.33: the year pays 13 calendar months of exactly 12 months' price.
    expect(monthFee(100, DEFAULT_SETTINGS, { serviceDays: 11, monthDays: 30 }).paidFen + sept25.fee.paidFen).toBe(16_833_333);
  });

  it('a month wholly outside the service period earns nothing and is in no termination count', () => {
    const s = scoreMonth('2025-11', [fact.arrival('INC-1', '2025-11-10T10:00:00+08:00', true)]);
    expect(s.total).toBe(100);
    expect(s.fee).toMatchObject({ base: 0, paid: 0, serviceDays: 0 });
  });

  it('contract months (20th → 19th) are a setting: 2024-09 is then 2024-09-20 … 2024-10-19, fully paid', () => {
    const settings: ContractSettings = { ...DEFAULT_SETTINGS, assessmentMonth: 'contract' };
    const facts = [
      ...fullTeamBefore('2024-09-01T00:00:00+08:00'),
      fact.arrival('INC-1', '2024-10-19T23:00:00+08:00', true),
      fact.arrival('INC-2', '2024-10-20T01:00:00+08:00', true),
    ];
    const s = scoreFacts('2024-09', facts, settings, { asOf: Date.parse('2024-10-20T00:00:00+08:00') });
    // INC-1 (19 Oct) is in the contract month, INC-2 (20 Oct) in the next one.
    expect(block(s, 'responderQuality').lines[0].causes.map((c) => c.id)).toEqual(['INC-1']);
    expect(s.fee).toMatchObject({ serviceDays: 30, monthDays: 30, base: 168_333.33 });
  });
});

describe('fee arithmetic in fen', () => {
  it('a perfect quarter shows 0.00 deducted (3 × 168,333.33 = 504,999.99 paid of 504,999.99)', () => {
    const months = ['2025-01', '2025-02', '2025-03'].map((month) => {
      const fee = monthFee(100, DEFAULT_SETTINGS);
      return { month, total: 100, fee: fee.paid, feeFen: fee.paidFen, baseFen: fee.baseFen, closed: true };
    });
    const q = quarterToDate(months[2], months.slice(0, 2));
    expect(q).toMatchObject({ quarter: '2025-Q1', base: 504_999.99, paid: 504_999.99, deducted: 0, deductedFen: 0 });
  });

  it('rounds once, half up by default: 168,333.333… × 85.25 % = 143,504.166… → 143,504.17; half-even is a setting', () => {
    expect(monthFee(85.25, DEFAULT_SETTINGS).paid).toBe(143_504.17);
    // 2,020,000 × 99.99 % / 12 = 168,316.50 exactly: no rounding at all.
    expect(monthFee(99.99, DEFAULT_SETTINGS).paidFen).toBe(16_831_650);
    // A true tie: annual 1.20 CNY → 0.10 a month; at 5 % that is 0.5 fen: half-up 1 fen, half-even 0 fen.
    const tiny = { ...DEFAULT_SETTINGS, annualPrice: 1.2 };
    expect(monthFee(5, tiny).paidFen).toBe(1);
    expect(monthFee(5, { ...tiny, feeRounding: 'half_even' }).paidFen).toBe(0);
  });
});

describe('termination at 85 inclusive', () => {
  const months = (totals: number[]) => totals.map((total, i) => ({ month: `2024-${String(10 + i).padStart(2, '0')}`, total, closed: true }));

  it('three months at exactly 85.00 trigger termination ("85 分以下" includes 85)', () => {
    const risk = terminationRisk('2024-12', months([85, 85, 85]), DEFAULT_SETTINGS);
    expect(risk).toMatchObject({ consecutiveBelow: 3, triggered: { consecutive: true }, warning: true });
  });

  it('85.01 is safe; 85.00 after two at 85 is the third', () => {
    expect(terminationRisk('2024-12', months([85, 85, 85.01]), DEFAULT_SETTINGS)).toMatchObject({ consecutiveBelow: 0, warning: false });
    expect(terminationRisk('2024-11', months([85, 85]), DEFAULT_SETTINGS)).toMatchObject({ consecutiveBelow: 2, oneMoreBadMonth: { consecutive: true } });
  });

  it('September 2025 is still in the first contract year (the service period ends 2025-09-19)', () => {
    const risk = terminationRisk('2025-09', [{ month: '2025-09', total: 85, closed: true }], DEFAULT_SETTINGS);
    expect(risk.contractYear).toMatchObject({ index: 0, firstMonth: '2024-09', lastMonth: '2025-09' });
  });

  it('the engine itself: 15 late incidents (7.5) and 15 wrong reports (7.5) make exactly 85.00, at the threshold', () => {
    const s = scoreMonth('2025-03', [
      ...fullTeamBefore(),
      ...times(15, (i) => fact.arrival(`INC-${i}`, `2025-03-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`, true)),
      ...times(15, (i) => fact.evaluatorReport(`R-${i}`, `2025-03-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`, false)),
    ]);
    expect(s.total).toBe(85);
    expect(s.termination.warning).toBe(true);
    // 168,333.33 × 85 % = 143,083.33 (143,083.333…)
    expect(s.fee.paid).toBe(143_083.33);
  });
});

describe('responders in full', () => {
  const deadline = '2025-03-10T10:15:00+08:00';

  it('an incident nobody reaches is late once its deadline passes: 0.5 from 10:15:00.001, not before', () => {
    const facts = [...fullTeamBefore(), fact.incident('INC-1', deadline, null)];
    expect(scoreMonth('2025-03', facts, DEFAULT_SETTINGS, Date.parse(deadline)).total).toBe(100);
    const after = scoreMonth('2025-03', facts, DEFAULT_SETTINGS, Date.parse(deadline) + 1);
    expect(after.total).toBe(99.5);
    expect(block(after, 'responderQuality').lines[0].causes[0]).toMatchObject({ what: 'neverArrived', id: 'INC-1', detail: { arrivedAt: null } });
  });

  it('a reassignment does not restart the clock: first deadline 10:15, second 10:40, arrival 10:30 is late', () => {
    const facts = [...fullTeamBefore(), fact.incident('INC-1', deadline, '2025-03-10T10:30:00+08:00', '2025-03-10T10:40:00+08:00')];
    expect(scoreMonth('2025-03', facts).total).toBe(99.5);
    // With the per-dispatch reading (a setting) the same arrival is on time.
    expect(scoreMonth('2025-03', facts, { ...DEFAULT_SETTINGS, arrivalDeadlineFrom: 'each_dispatch' }).total).toBe(100);
  });

  it('from the log: dispatch, reassign, arrive — the deriver keeps the first dispatch’s deadline', () => {
    const deriver = createFactDeriver();
    const incident = (arrivalDeadline: string, arrivedAt: string | null) => ({ id: 'INC-9', arrivalDeadline, arrivedAt });
    const env = (type: string, payload: unknown, at: string) =>
      ({ seq: 1, type, payload, at, actor: 'lead1', entityType: 'incident', entityId: 'INC-9' }) as EventEnvelope;
    deriver.derive(env('incident.dispatched', { incident: incident('2025-03-10T02:15:00.000Z', null) }, '2025-03-10T02:00:00.000Z'));
    deriver.derive(env('incident.dispatched', { incident: incident('2025-03-10T02:40:00.000Z', null) }, '2025-03-10T02:20:00.000Z'));
    const [arrived] = deriver.derive(
      env('incident.arrived', { incident: incident('2025-03-10T02:40:00.000Z', '2025-03-10T02:30:00.000Z') }, '2025-03-10T02:30:00.000Z'),
    );
    expect(arrived).toMatchObject({
      kind: 'incident',
      firstDeadline: Date.parse('2025-03-10T02:15:00.000Z'),
      lastDeadline: Date.parse('2025-03-10T02:40:00.000Z'),
    });
  });

  it('a deadline at 23:50 on the 31st with the responder arriving at 00:05 counts in March, once', () => {
    const facts = [...fullTeamBefore(), fact.incident('INC-1', '2025-03-31T23:50:00+08:00', '2025-04-01T00:05:00+08:00')];
    expect(scoreMonth('2025-03', facts).total).toBe(99.5);
    expect(scoreFacts('2025-04', facts, DEFAULT_SETTINGS, { asOf: endOf('2025-04') }).total).toBe(100);
  });
});

describe('dispatch accuracy: a judgment counts in the dispatch’s month', () => {
  it('a dispatch made on 28 February and judged wrong on 3 March lowers February, not March', () => {
    const deriver = createFactDeriver();
    const order = { id: 'WO-1', dispatchCount: 1, timestamps: {} };
    const env = (type: string, payload: unknown, at: string) =>
      ({ seq: 1, type, payload, at, actor: 'manager', entityType: 'workOrder', entityId: 'WO-1' }) as EventEnvelope;
    const facts = [
      ...fullTeamBefore('2025-01-20T00:00:00+08:00'),
      ...deriver.derive(env('workOrder.dispatched', { workOrder: order }, '2025-02-28T02:00:00.000Z')),
      ...deriver.derive(
        env(
          'workOrder.dispatchJudgedWrong',
          { workOrder: order, dispatchNumber: 1, reason: '应派住建局', dispatchedAt: '2025-02-28T02:00:00.000Z' },
          '2025-03-03T02:00:00.000Z',
        ),
      ),
    ];
    // February: 0 of 1 dispatch correct = 0 % → 98 points below × 0.5 = 49 → capped at 15.
    expect(block(scoreMonth('2025-02', facts), 'dispatchAccuracy').deducted).toBe(15);
    // March has no dispatch and no judgment: before the fix the stray judgment cost the whole 15.
    expect(block(scoreMonth('2025-03', facts), 'dispatchAccuracy').deducted).toBe(0);
  });
});

describe('manual points are validated by the engine', () => {
  it('a deduction of −5 (score 105) or 20 on a 5–15 block is refused by the engine, never counted', () => {
    const s = scoreMonth('2025-03', [
      ...fullTeamBefore(),
      fact.manual('D-1', '2025-03-05T10:00:00+08:00', 'responderQuality', -5),
      fact.manual('D-2', '2025-03-06T10:00:00+08:00', 'evaluatorQuality', 20),
      fact.manual('D-3', '2025-03-07T10:00:00+08:00', 'logistics', 2.5),
    ]);
    // Only D-3 (2.5 within 1–10) counts.
    expect(s.total).toBe(97.5);
    expect(s.total).toBeLessThanOrEqual(100);
  });
});
