import { describe, expect, it } from 'vitest';
import { DailyTrend, type KeyValue } from '../../../../client/src/views/wall/derive/daily-trend';

class MemoryStorage implements KeyValue {
  map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

describe('daily score line on the wall', () => {
  it('keeps the last total seen each day, in day order, across a kiosk reload', () => {
    const storage = new MemoryStorage();
    const trend = new DailyTrend(storage);
    trend.record('2025-03', '2025-03-02', 97);
    trend.record('2025-03', '2025-03-01', 99);
    trend.record('2025-03', '2025-03-02', 96.5);
    const reloaded = new DailyTrend(storage);
    expect(reloaded.record('2025-03', '2025-03-03', 95)).toEqual([
      { day: '2025-03-01', total: 99 },
      { day: '2025-03-02', total: 96.5 },
      { day: '2025-03-03', total: 95 },
    ]);
  });

  it('forgets the previous month when a new one starts, so storage does not grow', () => {
    const storage = new MemoryStorage();
    const trend = new DailyTrend(storage);
    trend.record('2025-03', '2025-03-31', 91);
    expect(trend.record('2025-04', '2025-04-01', 100)).toEqual([{ day: '2025-04-01', total: 100 }]);
    expect([...storage.map.keys()]).toEqual(['gridops.wall.trend.2025-04']);
  });
});
