import { describe, expect, it } from 'vitest';
import type { CoverageNowView, WallPostCoverage } from '../../../shared/coverage';
import type { Post } from '../../../shared/domain/staff';
import { affectsCoverage, foldFinishedHour, hourStartOf, observeHour } from '../../../client/src/stores/coverage-refresh';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);
const live = (short: Post[]): WallPostCoverage[] =>
  (['seat', 'responder', 'evaluator'] as Post[]).map((post) => ({
    post,
    onDuty: short.includes(post) ? 0 : 5,
    minimum: 1,
    headcount: 5,
    team: 5,
    teamShort: false,
    source: 'engine' as const,
  }));

describe('which events refresh coverage', () => {
  it('duty changes, shifts, staff profiles and settings do; work orders, incidents and score facts do not', () => {
    for (const entityType of ['staff', 'shift', 'staffProfile', 'settings'] as const) expect(affectsCoverage({ entityType })).toBe(true);
    for (const entityType of ['workOrder', 'incident', 'fact', 'score'] as const) expect(affectsCoverage({ entityType })).toBe(false);
  });
});

describe('hour boundaries', () => {
  it('finds the start of the local hour, also in a half-hour zone', () => {
    expect(hourStartOf(at('2025-03-14T11:59:58.250Z'), TZ)).toBe(at('2025-03-14T11:00:00Z'));
    expect(hourStartOf(at('2025-03-14T12:10:00Z'), 'Asia/Kolkata')).toBe(at('2025-03-14T11:30:00Z'));
  });

  it('keeps every post seen short during the hour, then hands the finished hour over at the boundary', () => {
    let step = observeHour(null, at('2025-03-14T11:10:00Z'), live(['seat']), TZ);
    expect(step.kind).toBe('same');
    step = observeHour(step.hour, at('2025-03-14T11:40:00Z'), live(['evaluator']), TZ);
    expect(step).toMatchObject({ kind: 'same', hour: { short: ['seat', 'evaluator'] } });
    step = observeHour(step.hour, at('2025-03-14T12:00:01Z'), live([]), TZ);
    expect(step).toMatchObject({ kind: 'hour', hour: { start: at('2025-03-14T12:00:00Z'), short: [] }, finished: { short: ['seat', 'evaluator'] } });
  });

  it('says "day" at the local midnight (16:00 UTC in Shanghai), not at UTC midnight', () => {
    const before = observeHour(null, at('2025-03-14T15:59:59Z'), live([]), TZ).hour;
    expect(observeHour(before, at('2025-03-14T16:00:00Z'), live([]), TZ).kind).toBe('day');
    const utcEve = observeHour(null, at('2025-03-14T23:59:59Z'), live([]), TZ).hour;
    expect(observeHour(utcEve, at('2025-03-15T00:00:00Z'), live([]), TZ).kind).toBe('hour');
  });

  it('a clock corrected backwards starts over instead of folding', () => {
    const later = observeHour(null, at('2025-03-14T12:30:00Z'), live([]), TZ).hour;
    expect(observeHour(later, at('2025-03-14T11:30:00Z'), live([]), TZ).kind).toBe('same');
  });
});

describe('folding a finished hour into the strip', () => {
  const view = (strip: CoverageNowView['strip']): CoverageNowView => ({ at: '', day: '', posts: [], strip, lawGraduateOnTeam: true, costlyDays: [] });

  it('merges what the server logged with what the board showed, and drops cells older than 24 hours', () => {
    const strip = Array.from({ length: 24 }, (_, i) => ({ start: new Date(at('2025-03-13T12:00:00Z') + i * 3_600_000).toISOString(), short: [] as Post[] }));
    strip[23].short = ['responder']; // 11:00Z, as the server saw it up to the read
    const folded = foldFinishedHour(view(strip), { start: at('2025-03-14T11:00:00Z'), day: '2025-03-14', short: ['seat'] }, at('2025-03-14T12:00:01Z'));
    expect(folded.strip).toHaveLength(23);
    expect(folded.strip[0].start).toBe('2025-03-13T13:00:00.000Z');
    expect(folded.strip.at(-1)).toEqual({ start: '2025-03-14T11:00:00.000Z', short: ['seat', 'responder'] });
  });

  it('adds the cell when the server had not logged that hour yet', () => {
    const folded = foldFinishedHour(view([]), { start: at('2025-03-14T11:00:00Z'), day: '2025-03-14', short: [] }, at('2025-03-14T12:00:01Z'));
    expect(folded.strip).toEqual([{ start: '2025-03-14T11:00:00.000Z', short: [] }]);
  });
});
