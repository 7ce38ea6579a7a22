import { describe, expect, it } from 'vitest';
import { HOURLY_SHARE } from '../../../sim/curve';
import { Rng } from '../../../sim/rng';
import { Scheduler } from '../../../sim/scheduler';
import { createTarget } from '../../../sim/target';

const fakeClock = (at: string) => {
  let t = new Date(at).getTime();
  return { now: () => new Date(t), set: (d: Date) => void (t = d.getTime()) };
};

describe('simulator core', () => {
  it('draws the same numbers for the same seed, others for another', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(new Rng(seed)),
      );
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const forked = (seed: number) => new Rng(seed).fork('orders').next();
    expect(forked(1)).toBe(forked(1));
    expect(new Rng(1).fork('orders').next()).not.toBe(new Rng(1).fork('incidents').next());
  });

  it('puts the day peaks at 10–12 and 16–18 and the quiet at night', () => {
    expect(HOURLY_SHARE.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const top4 = [...HOURLY_SHARE.keys()]
      .sort((a, b) => HOURLY_SHARE[b] - HOURLY_SHARE[a])
      .slice(0, 4)
      .sort((a, b) => a - b);
    expect(top4).toEqual([10, 11, 16, 17]);
    expect(Math.max(...HOURLY_SHARE.slice(0, 6))).toBeLessThan(HOURLY_SHARE[10] / 10);
  });

  it('runs tasks in simulated-time order, ties in the order they were planned, moving the fake clock', async () => {
    const clock = fakeClock('2025-03-01T00:00:00Z');
    const target = createTarget({ baseUrl: 'http://127.0.0.1:9', clock, speed: Infinity });
    const sched = new Scheduler(target);
    const seen: string[] = [];
    const t0 = clock.now().getTime();
    sched.at(t0 + 3000, () => void seen.push(`c@${clock.now().getTime() - t0}`));
    sched.at(t0 + 1000, () => {
      seen.push(`a@${clock.now().getTime() - t0}`);
      sched.after(500.4, () => void seen.push(`x@${clock.now().getTime() - t0}`));
    });
    sched.at(t0 + 1000, () => void seen.push(`b@${clock.now().getTime() - t0}`));
    sched.at(t0 + 9000, () => void seen.push('late'));
    await sched.runUntil(t0 + 5000);
    expect(seen).toEqual(['a@1000', 'b@1000', 'x@1501', 'c@3000']);
    expect(clock.now().getTime() - t0).toBe(5000);
    expect(sched.pending).toBe(1);
  });

  it('paces simulated time by the speed: an hour at 3600× takes about a second', async () => {
    const target = createTarget({ baseUrl: 'http://127.0.0.1:9', speed: 36_000 });
    const started = Date.now();
    await target.advanceTo(new Date(target.now().getTime() + 3_600_000));
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(90);
    expect(took).toBeLessThan(1000);
  });
});
