import { describe, expect, it } from 'vitest';
import { dutyGapsOnDay, hourlyStrip, minimumsAt, onDutyAt, postIndex, type DutyInterval } from '../../../shared/coverage';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { team } from './roster-member.factory';

const members = team({ seat: 6, responder: 2, evaluator: 3 });
const postOf = postIndex(members);
const seats = members.filter((m) => m.post === 'seat');
const responders = members.filter((m) => m.post === 'responder');
const iv = (staffId: string, start: string, end: string | null): DutyInterval => ({ staffId, start, end });

describe('on-duty minimum per instant (Beijing time)', () => {
  it('needs 4 seats at 10:00 and 2 at 03:00, 1 responder always', () => {
    expect(minimumsAt(new Date('2025-03-04T10:00:00+08:00'), DEFAULT_SETTINGS)).toEqual({ seat: 4, responder: 1, evaluator: 3 });
    expect(minimumsAt(new Date('2025-03-04T03:00:00+08:00'), DEFAULT_SETTINGS)).toEqual({ seat: 2, responder: 1, evaluator: 0 });
  });

  it('needs one evaluator on a Saturday during working hours', () => {
    expect(minimumsAt(new Date('2025-03-08T15:00:00+08:00'), DEFAULT_SETTINGS).evaluator).toBe(1);
  });

  it('uses the Center time zone, not UTC: 02:00 UTC is 10:00 in Beijing', () => {
    expect(minimumsAt(new Date('2025-03-04T02:00:00Z'), DEFAULT_SETTINGS).seat).toBe(4);
  });
});

describe('on duty at an instant', () => {
  it('counts distinct people per post; open clock-ins count; ended ones do not', () => {
    const intervals = [
      iv(seats[0].id, '2025-03-04T08:00:00+08:00', '2025-03-04T16:00:00+08:00'),
      iv(seats[0].id, '2025-03-04T09:00:00+08:00', '2025-03-04T12:00:00+08:00'),
      iv(seats[1].id, '2025-03-04T07:00:00+08:00', null),
      iv(responders[0].id, '2025-03-04T00:00:00+08:00', '2025-03-04T09:00:00+08:00'),
      iv('stranger', '2025-03-04T00:00:00+08:00', null),
    ];
    expect(onDutyAt(new Date('2025-03-04T10:00:00+08:00'), intervals, postOf)).toEqual({ seat: 2, responder: 0, evaluator: 0 });
  });
});

describe('duty gaps of a day', () => {
  it('finds the hours when seats are below minimum and when no responder is on duty', () => {
    const day = '2025-03-08'; // Saturday
    const intervals = [
      // 2 seats all day, 2 more only 08:00–12:00 → short 12:00–20:00 (need 4).
      iv(seats[0].id, '2025-03-08T00:00:00+08:00', '2025-03-09T00:00:00+08:00'),
      iv(seats[1].id, '2025-03-08T00:00:00+08:00', '2025-03-09T00:00:00+08:00'),
      iv(seats[2].id, '2025-03-08T08:00:00+08:00', '2025-03-08T12:00:00+08:00'),
      iv(seats[3].id, '2025-03-08T08:00:00+08:00', '2025-03-08T12:00:00+08:00'),
      // Responder until 18:30 only.
      iv(responders[0].id, '2025-03-07T08:00:00+08:00', '2025-03-08T18:30:00+08:00'),
      iv(members.find((m) => m.post === 'evaluator')!.id, '2025-03-08T10:00:00+08:00', '2025-03-08T20:00:00+08:00'),
    ];
    const gaps = dutyGapsOnDay(day, intervals, postOf, DEFAULT_SETTINGS);
    expect(gaps.map((g) => [g.post, g.start, g.end, g.onDuty, g.minimum])).toEqual([
      ['seat', '2025-03-08T04:00:00.000Z', '2025-03-08T12:00:00.000Z', 2, 4],
      ['responder', '2025-03-08T10:30:00.000Z', '2025-03-08T16:00:00.000Z', 0, 1],
    ]);
  });

  it('the 24-hour strip marks exactly the short hours', () => {
    const intervals = [iv(responders[0].id, '2025-03-08T00:00:00+08:00', '2025-03-08T05:30:00+08:00')];
    const strip = hourlyStrip(new Date('2025-03-08T00:00:00+08:00'), 24, intervals, postOf, DEFAULT_SETTINGS);
    expect(strip).toHaveLength(24);
    const responderShort = strip.map((c) => c.short.includes('responder'));
    expect(responderShort.slice(0, 5).every((s) => !s)).toBe(true);
    expect(responderShort.slice(5).every((s) => s)).toBe(true);
    expect(strip[5].onDuty.responder).toBe(0);
  });
});
