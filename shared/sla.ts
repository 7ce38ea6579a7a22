import type { ArrivalBand, ContractSettings } from './settings';
import { addWorkingDays, workingCalendar, type WorkingCalendar } from './calendar/working-calendar';

/**
 * Minutes a responder has to reach a site `km` away, by the bands in force (contract §3 by default:
 * ≤5 km 15, ≤10 km 20, else 30). The bands are required: a caller says which settings it uses.
 */
export function arrivalMinutes(km: number, bands: ArrivalBand[]): number {
  for (const band of bands) {
    if (band.maxKm === null || km <= band.maxKm) return band.minutes;
  }
  return bands[bands.length - 1].minutes;
}

/** The human label of the band, e.g. '≤5 km · 15 min'. */
export function arrivalBandLabel(km: number, bands: ArrivalBand[]): string {
  const minutes = arrivalMinutes(km, bands);
  const band = bands.find((b) => b.minutes === minutes)!;
  const previous = bands[bands.indexOf(band) - 1];
  const range = band.maxKm === null ? `>${previous?.maxKm ?? 0} km` : `≤${band.maxKm} km`;
  return `${range} · ${minutes} min`;
}

export function arrivalDeadline(dispatchedAt: Date, km: number, bands: ArrivalBand[]): Date {
  return new Date(dispatchedAt.getTime() + arrivalMinutes(km, bands) * 60_000);
}

/**
 * Handling deadline of a work order filed at `filedAt`: urgent orders get N hours, normal ones
 * N working days on the Chinese working calendar (holidays and 调休 make-up days, see
 * shared/calendar), ending at the same local time of day. A per-category limit in hours wins.
 */
export function handlingDeadline(
  filedAt: Date,
  priority: 'urgent' | 'normal',
  handling: Pick<ContractSettings['handling'], 'urgentHours' | 'normalWorkingDays' | 'perCategoryHours'> & Partial<CalendarSettings>,
  timeZone: string,
  categoryKey?: string,
): Date {
  const categoryHours = categoryKey ? handling.perCategoryHours[categoryKey] : undefined;
  if (categoryHours) return new Date(filedAt.getTime() + categoryHours * 3_600_000);
  if (priority === 'urgent') return new Date(filedAt.getTime() + handling.urgentHours * 3_600_000);
  return addWorkingDays(filedAt, handling.normalWorkingDays, calendarOf(handling), timeZone);
}

type CalendarSettings = Pick<ContractSettings['handling'], 'extraHolidays' | 'extraWorkdays'>;

const calendars = new Map<string, WorkingCalendar>();
/** The working calendar with the settings' overrides (built once per distinct override list). */
export function calendarOf(handling: Partial<CalendarSettings>): WorkingCalendar {
  const holidays = handling.extraHolidays ?? [];
  const workdays = handling.extraWorkdays ?? [];
  const key = `${holidays.join()}|${workdays.join()}`;
  let calendar = calendars.get(key);
  if (!calendar) calendars.set(key, (calendar = workingCalendar({ holidays, workdays })));
  return calendar;
}

/** 受理→立单: when a received order becomes overdue if nobody files (or rejects) it. */
export function fileDeadline(receivedAt: string, handling: Pick<ContractSettings['handling'], 'fileWithinMinutes'>): Date {
  return new Date(new Date(receivedAt).getTime() + handling.fileWithinMinutes * 60_000);
}
