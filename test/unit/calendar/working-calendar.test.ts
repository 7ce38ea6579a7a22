import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../../shared/calendar/working-calendar';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { handlingDeadline } from '../../../shared/sla';

/**
 * Deadlines of normal orders (3 working days) on the official calendar, worked out by hand from the
 * State Council's notices: 2025 National Day + Mid-Autumn is 10-01 … 10-08 off, with Sunday 09-28
 * and Saturday 10-11 worked; Spring Festival 2026 is 02-15 … 02-23 off, with Saturday 02-14 and
 * Saturday 02-28 worked. Times are Beijing time (UTC+8).
 */
const tz = 'Asia/Shanghai';
const beijing = (local: string) => new Date(`${local}+08:00`);
const deadline = (filedLocal: string, handling = DEFAULT_SETTINGS.handling) => handlingDeadline(beijing(filedLocal), 'normal', handling, tz).toISOString();

describe('the Chinese working calendar', () => {
  const calendar = workingCalendar();
  it.each([
    ['2025-09-28', true], // Sunday, make-up workday before National Day
    ['2025-10-01', false], // National Day
    ['2025-10-06', false], // Mid-Autumn inside the golden week
    ['2025-10-11', true], // Saturday, make-up workday
    ['2025-10-12', false], // ordinary Sunday
    ['2026-02-14', true], // Saturday before Spring Festival, worked
    ['2026-02-17', false], // Spring Festival
    ['2026-02-24', true], // first working day after it
    ['2025-03-14', true], // an ordinary Friday
  ])('%s is a workday: %s', (day, expected) => {
    expect(calendar.isWorkday(day)).toBe(expected);
  });

  it('names the holiday', () => {
    expect(calendar.holidayName('2025-10-01')).toBe('国庆节');
    expect(calendar.holidayName('2025-10-02')).toBe('国庆节');
    expect(calendar.holidayName('2025-03-14')).toBeNull();
  });
});

describe('handling deadlines of normal orders on the working calendar', () => {
  it('filed on 2025-09-30, the day before National Day: 10-09, 10-10 and the make-up Saturday 10-11', () => {
    expect(deadline('2025-09-30T10:00:00')).toBe(beijing('2025-10-11T10:00:00').toISOString());
  });

  it('filed on Friday 2025-09-26: the make-up Sunday 09-28 counts, then 09-29 and 09-30', () => {
    expect(deadline('2025-09-26T15:30:00')).toBe(beijing('2025-09-30T15:30:00').toISOString());
  });

  it('filed on Friday 2026-02-13: Saturday 02-14 is worked, then the festival, then 02-24 and 02-25', () => {
    expect(deadline('2026-02-13T09:00:00')).toBe(beijing('2026-02-25T09:00:00').toISOString());
  });

  it('filed during Spring Festival 2026: the clock only starts counting on 02-24', () => {
    expect(deadline('2026-02-18T11:00:00')).toBe(beijing('2026-02-26T11:00:00').toISOString());
  });

  it('a day off entered in the settings (a notice newer than the package) moves the deadline', () => {
    const handling = { ...DEFAULT_SETTINGS.handling, extraHolidays: ['2025-03-18'] };
    // Friday 03-14 → Mon 17, (Tue 18 off), Wed 19, Thu 20
    expect(deadline('2025-03-14T15:00:00', handling)).toBe(beijing('2025-03-20T15:00:00').toISOString());
    expect(deadline('2025-03-14T15:00:00')).toBe(beijing('2025-03-19T15:00:00').toISOString());
  });

  it('a make-up workday entered in the settings counts', () => {
    const handling = { ...DEFAULT_SETTINGS.handling, extraWorkdays: ['2025-03-15'] };
    // Friday 03-14 → Sat 15 (worked), Mon 17, Tue 18
    expect(deadline('2025-03-14T15:00:00', handling)).toBe(beijing('2025-03-18T15:00:00').toISOString());
  });
});
