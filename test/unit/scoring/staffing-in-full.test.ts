import { describe, expect, it } from 'vitest';
import { staffingDay, type DutyInterval, type RosterMember } from '../../../shared/coverage';
import { EMPTY_PROFILE } from '../../../shared/coverage/staff-profile';
import type { Post } from '../../../shared/domain/staff';
import { DEFAULT_SETTINGS, type ContractSettings } from '../../../shared/settings';
import { scoreFacts, scoreForWall, staffingDayFacts, type MonthScore } from '../../../shared/scoring';

// 缺编 and 空岗 in full (contract-rules.md §5), from a roster and a clock-in/out log, through the
// score. Each expectation is worked by hand in the comment beside it. March 2025, Beijing time;
// 2025-03-10 is a Monday (evaluators: all three on duty 10:00–20:00), 2025-03-13 a Thursday (one).
const MONTH = '2025-03';
const at = (day: number, hm: string) => `2025-03-${String(day).padStart(2, '0')}T${hm}:00+08:00`;
const ms = (day: number, hm: string) => Date.parse(at(day, hm));

function member(id: string, post: Post, extra: Partial<RosterMember> = {}): RosterMember {
  return { ...EMPTY_PROFILE, id, name: `${post}${id.slice(1)}`, post, active: true, hireDate: '2025-01-01', ...extra };
}
/** 17 seats (S01 the law graduate), 4 responders, 3 evaluators. */
function team(lawGraduate = true): RosterMember[] {
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
  return [
    ...ids('S', 17).map((id, i) => member(id, 'seat', { lawDegree: lawGraduate && i === 0 })),
    ...ids('R', 4).map((id) => member(id, 'responder')),
    ...ids('E', 3).map((id) => member(id, 'evaluator')),
  ];
}
const on = (staffId: string, day: number, from: string, to: string, toDay = day): DutyInterval => ({ staffId, start: at(day, from), end: at(toDay, to) });

/** A day the log covers fully: 4 seats and 3 evaluators on all day, a responder from 00:00 to 24:00, unless replaced. */
function fullDay(day: number, responders: DutyInterval[] = [on('R01', day, '00:00', '00:00', day + 1)], evaluators?: DutyInterval[]): DutyInterval[] {
  return [
    ...['S01', 'S02', 'S03', 'S04'].map((s) => on(s, day, '00:00', '00:00', day + 1)),
    ...responders,
    ...(evaluators ?? ['E01', 'E02', 'E03'].map((e) => on(e, day, '00:00', '00:00', day + 1))),
  ];
}

/** The score of the month with only these days' findings, read at the end of the last of them. */
function scoreDays(
  days: Array<{ day: number; intervals: DutyInterval[]; planned?: DutyInterval[]; members?: RosterMember[] }>,
  settings: ContractSettings = DEFAULT_SETTINGS,
): MonthScore {
  const findings = days.flatMap((d) =>
    staffingDay(`2025-03-${String(d.day).padStart(2, '0')}`, d.members ?? team(), d.intervals, settings, 0, Number.POSITIVE_INFINITY, d.planned ?? []),
  );
  const asOf = ms(days[days.length - 1].day, '23:59');
  return scoreFacts(MONTH, staffingDayFacts(findings, settings.timeZone), settings, { asOf });
}
const staffing = (s: MonthScore) => s.blocks.find((b) => b.block === 'staffing')!;
const line = (s: MonthScore, post: Post) => staffing(s).lines.find((l) => l.subject === post);

