import { isValidTimeZone, zoneOffsetMinutes } from '../../shared/time';

/**
 * Reading a source file's timestamps as instants.
 *
 * - ISO 8601, with or without a UTC offset (`2014-05-09T19:02:21-05:00`, `…Z`, `2024-04-16T03:03:15.000`);
 *   also `YYYY-MM-DD hh:mm[:ss]` with an optional " UTC" suffix (the BigQuery exports).
 * - Or a `timeFormat` of tokens for local formats: `MM/DD/YYYY hh:mm:ss A` (YYYY MM M DD D HH H hh h
 *   mm ss SSS A Z; anything else is literal).
 * A time without an offset is wall time in `timeZone` (IANA); without a zone it is read as UTC,
 * which keeps the gaps between rows right except across a DST change.
 */
export interface TimeOptions {
  timeFormat?: string;
  timeZone?: string;
}

export type TimeReader = (value: string) => number | null;

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC, when the value carries one. */
  offset?: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseOffset(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (/^(Z|UTC)$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

function parseIso(value: string): Wall | null {
  const m = ISO.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = m;
  // " UTC" (BigQuery) is kept as a plain wall time: SOURCES.md found SF's "UTC" to be local time.
  const offset = zone && !/^UTC$/i.test(zone) ? parseOffset(zone) : undefined;
  return { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s, ms: Math.round(Number(`0.${frac}`) * 1000), offset };
}

const TOKENS: Record<string, { re: string; set: (w: Wall, v: string) => void }> = {
  YYYY: { re: '(\\d{4})', set: (w, v) => (w.year = +v) },
  MM: { re: '(\\d{2})', set: (w, v) => (w.month = +v) },
  M: { re: '(\\d{1,2})', set: (w, v) => (w.month = +v) },
  DD: { re: '(\\d{2})', set: (w, v) => (w.day = +v) },
  D: { re: '(\\d{1,2})', set: (w, v) => (w.day = +v) },
  HH: { re: '(\\d{2})', set: (w, v) => (w.hour = +v) },
  H: { re: '(\\d{1,2})', set: (w, v) => (w.hour = +v) },
  hh: { re: '(\\d{2})', set: (w, v) => (w.hour = +v + 100) }, // +100 marks a 12-hour clock until A is read
  h: { re: '(\\d{1,2})', set: (w, v) => (w.hour = +v + 100) },
  mm: { re: '(\\d{2})', set: (w, v) => (w.minute = +v) },
  ss: { re: '(\\d{2})', set: (w, v) => (w.second = +v) },
  SSS: { re: '(\\d{3})', set: (w, v) => (w.ms = +v) },
  A: { re: '([AaPp][Mm])', set: () => {} },
  Z: { re: '(Z|[+-]\\d{2}:?\\d{2})', set: (w, v) => (w.offset = parseOffset(v)) },
};
const TOKEN_RE = /YYYY|SSS|MM|DD|HH|hh|mm|ss|M|D|H|h|A|Z/g;

/** A parser for one `timeFormat`, or an error naming what is wrong with the format. */
export function formatParser(format: string): (value: string) => Wall | null {
  const setters: Array<(w: Wall, v: string) => void> = [];
  let ampmIndex = -1;
  let pattern = '';
  let last = 0;
  for (const m of format.matchAll(TOKEN_RE)) {
    pattern += escapeRe(format.slice(last, m.index));
    const token = TOKENS[m[0]];
    if (m[0] === 'A') ampmIndex = setters.length;
    setters.push(token.set);
    pattern += token.re;
    last = m.index + m[0].length;
  }
  pattern += escapeRe(format.slice(last));
  if (!/YYYY/.test(format) || !/M/.test(format) || !/D/.test(format)) {
    throw new Error(`timeFormat ${JSON.stringify(format)} needs at least YYYY, M(M) and D(D)`);
  }
  if (/h/.test(format) !== ampmIndex >= 0) throw new Error(`timeFormat ${JSON.stringify(format)}: a 12-hour clock (hh) needs A, and A needs hh`);
  const re = new RegExp(`^${pattern}$`);
  return (value) => {
    const m = re.exec(value);
    if (!m) return null;
    const w: Wall = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
    setters.forEach((set, i) => set(w, m[i + 1]));
    if (w.hour >= 100) {
      const h12 = w.hour - 100;
      if (h12 < 1 || h12 > 12) return null;
      const pm = /^p/i.test(m[ampmIndex + 1]);
      w.hour = (h12 % 12) + (pm ? 12 : 0);
    }
    return w;
  };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function instantOf(w: Wall, timeZone: string | undefined): number | null {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  const check = new Date(asUtc);
  // Date.UTC rolls 2019-02-30 over to March: a date that does not exist is not a time.
  if (check.getUTCMonth() !== w.month - 1 || check.getUTCDate() !== w.day || w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  if (w.offset !== undefined) return asUtc - w.offset * 60_000;
  if (!timeZone) return asUtc;
  const first = asUtc - zoneOffsetMinutes(new Date(asUtc), timeZone) * 60_000;
  return asUtc - zoneOffsetMinutes(new Date(first), timeZone) * 60_000;
}

/** Builds the reader a mapping asks for; throws (naming the setting) when the setting is wrong. */
export function timeReader(options: TimeOptions = {}): TimeReader {
  if (options.timeZone && !isValidTimeZone(options.timeZone)) throw new Error(`timeZone ${JSON.stringify(options.timeZone)} is not an IANA time zone`);
  const parse = options.timeFormat ? formatParser(options.timeFormat) : parseIso;
  return (value) => {
    const wall = parse(value.trim());
    return wall ? instantOf(wall, options.timeZone) : null;
  };
}
