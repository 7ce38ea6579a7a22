import type { Channel } from '../domain/work-order';
import { addDaysToKey, dayKey, localParts, startOfDayKey, weekdayOfKey } from '../time';
import { seatsForTarget, type ServiceTarget } from './erlang-c';

/**
 * How many seats each hour of the coming days needs, from what the order log says about the same
 * kind of hour in the past. A day's kind is its weekday, unless the working calendar makes it a
 * statutory holiday or a 调休 make-up workday: those behave like neither a Sunday nor a Monday,
 * so they are averaged on their own (and borrow the weekend / weekday pattern when the look-back
 * holds none of them).
 */
export type DayKind = 'holiday' | 'makeup_workday' | `weekday_${0 | 1 | 2 | 3 | 4 | 5 | 6}`;

/** What the working calendar says of a day, apart from its weekday. */
export type CalendarDay = 'holiday' | 'makeup_workday' | 'ordinary';

export const DEFAULT_SERVICE_TARGET: ServiceTarget = { serviceLevel: 0.8, answerSeconds: 20 };

/**
 * Seat handling time per order when the log holds too few measured ones: a 12345 call is taken
 * live and written up; the other channels arrive written and are screened and filed.
 */
export const DEFAULT_HANDLING_SECONDS: Record<Channel, number> = {
  hotline_12345: 360,
  video_patrol: 240,
  grid_patrol: 180,
  evaluator_report: 180,
  inspection: 240,
  leader: 300,
  wechat: 240,
  app: 240,
};
/** Fewer measured orders than this on a channel and its default handling time is used. */
export const MIN_HANDLING_SAMPLES = 20;
/** A receive → file span longer than this was a queue, not a seat at work: not a handling sample. */
export const MAX_HANDLING_SAMPLE_SECONDS = 30 * 60;

export interface OrderArrival {
  channel: Channel;
  /** Epoch ms the order was received. */
  receivedAt: number;
  /** Epoch ms it was filed (立单), null while not filed. */
  filedAt: number | null;
}

export interface SeatDemandInput {
  /** First day of the forecast, 'YYYY-MM-DD' in the Center's time zone. */
  fromDay: string;
  days: number;
  /** Orders received in the look-back window [fromDay − lookbackDays, fromDay). */
  history: readonly OrderArrival[];
  lookbackDays: number;
  timeZone: string;
  calendar: (day: string) => CalendarDay;
  target: ServiceTarget;
  /** Seats planned on duty per forecast hour (index = hour offset from the first day's midnight). */
  seatsPlanned: readonly number[];
  /** The contract's on-duty seat minimum per forecast hour (same indexing). */
  seatMinimum: readonly number[];
}

export interface SeatDemandHour {
  /** ISO instant the hour starts. */
  hour: string;
  expectedOrders: number;
  handlingMinutes: number;
  /** Seats the service target needs (Erlang C). */
  seatsNeeded: number;
  seatsPlanned: number;
  /** The contract's on-duty minimum for the hour. */
  seatMinimum: number;
  /** The plan has fewer seats than the service target needs. */
  short: boolean;
}

export function dayKindOf(day: string, calendar: (day: string) => CalendarDay): DayKind {
  const special = calendar(day);
  if (special !== 'ordinary') return special;
  return `weekday_${weekdayOfKey(day) as 0 | 1 | 2 | 3 | 4 | 5 | 6}`;
}

const WEEKEND: DayKind[] = ['weekday_0', 'weekday_6'];
const WORKDAYS: DayKind[] = ['weekday_1', 'weekday_2', 'weekday_3', 'weekday_4', 'weekday_5'];

/** Mean orders per hour of day (24 values) for each kind of day seen in the look-back. */
function arrivalProfile(input: SeatDemandInput): Map<DayKind, { perHour: number[]; channelShare: Map<Channel, number> }> {
  const firstDay = addDaysToKey(input.fromDay, -input.lookbackDays);
  const daysOfKind = new Map<DayKind, number>();
  for (let i = 0; i < input.lookbackDays; i++) {
    const kind = dayKindOf(addDaysToKey(firstDay, i), input.calendar);
    daysOfKind.set(kind, (daysOfKind.get(kind) ?? 0) + 1);
  }
  const counts = new Map<DayKind, { perHour: number[]; channels: Map<Channel, number> }>();
  for (const order of input.history) {
    const at = new Date(order.receivedAt);
    const hour = localParts(at, input.timeZone).hour;
    const kind = dayKindOf(dayKey(at, input.timeZone), input.calendar);
    let entry = counts.get(kind);
    if (!entry) counts.set(kind, (entry = { perHour: new Array<number>(24).fill(0), channels: new Map() }));
    entry.perHour[hour]++;
    entry.channels.set(order.channel, (entry.channels.get(order.channel) ?? 0) + 1);
  }
  // Every kind of day the look-back holds has a profile, a quiet one too (zero orders is a pattern).
  const profile = new Map<DayKind, { perHour: number[]; channelShare: Map<Channel, number> }>();
  for (const [kind, days] of daysOfKind) {
    const entry = counts.get(kind) ?? { perHour: new Array<number>(24).fill(0), channels: new Map<Channel, number>() };
    const total = entry.perHour.reduce((a, b) => a + b, 0);
    profile.set(kind, {
      perHour: entry.perHour.map((n) => n / days),
      channelShare: new Map([...entry.channels].map(([c, n]) => [c, n / total] as const)),
    });
  }
  return profile;
}

