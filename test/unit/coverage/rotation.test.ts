import { describe, expect, it } from 'vitest';
import { coverageForecast, daysBetween, generateRotation, type RosterMember, type ShiftDraft } from '../../../shared/coverage';
import type { Post } from '../../../shared/domain/staff';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { team } from './roster-member.factory';

/** Generate from the day before the window so the first night is covered by yesterday's shifts. */
function schedule(members: RosterMember[], from: string, days: number): ShiftDraft[] {
  const posts: Post[] = ['seat', 'responder', 'evaluator'];
  return posts.flatMap((p) =>
    generateRotation(
      p,
      members.filter((m) => m.post === p).map((m) => m.id),
      from,
      days,
      DEFAULT_SETTINGS,
    ),
  );
}
const asIntervals = (s: ShiftDraft[]) => s.map((x) => ({ ...x, end: x.end }));

describe('rotation patterns', () => {
  it('the contract team on the generated rotation has no gap and no flag for two weeks', () => {
    const members = team({ seat: 17, responder: 4, evaluator: 3 });
    const shifts = schedule(members, '2025-03-02', 16);
    const f = coverageForecast(daysBetween('2025-03-03', 14), members, asIntervals(shifts), DEFAULT_SETTINGS);
    expect(f.days.flatMap((d) => d.dutyGaps)).toEqual([]);
    expect(f.days.filter((d) => d.evaluatorPattern.violated)).toEqual([]);
    expect(f.totalPoints).toBe(0);
  });

  it('responders work 24 h on and 72 h off', () => {
    const [r] = team({ responder: 1 });
    const shifts = generateRotation('responder', [r.id], '2025-03-03', 12, DEFAULT_SETTINGS);
    expect(shifts).toHaveLength(3);
    const starts = shifts.map((s) => Date.parse(s.start));
    expect(starts[1] - starts[0]).toBe(96 * 3_600_000);
    expect(Date.parse(shifts[0].end) - starts[0]).toBe(24 * 3_600_000);
  });

  it('seats work three shifts, 5 days a week each', () => {
    const seats = team({ seat: 17 });
    const shifts = generateRotation(
      'seat',
      seats.map((s) => s.id),
      '2025-03-03',
      7,
      DEFAULT_SETTINGS,
    );
    const hours = new Set(shifts.map((s) => new Date(s.start).getUTCHours()));
    expect(hours).toEqual(new Set([0, 8, 16])); // 08:00, 16:00, 00:00 Beijing
    for (const s of seats) expect(shifts.filter((x) => x.staffId === s.id)).toHaveLength(5);
  });

  it('evaluators: all three Mon–Wed, exactly one Thu–Sun, taking turns', () => {
    const ev = team({ evaluator: 3 });
    const shifts = generateRotation(
      'evaluator',
      ev.map((e) => e.id),
      '2025-03-03',
      7,
      DEFAULT_SETTINGS,
    );
    const perDay = (d: string) => shifts.filter((s) => s.start.startsWith(d));
    expect(perDay('2025-03-04')).toHaveLength(3);
    expect(perDay('2025-03-06')).toHaveLength(1);
    const weekendIds = ['2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09'].map((d) => perDay(d)[0].staffId);
    expect(new Set(weekendIds).size).toBe(3);
  });

  it('three responders on the rotation leave a whole day uncovered every fourth day', () => {
    const members = team({ responder: 3 });
    const shifts = schedule(members, '2025-03-02', 9);
    const f = coverageForecast(daysBetween('2025-03-03', 8), members, asIntervals(shifts), DEFAULT_SETTINGS);
    const responderGapHours = f.days
      .flatMap((d) => d.dutyGaps)
      .filter((g) => g.post === 'responder')
      .reduce((h, g) => h + (Date.parse(g.end) - Date.parse(g.start)) / 3_600_000, 0);
    expect(responderGapHours).toBe(48);
    expect(f.costlyDays.every((d) => d.posts.includes('responder'))).toBe(true);
  });
});

describe('shifts of people outside the team', () => {
  it('a shift planned for a responder who has left covers nothing', () => {
    const members = team({ responder: 4 });
    const shifts = schedule(members, '2025-03-02', 9);
    members[1].leaveDate = '2025-03-05';
    const f = coverageForecast(daysBetween('2025-03-03', 7), members, asIntervals(shifts), DEFAULT_SETTINGS);
    const left = f.days.flatMap((d) => d.dutyGaps).filter((g) => g.post === 'responder');
    // Their next duty (every 4th day) is now a 24-hour hole.
    expect(left.reduce((h, g) => h + (Date.parse(g.end) - Date.parse(g.start)) / 3_600_000, 0)).toBe(24);
  });
});