describe('空岗: the people on duty from the clock-in/out log', () => {
  it('a full team on duty all day costs nothing', () => {
    const s = scoreDays([{ day: 10, intervals: fullDay(10) }]);
    expect(staffing(s).deducted).toBe(0);
    expect(s.total).toBe(100);
  });

  it('no responder on duty 09:00–11:00 (2 h ≥ 30 min, 0 < 98 % × 1): the responders lose 2 that day → 98', () => {
    const responders = [on('R01', 10, '00:00', '09:00'), on('R02', 10, '11:00', '00:00', 11)];
    // R03 was planned 08:00–12:00 and never clocked in: the manager sees who was missing.
    const planned = [on('R03', 10, '08:00', '12:00')];
    const s = scoreDays([{ day: 10, intervals: fullDay(10, responders), planned }]);
    expect(staffing(s).deducted).toBe(2);
    expect(s.total).toBe(98);
    const cause = line(s, 'responder')!.causes[0];
    expect(cause).toMatchObject({ what: 'postEmpty', id: '2025-03-10', at: new Date(at(10, '09:00')).toISOString() });
    expect(cause.detail).toMatchObject({
      teamShort: false,
      postEmpty: true,
      emptyFrom: new Date(at(10, '09:00')).toISOString(),
      emptyTo: new Date(at(10, '11:00')).toISOString(),
      emptyMinutes: 120,
      onDuty: 0,
      onDutyMinimum: 1,
      absent: 'responder03',
    });
  });

  it('a 10-minute handover gap costs nothing; 29 minutes neither; 30 minutes costs the day', () => {
    const gap = (minutes: number) => [on('R01', 10, '00:00', '08:00'), on('R02', 10, `08:${String(minutes).padStart(2, '0')}`, '00:00', 11)];
    expect(scoreDays([{ day: 10, intervals: fullDay(10, gap(10)) }]).total).toBe(100);
    expect(scoreDays([{ day: 10, intervals: fullDay(10, gap(29)) }]).total).toBe(100);
    // "at least 30 consecutive minutes" (§5 [default]): 30 is enough.
    expect(scoreDays([{ day: 10, intervals: fullDay(10, gap(30)) }]).total).toBe(98);
  });

  it('the 30 minutes are a setting: at 5 minutes the 10-minute gap costs 2', () => {
    const settings = { ...DEFAULT_SETTINGS, postEmptyMinutes: 5 };
    const gap = [on('R01', 10, '00:00', '08:00'), on('R02', 10, '08:10', '00:00', 11)];
    expect(scoreDays([{ day: 10, intervals: fullDay(10, gap) }], settings).total).toBe(98);
  });

  it('seats below 98 % of the day minimum (3 < 3.92 of 4) from 14:00 to 15:00 cost 2; at night 2 seats are enough', () => {
    const seats = [
      on('S01', 10, '00:00', '00:00', 11),
      on('S02', 10, '00:00', '00:00', 11),
      on('S03', 10, '08:00', '20:00'),
      on('S04', 10, '08:00', '14:00'),
      on('S05', 10, '15:00', '20:00'),
    ];
    const intervals = [...seats, ...fullDay(10).filter((iv) => !iv.staffId.startsWith('S'))];
    const s = scoreDays([{ day: 10, intervals }]);
    expect(line(s, 'seat')!.causes[0].detail).toMatchObject({ emptyMinutes: 60, onDuty: 3, onDutyMinimum: 4 });
    expect(s.total).toBe(98);
  });

  it('the evaluator pattern: Monday two of three in working hours is 空岗 (−2); Thursday one is enough, none is not', () => {
    const two = ['E01', 'E02'].map((e) => on(e, 10, '10:00', '20:00'));
    expect(scoreDays([{ day: 10, intervals: fullDay(10, undefined, two) }]).total).toBe(98);
    const one = [on('E01', 13, '10:00', '20:00')];
    expect(scoreDays([{ day: 13, intervals: fullDay(13, undefined, one) }]).total).toBe(100);
    // Thursday with nobody 10:00–20:00: 600 minutes empty, −2. Outside working hours nobody is needed.
    const s = scoreDays([{ day: 13, intervals: fullDay(13, undefined, []) }]);
    expect(s.total).toBe(98);
    expect(line(s, 'evaluator')!.causes[0].detail).toMatchObject({ emptyMinutes: 600, onDutyMinimum: 1 });
  });
});

