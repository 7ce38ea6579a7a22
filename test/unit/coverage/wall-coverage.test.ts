import { describe, expect, it } from 'vitest';
import { wallCoverage, wallStrip, type CoverageNowView } from '../../../shared/coverage';
import type { Staff } from '../../../shared/domain/staff';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const NOW = Date.parse('2025-03-10T02:30:00Z'); // 10:30 Beijing, Monday
const staff = (id: string, post: Staff['post'], onDuty: boolean, active = true): Staff => ({
  id,
  name: id,
  post,
  onDuty,
  active,
  updatedAt: '2025-03-10T00:00:00Z',
  version: 1,
});
const board = [...Array.from({ length: 17 }, (_, i) => staff(`S${i}`, 'seat', i < 3)), staff('R1', 'responder', true), staff('E1', 'evaluator', false)];
const view: CoverageNowView = {
  at: new Date(NOW).toISOString(),
  day: '2025-03-10',
  posts: [
    { post: 'seat', onDuty: 9, minimum: 4, headcount: 16, team: 17, teamShort: true },
    { post: 'responder', onDuty: 9, minimum: 1, headcount: 4, team: 4, teamShort: false },
    { post: 'evaluator', onDuty: 9, minimum: 3, headcount: 3, team: 3, teamShort: false },
  ],
  strip: [{ start: '2025-03-10T01:00:00.000Z', short: ['evaluator'] }],
  lawGraduateOnTeam: true,
  costlyDays: [],
};

describe('wall coverage panel data', () => {
  it('team headcount comes from the engine (an overdue replacement counts missing), on duty from the live board', () => {
    const seat = wallCoverage(view, board, NOW, DEFAULT_SETTINGS).find((c) => c.post === 'seat')!;
    expect(seat).toMatchObject({ onDuty: 3, minimum: 4, headcount: 16, team: 17, teamShort: true, source: 'engine' });
  });

  it('before the engine answers it shows the active staff count, marked as such', () => {
    const seat = wallCoverage(null, board, NOW, DEFAULT_SETTINGS).find((c) => c.post === 'seat')!;
    expect(seat).toMatchObject({ headcount: 17, teamShort: false, source: 'board' });
  });

  it('the strip keeps logged hours and adds live shortfalls to the hour in progress', () => {
    const live = wallCoverage(view, board, NOW, DEFAULT_SETTINGS);
    const strip = wallStrip(view, live, NOW);
    expect(strip).toHaveLength(24);
    expect(strip[0].short).toBeNull();
    expect(strip[22]).toEqual({ start: Date.parse('2025-03-10T01:00:00Z'), short: ['evaluator'] });
    expect(strip[23].short).toEqual(['seat', 'evaluator']);
  });
});
