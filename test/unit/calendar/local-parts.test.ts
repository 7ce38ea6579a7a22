import { describe, expect, it } from 'vitest';
import { Rng } from '../../../sim/rng';
import { localParts } from '../../../shared/time';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    const numeric = 'numeric' as const;
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: numeric,
      month: numeric,
      day: numeric,
      hour: numeric,
      minute: numeric,
      second: numeric,
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What Intl itself says: the reference localParts must agree with. */
function intlReading(at: Date, timeZone: string) {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday),
  };
}

// Shanghai and Urumqi (the Center's zones), DST zones, a half-hour DST (Lord Howe), +12:45 (Chatham), +5:30.
const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'UTC'];

describe('localParts: the local reading of an instant', () => {
  it('agrees with Intl at random instants of 1890–2060 in every kind of zone', () => {
    const rng = new Rng(2026);
    const from = Date.UTC(1890, 0, 1);
    const to = Date.UTC(2060, 0, 1);
    for (const zone of ZONES) {
      for (let i = 0; i < 3000; i++) {
        const at = new Date(Math.floor(from + rng.next() * (to - from)));
        expect(localParts(at, zone), `${at.toISOString()} in ${zone}`).toEqual(intlReading(at, zone));
      }
    }
  });

  it('agrees with Intl minute by minute across DST changes (New York, London, Lord Howe’s half hour)', () => {
    const changes: [string, string][] = [
      ['America/New_York', '2025-03-09T06:00:00Z'],
      ['America/New_York', '2025-11-02T05:00:00Z'],
      ['Europe/London', '2025-03-30T00:30:00Z'],
      ['Australia/Lord_Howe', '2025-04-05T14:30:00Z'],
    ];
    for (const [zone, around] of changes) {
      const center = Date.parse(around);
      for (let t = center - 3_600_000; t <= center + 3_600_000; t += 60_000 + 7_000) {
        expect(localParts(new Date(t), zone), `${new Date(t).toISOString()} in ${zone}`).toEqual(intlReading(new Date(t), zone));
      }
    }
  });

  it('agrees with Intl second by second where a zone changed offset off the quarter hour (Shanghai leaving local mean time, 1901)', () => {
    const change = Date.parse('1900-12-31T15:54:17Z'); // 00:00 LMT (+8:05:43) becomes 23:54:17 CST
    for (let t = change - 600_000; t <= change + 600_000; t += 1000) {
      expect(localParts(new Date(t), 'Asia/Shanghai'), new Date(t).toISOString()).toEqual(intlReading(new Date(t), 'Asia/Shanghai'));
    }
  });

  it('reads 23:59:59 on the last day of February 2025 in Shanghai as February, and one second later as 1 March', () => {
    expect(localParts(new Date('2025-02-28T15:59:59Z'), 'Asia/Shanghai')).toMatchObject({ month: 2, day: 28, hour: 23, minute: 59, second: 59, weekday: 5 });
    expect(localParts(new Date('2025-02-28T16:00:00Z'), 'Asia/Shanghai')).toMatchObject({ month: 3, day: 1, hour: 0, minute: 0, second: 0, weekday: 6 });
  });

  it('refuses an invalid date as Intl does', () => {
    expect(() => localParts(new Date(NaN), 'Asia/Shanghai')).toThrow(RangeError);
  });
});
