import { minimumsAt } from '../../shared/coverage/on-duty';
import type { Shift } from '../../shared/coverage/shift';
import { seatDemand, type CalendarDay, type SeatDemandHour } from '../../shared/planning/seat-demand';
import type { ServiceTarget } from '../../shared/planning/erlang-c';
import { addDaysToKey, startOfDayKey } from '../../shared/time';
import type { CommandContext } from '../commands/context';

/** Weeks of order log the arrival pattern is averaged over: long enough to smooth, short enough to follow a season. */
export const SEAT_DEMAND_LOOKBACK_DAYS = 56;
const HOUR = 3_600_000;

/** Distinct seat agents planned on duty for the whole of each hour (the fewest at any moment of it). */
export function plannedSeatsPerHour(shifts: readonly Shift[], seatIds: ReadonlySet<string>, start: number, hours: number): number[] {
  const seatShifts = shifts.filter((s) => seatIds.has(s.staffId)).map((s) => ({ staffId: s.staffId, start: Date.parse(s.start), end: Date.parse(s.end) }));
  return Array.from({ length: hours }, (_, h) => {
    const from = start + h * HOUR;
    const to = from + HOUR;
    // Count at the hour's start and at every shift boundary inside it; the hour has the least of these.
    const moments = [from, ...seatShifts.flatMap((s) => [s.start, s.end]).filter((t) => t > from && t < to)];
    return Math.min(...moments.map((t) => new Set(seatShifts.filter((s) => s.start <= t && t < s.end).map((s) => s.staffId)).size));
  });
}

export async function seatDemandForecast(
  ctx: CommandContext,
  fromDay: string,
  days: number,
  target: ServiceTarget,
  calendar: (day: string) => CalendarDay,
): Promise<SeatDemandHour[]> {
  const settings = ctx.settings();
  const zone = settings.timeZone;
  const start = startOfDayKey(fromDay, zone).getTime();
  const end = startOfDayKey(addDaysToKey(fromDay, days), zone).getTime();
  const historyStart = startOfDayKey(addDaysToKey(fromDay, -SEAT_DEMAND_LOOKBACK_DAYS), zone).toISOString();
  const [history, shifts, staff] = await Promise.all([
    ctx.store.listOrderArrivals(historyStart, new Date(start).toISOString()),
    // From a day earlier: a night shift begun the evening before covers the first morning.
    ctx.store.listShifts(new Date(start - 24 * HOUR).toISOString(), new Date(end).toISOString()),
    ctx.store.listStaff(),
  ]);
  const hours = days * 24;
  const seatIds = new Set(staff.filter((s) => s.post === 'seat').map((s) => s.id));
  return seatDemand({
    fromDay,
    days,
    history,
    lookbackDays: SEAT_DEMAND_LOOKBACK_DAYS,
    timeZone: zone,
    calendar,
    target,
    seatsPlanned: plannedSeatsPerHour(shifts, seatIds, start, hours),
    seatMinimum: Array.from({ length: hours }, (_, h) => minimumsAt(new Date(start + h * HOUR), settings).seat),
  });
}
