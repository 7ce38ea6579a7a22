import { describe, expect, it } from 'vitest';
import { coverageDay, evaluatorPatternOnDay, postIndex, type DutyInterval } from '../../../shared/coverage';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { team } from './roster-member.factory';

const TUESDAY = '2025-03-04';
const THURSDAY = '2025-03-06';
const evaluators = team({ evaluator: 3 });
const postOf = postIndex(evaluators);
/** 10:00–20:00 Beijing time on `day` for the given evaluators. */
const workday = (day: string, n: number): DutyInterval[] =>
  evaluators.slice(0, n).map((m) => ({ staffId: m.id, start: `${day}T10:00:00+08:00`, end: `${day}T20:00:00+08:00` }));

describe('evaluator pattern: Mon–Wed all, Thu–Sun at least one', () => {
  it('flags a Thursday with no evaluator on duty', () => {
    const check = evaluatorPatternOnDay(THURSDAY, [], postOf, DEFAULT_SETTINGS);
    expect(check).toMatchObject({ required: 1, onDuty: 0, violated: true });
  });

  it('accepts a Thursday with one evaluator on duty', () => {
    expect(evaluatorPatternOnDay(THURSDAY, workday(THURSDAY, 1), postOf, DEFAULT_SETTINGS).violated).toBe(false);
  });

  it('flags a Tuesday with 2 of 3 on duty and accepts it with all 3', () => {
    const two = evaluatorPatternOnDay(TUESDAY, workday(TUESDAY, 2), postOf, DEFAULT_SETTINGS);
    expect(two).toMatchObject({ required: 3, onDuty: 2, violated: true });
    expect(evaluatorPatternOnDay(TUESDAY, workday(TUESDAY, 3), postOf, DEFAULT_SETTINGS).violated).toBe(false);
  });

  it('a shift outside working hours does not count (evening of Monday is not Tuesday)', () => {
    const late: DutyInterval[] = evaluators.map((m) => ({
      staffId: m.id,
      start: '2025-03-04T20:00:00+08:00',
      end: '2025-03-04T23:00:00+08:00',
    }));
    expect(evaluatorPatternOnDay(TUESDAY, late, postOf, DEFAULT_SETTINGS).onDuty).toBe(0);
  });

  it('shows in the day report as a flag, without costing points when the team is complete', () => {
    const report = coverageDay(TUESDAY, [...team({ seat: 17, responder: 4 }), ...evaluators], workday(TUESDAY, 2), DEFAULT_SETTINGS);
    expect(report.evaluatorPattern.violated).toBe(true);
    expect(report.points).toBe(0);
    expect(report.dutyGaps.some((g) => g.post === 'evaluator' && g.onDuty === 2 && g.minimum === 3)).toBe(true);
  });
});
