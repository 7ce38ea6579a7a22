import { ApiClient, type ApiClientOptions } from './api-client';

/**
 * Where the simulator sends its commands and how simulated time moves there.
 *
 * - Against any running server (`clock` absent): simulated time is the wall clock scaled by
 *   `speed`; at speed 1 it is real time and the server's own clock agrees.
 * - Against an in-process server built with a FakeClock (`clock` given): the simulator sets
 *   the server's clock to each step's time before sending it, so a month of events carries
 *   a month of timestamps. With `speed: Infinity` nothing waits: a month runs in seconds.
 */
export interface SettableClock {
  now(): Date;
  set(at: Date): void;
}

export interface SimTarget {
  readonly api: ApiClient;
  /** Current simulated time. */
  now(): Date;
  /** Moves simulated time forward to `at` (never back), waiting in real time as `speed` says. */
  advanceTo(at: Date, signal?: AbortSignal): Promise<void>;
  readonly speed: number;
}

export interface TargetOptions extends ApiClientOptions {
  /** An already authenticated client (e.g. after `login`); otherwise one is made from the options. */
  api?: ApiClient;
  /** 1 = real time … 3600 = an hour a second; Infinity = as fast as the server answers. */
  speed?: number;
  clock?: SettableClock;
  /** Simulated start; defaults to the clock's time, else now. */
  start?: Date;
}

export function createTarget(options: TargetOptions): SimTarget {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new Error(`speed must be positive, got ${speed}`);
  const api = options.api ?? new ApiClient(options);
  const clock = options.clock;
  const simStart = (options.start ?? clock?.now() ?? new Date()).getTime();
  if (clock && options.start) clock.set(options.start);
  const wallStart = Date.now();
  let current = simStart;

  return {
    api,
    speed,
    now: () => new Date(current),
    async advanceTo(at, signal) {
      const t = at.getTime();
      if (t <= current) return;
      if (Number.isFinite(speed)) {
        const dueWall = wallStart + (t - simStart) / speed;
        await sleep(dueWall - Date.now(), signal);
      }
      current = t;
      clock?.set(new Date(t));
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
