/**
 * Calendar arithmetic in the Center's time zone (default Asia/Shanghai).
 * "Day" and "month" for scoring and coverage are the Center's local day and month,
 * whatever time zone the server or the browser runs in.
 */

export interface Clock {
  now(): Date;
}

export interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday .. 6 = Saturday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's own reading of `at`: exact, and the slow path (formatToParts allocates a part per field). */
function intlParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

const QUARTER_HOUR_MS = 900_000;
/** Quarter hours whose starting offset a zone keeps (about a year and a half of them), then it starts over. */
const OFFSETS_KEPT = 50_000;
/** Per zone: quarter-hour number → the zone's offset from UTC (ms) at that quarter hour's start. */
const quarterOffsets = new Map<string, Map<number, number>>();

function offsetAtQuarter(quarter: number, timeZone: string): number {
  let zone = quarterOffsets.get(timeZone);
  if (!zone) quarterOffsets.set(timeZone, (zone = new Map<number, number>()));
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR_MS;
    const p = intlParts(new Date(start), timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start;
    if (zone.size >= OFFSETS_KEPT) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

/**
 * The local calendar reading of `at` in the zone. Scoring and coverage ask this for every edge of
 * every day, so Intl is asked once per quarter hour for the zone's offset and the rest is UTC
 * arithmetic: zones change their offset on a quarter hour, so one that is the same at both ends
 * of the quarter holds through it. Where it is not (the quarter before a DST change, or local mean
 * time before 1900), Intl reads the instant itself.
 */
export function localParts(at: Date, timeZone: string): LocalParts {
  const t = at.getTime();
  if (!Number.isFinite(t)) return intlParts(at, timeZone); // Intl's own RangeError
  const quarter = Math.floor(t / QUARTER_HOUR_MS);
  const offset = offsetAtQuarter(quarter, timeZone);
  if (offset !== offsetAtQuarter(quarter + 1, timeZone)) return intlParts(at, timeZone);
  const local = new Date(t + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of the local day containing `at`. */
export function dayKey(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM' of the local month containing `at`. */
export function monthKey(at: Date, timeZone: string): string {
  return dayKey(at, timeZone).slice(0, 7);
}

/** Offset of the zone from UTC at `at`, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which local wall time y-m-d h:00 happens in the zone.
 * Guesses with the offset at the UTC reading, then corrects once (enough for DST shifts).
 */
export function zonedTime(year: number, month: number, day: number, timeZone: string, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess - zoneOffsetMinutes(new Date(first), timeZone) * 60000);
}

/** Start of the local day given as 'YYYY-MM-DD'. */
export function startOfDayKey(key: string, timeZone: string): Date {
  const [y, m, d] = key.split('-').map(Number);
  return zonedTime(y, m, d, timeZone);
}

export function startOfLocalDay(at: Date, timeZone: string): Date {
  return startOfDayKey(dayKey(at, timeZone), timeZone);
}

/** Every 'YYYY-MM-DD' of the month 'YYYY-MM'. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${pad(i + 1)}`);
}

export function addDaysToKey(key: string, days: number): string {
  const [y, m, d] = key.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Weekday (0 = Sunday) of a 'YYYY-MM-DD' calendar day. */
export function weekdayOfKey(key: string): number {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
