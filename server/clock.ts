import type { Clock } from '../shared/time';

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests and the simulator move by hand: a month runs in seconds. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2025-03-14T07:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now() {
    return new Date(this.current);
  }

  set(at: Date | string) {
    this.current = new Date(at).getTime();
  }

  advance(ms: number) {
    this.current += ms;
  }
}
