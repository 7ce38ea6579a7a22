/** The part of Storage the trend needs (localStorage in the browser, a Map in tests). */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'gridops.wall.trend.';

/**
 * The month's score per day as last seen on that day; one key per month, and only the current
 * month is kept, so a wall that runs for a year stores at most 31 numbers.
 */
export class DailyTrend {
  private memory = new Map<string, Record<string, number>>();

  constructor(private readonly storage: KeyValue | null) {}

  record(month: string, day: string, total: number): { day: string; total: number }[] {
    const days = this.load(month);
    days[day] = total;
    this.memory.clear();
    this.memory.set(month, days);
    try {
      this.storage?.setItem(PREFIX + month, JSON.stringify(days));
      for (const key of this.keys()) if (key !== PREFIX + month) this.storage?.removeItem(key);
    } catch {
      // Storage full or disabled: the trend lives in memory only.
    }
    return Object.entries(days)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([d, t]) => ({ day: d, total: t }));
  }

  private load(month: string): Record<string, number> {
    const cached = this.memory.get(month);
    if (cached) return cached;
    try {
      const parsed = JSON.parse(this.storage?.getItem(PREFIX + month) ?? '{}') as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).filter(([d, t]) => d.startsWith(month) && typeof t === 'number')) as Record<string, number>;
    } catch {
      return {};
    }
  }

  private keys(): string[] {
    const s = this.storage as (KeyValue & { length?: number; key?(i: number): string | null }) | null;
    if (!s || typeof s.length !== 'number' || !s.key) return [];
    const out: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k?.startsWith(PREFIX)) out.push(k);
    }
    return out;
  }
}
