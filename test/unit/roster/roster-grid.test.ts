import { describe, expect, it } from 'vitest';
import { coverageForecast, daysBetween, type RosterWeekView, type Shift } from '../../../shared/coverage';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { rosterGrid } from '../../../client/src/views/roster/roster-grid';
import { member, team } from '../coverage/roster-member.factory';

const shift = (staffId: string, start: string, end: string): Shift => ({
  id: `SH-${staffId}-${start}`,
  staffId,
  start,
  end,
  source: 'manual',
  updatedAt: start,
  version: 1,
});

describe('roster grid', () => {
  it('puts shifts in the day they start, flags unqualified people and marks short days red', () => {
    const members = [...team({ seat: 16, responder: 4, evaluator: 3 }), member('seat', { name: '老王', birthDate: '1980-01-01' })];
    members[0].leaveDate = '2025-03-12'; // from Wednesday 16 seats: short
    const seat = members[1];
    const shifts = [shift(seat.id, '2025-03-10T08:00:00.000Z', '2025-03-10T16:00:00.000Z')]; // 16:00–00:00 Monday
    const days = daysBetween('2025-03-10', 7);
    const week: RosterWeekView = {
      days,
      members: members.map((m) => ({ ...m, issues: m.name === '老王' ? ['age_35_or_over'] : [], profileVersion: 1 })),
      shifts,
      forecast: coverageForecast(days, members, shifts, DEFAULT_SETTINGS),
    };
    const seats = rosterGrid(week, 'Asia/Shanghai').find((s) => s.post === 'seat')!;
    const row = seats.rows.find((r) => r.member.id === seat.id)!;
    expect(row.cells[0].map((c) => c.label)).toEqual(['16:00–00:00']);
    expect(row.cells.slice(1).every((c) => c.length === 0)).toBe(true);
    expect(seats.rows.find((r) => r.member.name === '老王')!.flags).toEqual(['age_35_or_over']);
    expect(seats.days.map((d) => d.short)).toEqual([false, false, true, true, true, true, true]);
    expect(seats.rows.find((r) => r.member.id === members[0].id)!.outside.slice(0, 3)).toEqual([false, false, true]);
  });
});
