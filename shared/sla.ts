import type { ArrivalBand } from './settings';
import { addDaysToKey, dayKey, startOfDayKey, weekdayOfKey } from './time';

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
 * N working days (Mon–Fri in the Center's zone), ending at the same local time of day.
 */
export function handlingDeadline(
  filedAt: Date,
  priority: 'urgent' | 'normal',
  handling: { urgentHours: number; normalWorkingDays: number; perCategoryHours: Record<string, number> },
  timeZone: string,
  categoryKey?: string,
): Date {
  const categoryHours = categoryKey ? handling.perCategoryHours[categoryKey] : undefined;
  if (categoryHours) return new Date(filedAt.getTime() + categoryHours * 3_600_000);
  if (priority === 'urgent') return new Date(filedAt.getTime() + handling.urgentHours * 3_600_000);
  let key = dayKey(filedAt, timeZone);
  let remaining = handling.normalWorkingDays;
  while (remaining > 0) {
    key = addDaysToKey(key, 1);
    const weekday = weekdayOfKey(key);
    if (weekday !== 0 && weekday !== 6) remaining--;
  }
  const intoDay = filedAt.getTime() - startOfDayKey(dayKey(filedAt, timeZone), timeZone).getTime();
  return new Date(startOfDayKey(key, timeZone).getTime() + intoDay);
}
