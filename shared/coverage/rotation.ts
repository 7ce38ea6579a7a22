import type { Post } from '../domain/staff';
import type { ContractSettings } from '../settings';
import { addDaysToKey, weekdayOfKey, zonedTime } from '../time';
import { EVALUATOR_ALL_ON_DUTY_WEEKDAYS } from './on-duty';

/**
 * Rotation patterns that generate a schedule per post. The patterns are anchored to the
 * calendar (day number since 1970-01-01), not to the first generated day, so generating
 * next week gives the continuation of this week rather than a restart.
 */
export interface ShiftDraft {
  staffId: string;
  /** ISO instants; end exclusive. */
  start: string;
  end: string;
}

export interface ShiftTemplate {
  startHour: number;
  hours: number;
}

/** Seats: three 8-hour shifts. Listed in the order groups are filled (day shifts first). */
export const SEAT_SHIFTS: readonly ShiftTemplate[] = [
  { startHour: 8, hours: 8 },
  { startHour: 16, hours: 8 },
  { startHour: 0, hours: 8 },
];
export const SEAT_DAYS_OFF_PER_WEEK = 2;
/** Responders: 24 h on, 72 h off, handing over at this local hour. */
export const RESPONDER_CYCLE_DAYS = 4;
export const RESPONDER_HANDOVER_HOUR = 8;

const dayNumber = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
};
const mod = (a: number, n: number) => ((a % n) + n) % n;

function shiftOn(staffId: string, day: string, startHour: number, hours: number, timeZone: string): ShiftDraft {
  const [y, m, d] = day.split('-').map(Number);
  return {
    staffId,
    start: zonedTime(y, m, d, timeZone, startHour).toISOString(),
    // Date.UTC rolls hour ≥ 24 over into the next day, so a night shift ends tomorrow.
    end: zonedTime(y, m, d, timeZone, startHour + hours).toISOString(),
  };
}

/**
 * Seat i (ids sorted) works shift i mod 3; within a shift group the k-th member is off on
 * days ≡ 2k, 2k+1 (mod 7). A group of 6 then never has more than 2 off on one day, so the
 * default 17 seats give ≥ 4 on each day shift and ≥ 3 at night.
 */
function seatRotation(ids: string[], days: string[], timeZone: string): ShiftDraft[] {
  const out: ShiftDraft[] = [];
  ids.forEach((id, i) => {
    const shift = SEAT_SHIFTS[i % SEAT_SHIFTS.length];
    const k = Math.floor(i / SEAT_SHIFTS.length);
    for (const day of days) {
      if (mod(dayNumber(day) - 2 * k, 7) < SEAT_DAYS_OFF_PER_WEEK) continue;
      out.push(shiftOn(id, day, shift.startHour, shift.hours, timeZone));
    }
  });
  return out;
}

/** Responder k starts a 24-hour duty every 4th day, offset by k: four people cover every hour. */
function responderRotation(ids: string[], days: string[], timeZone: string): ShiftDraft[] {
  const out: ShiftDraft[] = [];
  ids.forEach((id, k) => {
    for (const day of days) {
      if (mod(dayNumber(day) - k, RESPONDER_CYCLE_DAYS) === 0) {
        out.push(shiftOn(id, day, RESPONDER_HANDOVER_HOUR, 24, timeZone));
      }
    }
  });
  return out;
}

/** Evaluators: everyone Mon–Wed in working hours; Thu–Sun one a day, taking turns. */
function evaluatorRotation(ids: string[], days: string[], settings: RotationSettings): ShiftDraft[] {
  const { evaluatorStartHour: from, evaluatorEndHour: to } = settings.onDutyMinimums;
  const out: ShiftDraft[] = [];
  if (ids.length === 0) return out;
  for (const day of days) {
    const weekday = weekdayOfKey(day);
    if (EVALUATOR_ALL_ON_DUTY_WEEKDAYS.includes(weekday)) {
      for (const id of ids) out.push(shiftOn(id, day, from, to - from, settings.timeZone));
      continue;
    }
    // Thu, Fri, Sat, Sun → turn 0..3 of the week; the week number moves the turn on.
    const turn = Math.floor((dayNumber(day) - 4) / 7) * 4 + mod(weekday - 4, 7);
    out.push(shiftOn(ids[mod(turn, ids.length)], day, from, to - from, settings.timeZone));
  }
  return out;
}

type RotationSettings = Pick<ContractSettings, 'timeZone' | 'onDutyMinimums'>;

/** The schedule of one post for `count` days from `fromDay`, for the given people. */
export function generateRotation(post: Post, staffIds: readonly string[], fromDay: string, count: number, settings: RotationSettings): ShiftDraft[] {
  const ids = [...staffIds].sort();
  const days = Array.from({ length: count }, (_, i) => addDaysToKey(fromDay, i));
  if (post === 'seat') return seatRotation(ids, days, settings.timeZone);
  if (post === 'responder') return responderRotation(ids, days, settings.timeZone);
  return evaluatorRotation(ids, days, settings);
}