/** The profile of a kind of day, or the mean of its stand-ins when the look-back saw none. */
function profileFor(kind: DayKind, profile: ReturnType<typeof arrivalProfile>) {
  const own = profile.get(kind);
  if (own) return own;
  const standIns = (kind === 'holiday' ? WEEKEND : kind === 'makeup_workday' ? WORKDAYS : []).flatMap((k) => profile.get(k) ?? []);
  if (standIns.length === 0) return { perHour: new Array<number>(24).fill(0), channelShare: new Map<Channel, number>() };
  const channelShare = new Map<Channel, number>();
  for (const s of standIns) for (const [c, share] of s.channelShare) channelShare.set(c, (channelShare.get(c) ?? 0) + share / standIns.length);
  return {
    perHour: Array.from({ length: 24 }, (_, h) => standIns.reduce((sum, s) => sum + s.perHour[h], 0) / standIns.length),
    channelShare,
  };
}

/** Median receive → file seconds per channel where the log holds enough samples; the default elsewhere. */
export function handlingSecondsByChannel(history: readonly OrderArrival[]): Record<Channel, number> {
  const samples = new Map<Channel, number[]>();
  for (const o of history) {
    if (o.filedAt === null) continue;
    const seconds = (o.filedAt - o.receivedAt) / 1000;
    if (seconds <= 0 || seconds > MAX_HANDLING_SAMPLE_SECONDS) continue;
    let list = samples.get(o.channel);
    if (!list) samples.set(o.channel, (list = []));
    list.push(seconds);
  }
  const result = { ...DEFAULT_HANDLING_SECONDS };
  for (const [channel, list] of samples) {
    if (list.length < MIN_HANDLING_SAMPLES) continue;
    list.sort((a, b) => a - b);
    result[channel] = list[Math.floor(list.length / 2)];
  }
  return result;
}

export function seatDemand(input: SeatDemandInput): SeatDemandHour[] {
  const profile = arrivalProfile(input);
  const handling = handlingSecondsByChannel(input.history);
  const rows: SeatDemandHour[] = [];
  for (let d = 0; d < input.days; d++) {
    const day = addDaysToKey(input.fromDay, d);
    const { perHour, channelShare } = profileFor(dayKindOf(day, input.calendar), profile);
    // Handling time of the day's channel mix; a day with no history uses the hotline's.
    let handlingSeconds = 0;
    for (const [channel, share] of channelShare) handlingSeconds += share * handling[channel];
    if (handlingSeconds === 0) handlingSeconds = handling.hotline_12345;
    const midnight = startOfDayKey(day, input.timeZone).getTime();
    for (let h = 0; h < 24; h++) {
      const index = d * 24 + h;
      const expectedOrders = perHour[h];
      const seatsNeeded = seatsForTarget(expectedOrders, handlingSeconds, input.target);
      const seatsPlanned = input.seatsPlanned[index] ?? 0;
      rows.push({
        hour: new Date(midnight + h * 3_600_000).toISOString(),
        expectedOrders: Math.round(expectedOrders * 100) / 100,
        handlingMinutes: Math.round((handlingSeconds / 60) * 10) / 10,
        seatsNeeded,
        seatsPlanned,
        seatMinimum: input.seatMinimum[index] ?? 0,
        short: seatsPlanned < seatsNeeded,
      });
    }
  }
  return rows;
}

/** Reads a working calendar (shared/calendar) as the three kinds of day the arrival pattern tells apart. */
export function calendarDays(calendar: { isWorkday(day: string): boolean; holidayName(day: string): string | null }): (day: string) => CalendarDay {
  return (day) => {
    const weekend = weekdayOfKey(day) === 0 || weekdayOfKey(day) === 6;
    if (calendar.isWorkday(day)) return weekend ? 'makeup_workday' : 'ordinary';
    return calendar.holidayName(day) !== null ? 'holiday' : 'ordinary';
  };
}
