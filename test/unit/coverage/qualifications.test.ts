import { describe, expect, it } from 'vitest';
import { ageOn, coverageDay, qualificationIssues } from '../../../shared/coverage';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { member, team } from './roster-member.factory';

describe('post requirements', () => {
  it('a seat needs 大专 or above', () => {
    expect(qualificationIssues(member('seat', { education: 'college' }), '2025-03-03')).toEqual([]);
    expect(qualificationIssues(member('seat', { education: 'secondary' }), '2025-03-03')).toEqual(['education_below_college']);
    expect(qualificationIssues(member('seat', { education: null }), '2025-03-03')).toEqual(['education_unknown']);
  });

  it('a seat must be under 35: flagged from the 35th birthday on', () => {
    const seat = member('seat', { birthDate: '1990-03-04' });
    expect(qualificationIssues(seat, '2025-03-03')).toEqual([]);
    expect(qualificationIssues(seat, '2025-03-04')).toEqual(['age_35_or_over']);
    expect(ageOn('1990-03-04', '2025-03-03')).toBe(34);
  });

  it('a responder must be male with a driving licence', () => {
    expect(qualificationIssues(member('responder'), '2025-03-03')).toEqual([]);
    expect(qualificationIssues(member('responder', { gender: 'female', drivingLicence: false }), '2025-03-03')).toEqual(['not_male', 'no_driving_licence']);
  });

  it('evaluators have no personal requirement', () => {
    expect(qualificationIssues(member('evaluator', { gender: 'female', education: 'none' }), '2025-03-03')).toEqual([]);
  });
});

describe('team-level flags in the day report', () => {
  it('flags a seat team without a law graduate', () => {
    expect(coverageDay('2025-03-03', team({ seat: 17 }, false), [], DEFAULT_SETTINGS).lawGraduateOnTeam).toBe(false);
    expect(coverageDay('2025-03-03', team({ seat: 17 }, true), [], DEFAULT_SETTINGS).lawGraduateOnTeam).toBe(true);
  });

  it('a law graduate who has left no longer counts', () => {
    const seats = team({ seat: 17 }, false);
    seats.push(member('seat', { lawDegree: true, leaveDate: '2025-03-03' }));
    expect(coverageDay('2025-03-03', seats, [], DEFAULT_SETTINGS).lawGraduateOnTeam).toBe(false);
  });

  it('lists unqualified members present that day', () => {
    const seats = [...team({ seat: 16 }), member('seat', { name: '王五', education: 'secondary' })];
    const report = coverageDay('2025-03-03', seats, [], DEFAULT_SETTINGS);
    expect(report.unqualified).toEqual([expect.objectContaining({ name: '王五', post: 'seat', detail: ['education_below_college'] })]);
  });
});