describe('缺编 and at most once per post and day', () => {
  it('a seat team with no law graduate on the books is short (缺编) although 17 of 17 are there: −2 a day', () => {
    const s = scoreDays([
      { day: 10, intervals: fullDay(10), members: team(false) },
      { day: 11, intervals: fullDay(11), members: team(false) },
    ]);
    // Two days × 2 = 4 → 96.
    expect(s.total).toBe(96);
    expect(line(s, 'seat')!.causes.map((c) => [c.id, c.what, c.detail.noLawGraduate, c.detail.headcount])).toEqual([
      ['2025-03-10', 'teamShort', true, 17],
      ['2025-03-11', 'teamShort', true, 17],
    ]);
    // The requirement is a setting.
    const relaxed = { ...DEFAULT_SETTINGS, lawGraduateRequired: false };
    expect(scoreDays([{ day: 10, intervals: fullDay(10), members: team(false) }], relaxed).total).toBe(100);
  });

  it('缺编 and 空岗 of the seats on the same day cost 2 once; an empty responder post the same day costs 2 more → 96', () => {
    // S05 asked to be replaced on 03-03, not replaced: missing from 03-07 (request day + 3 days of grace), 16 < 16.66.
    const members = team().map((m) => (m.id === 'S05' ? { ...m, replacementRequestedOn: '2025-03-03' } : m));
    const intervals = [
      ...fullDay(10, [on('R01', 10, '00:00', '12:00'), on('R02', 10, '13:00', '00:00', 11)]).filter((iv) => iv.staffId !== 'S04'),
      on('S04', 10, '00:00', '09:00'),
      on('S04', 10, '10:00', '00:00', 11),
    ];
    const s = scoreDays([{ day: 10, intervals, members }]);
    expect(line(s, 'seat')).toMatchObject({ count: 1, points: 2 });
    expect(line(s, 'seat')!.causes[0]).toMatchObject({ what: 'teamShortPostEmpty', detail: { headcount: 16, missing: 'seat05', emptyMinutes: 60 } });
    expect(line(s, 'responder')).toMatchObject({ count: 1, points: 2 });
    expect(s.total).toBe(96);
  });

  it('the daily series and the projection follow: day 10 ends at 98, and 2 points in 10 days paces to 100 − 2 × 31 / 10 = 93.8', () => {
    const responders = [on('R01', 10, '00:00', '09:00'), on('R02', 10, '11:00', '00:00', 11)];
    const s = scoreDays([
      { day: 9, intervals: fullDay(9) },
      { day: 10, intervals: fullDay(10, responders) },
    ]);
    expect(s.daily?.slice(8)).toEqual([
      { day: '2025-03-09', total: 100 },
      { day: '2025-03-10', total: 98 },
    ]);
    expect(s.projection.total).toBe(93.8);
  });
});

describe('names are for managers, never for the wall', () => {
  it('the wall keeps which, when and how many, without who was missing or absent', () => {
    const members = team().map((m) => (m.id === 'S05' ? { ...m, replacementRequestedOn: '2025-03-03' } : m));
    const responders = [on('R01', 10, '00:00', '09:00'), on('R02', 10, '11:00', '00:00', 11)];
    const s = scoreDays([{ day: 10, intervals: fullDay(10, responders), members, planned: [on('R03', 10, '08:00', '12:00')] }]);
    const wall = scoreForWall(s);
    const text = JSON.stringify(wall);
    expect(text).not.toContain('seat05');
    expect(text).not.toContain('responder03');
    const wallCause = wall.blocks[0].lines.find((l) => l.subject === 'responder')!.causes[0];
    expect(wallCause.detail).toMatchObject({ postEmpty: true, emptyMinutes: 120 });
    expect(JSON.stringify(s)).toContain('responder03');
  });
});
