import { describe, expect, it } from 'vitest';
import { coverageForecast, daysBetween, staffingDays, teamHeadcounts } from '../../../shared/coverage';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { member, team } from './roster-member.factory';

const MONDAY = '2025-03-03';
const shortOf = (rows: ReturnType<typeof staffingDays>, post: string) => rows.find((r) => r.post === post)!;

describe('98 % rule on team headcount', () => {
  it('17 → 16 seats is short, 4 → 3 responders is short, 3 evaluators are not', () => {
    const full = staffingDays(team({ seat: 17, responder: 4, evaluator: 3 }), [MONDAY], DEFAULT_SETTINGS);
    expect(full.every((r) => !r.short)).toBe(true);

    const lessened = staffingDays(team({ seat: 16, responder: 3, evaluator: 3 }), [MONDAY], DEFAULT_SETTINGS);
    expect(shortOf(lessened, 'seat')).toMatchObject({ headcount: 16, minimum: 17, short: true });
    expect(shortOf(lessened, 'responder')).toMatchObject({ headcount: 3, minimum: 4, short: true });
    expect(shortOf(lessened, 'evaluator')).toMatchObject({ headcount: 3, minimum: 3, short: false });
  });

  it('2 evaluators of 3 are short', () => {
    const rows = staffingDays(team({ evaluator: 2 }), [MONDAY], DEFAULT_SETTINGS);
    expect(shortOf(rows, 'evaluator').short).toBe(true);
  });

  it('the threshold is a setting: at 90 % 16 seats of 17 pass', () => {
    const rows = staffingDays(team({ seat: 16 }), [MONDAY], { ...DEFAULT_SETTINGS, staffingThreshold: 0.9 });
    expect(shortOf(rows, 'seat').short).toBe(false);
  });

  it('counts a member from the hire date and up to the day before the leave date', () => {
    const members = [member('responder', { hireDate: '2025-03-04', leaveDate: '2025-03-06' })];
    const rows = teamHeadcounts(members, daysBetween(MONDAY, 4), DEFAULT_SETTINGS).filter((r) => r.post === 'responder');
    expect(rows.map((r) => r.headcount)).toEqual([0, 1, 1, 0]);
  });

  it('an inactive member without a leave date never counts', () => {
    const rows = teamHeadcounts([member('seat', { active: false })], [MONDAY], DEFAULT_SETTINGS);
    expect(rows.find((r) => r.post === 'seat')!.headcount).toBe(0);
  });
});

describe('replacement requested by the Center', () => {
  /** 17 seats, the first of whom the Center asks to replace on Monday 2025-03-03. */
  function replaced(fulfilledOn: string | null) {
    const members = team({ seat: 17, responder: 4, evaluator: 3 });
    const old = members[1];
    old.replacementRequestedOn = MONDAY;
    if (fulfilledOn) {
      old.replacementFulfilledOn = fulfilledOn;
      old.leaveDate = fulfilledOn;
      members.push(member('seat', { hireDate: fulfilledOn }));
    }
    return coverageForecast(daysBetween(MONDAY, 10), members, [], DEFAULT_SETTINGS);
  }

  it('requested Monday and fulfilled Thursday costs nothing', () => {
    expect(replaced('2025-03-06').costlyDays).toEqual([]);
  });

  it('fulfilled the next Monday costs Friday, Saturday and Sunday (from the 4th day on)', () => {
    const f = replaced('2025-03-10');
    expect(f.costlyDays.map((d) => d.day)).toEqual(['2025-03-07', '2025-03-08', '2025-03-09']);
    expect(f.costlyDays.every((d) => d.posts.join() === 'seat' && d.points === 2)).toBe(true);
    expect(f.totalPoints).toBe(6);
    const friday = f.days.find((d) => d.day === '2025-03-07')!;
    expect(friday.replacementsOverdue).toHaveLength(1);
    expect(friday.replacementsOverdue[0].detail).toBe('2025-03-07');
  });

  it('never fulfilled keeps costing every day from the 4th', () => {
    const f = replaced(null);
    expect(f.costlyDays[0].day).toBe('2025-03-07');
    expect(f.costlyDays).toHaveLength(6);
  });

  it('the grace period is a setting', () => {
    const members = team({ seat: 17 });
    members[0].replacementRequestedOn = MONDAY;
    const rows = staffingDays(members, daysBetween(MONDAY, 3), { ...DEFAULT_SETTINGS, replacementGraceDays: 1 });
    expect(rows.filter((r) => r.post === 'seat').map((r) => r.short)).toEqual([false, false, true]);
  });
});
