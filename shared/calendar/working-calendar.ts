import officialDays from 'chinese-days/dist/chinese-days.json';
import { addDaysToKey, dayKey, startOfDayKey, weekdayOfKey } from '../time';

/**
 * The Chinese working calendar: Monday–Friday, minus the statutory holidays (法定节假日), plus the
 * make-up workdays (调休上班, often a Saturday or Sunday). The official days come from the
 * maintained `chinese-days` package (the State Council's yearly notice, kept up to date by its
 * authors: `npm update chinese-days` brings next year's); `overrides` come from the settings, so a
 * manager can enter a notice before a package release without a release of GridOps.
 */
export interface CalendarOverrides {
  /** 'YYYY-MM-DD' days off that the package does not know yet (or a local day off). */
  holidays: readonly string[];
  /** 'YYYY-MM-DD' make-up workdays that the package does not know yet. */
  workdays: readonly string[];
}

export interface WorkingCalendar {
  isWorkday(day: string): boolean;
  /** The name of the holiday, e.g. '国庆节', or null on an ordinary day. */
  holidayName(day: string): string | null;
}

const OFFICIAL = officialDays as { holidays: Record<string, string>; workdays: Record<string, string> };

export function workingCalendar(overrides: CalendarOverrides = { holidays: [], workdays: [] }): WorkingCalendar {
  const extraHolidays = new Set(overrides.holidays);
  const extraWorkdays = new Set(overrides.workdays);
  return {
    isWorkday(day) {
      if (extraWorkdays.has(day)) return true;
      if (extraHolidays.has(day)) return false;
      if (day in OFFICIAL.workdays) return true;
      if (day in OFFICIAL.holidays) return false;
      const weekday = weekdayOfKey(day);
      return weekday !== 0 && weekday !== 6;
    },
    holidayName(day) {
      if (extraWorkdays.has(day)) return null;
      const entry = OFFICIAL.holidays[day];
      // Entries read 'National Day,国庆节,3': the Chinese name is the second field.
      return entry ? (entry.split(',')[1] ?? entry) : extraHolidays.has(day) ? '休息日' : null;
    },
  };
}

/**
 * The moment `workingDays` working days after `from`, at the same local time of day: a normal order
 * filed on a Tuesday at 10:00 with 3 working days is due on Friday at 10:00; one filed the day
 * before National Day is due on the third working day after the holiday.
 */
export function addWorkingDays(from: Date, workingDays: number, calendar: WorkingCalendar, timeZone: string): Date {
  const startKey = dayKey(from, timeZone);
  let key = startKey;
  let remaining = workingDays;
  while (remaining > 0) {
    key = addDaysToKey(key, 1);
    if (calendar.isWorkday(key)) remaining--;
  }
  const intoDay = from.getTime() - startOfDayKey(startKey, timeZone).getTime();
  return new Date(startOfDayKey(key, timeZone).getTime() + intoDay);
}
