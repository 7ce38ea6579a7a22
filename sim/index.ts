import { DEMO_SIM_CONFIG, FAST_SIM_CONFIG, type SimConfig } from './config';
import { Simulation } from './simulation';
import { createTarget, type SettableClock } from './target';

export { Simulation } from './simulation';
export { createTarget, type SimTarget, type SettableClock } from './target';
export { ApiClient } from './api-client';
export { DEFAULT_SIM_CONFIG, DEMO_SIM_CONFIG, FAST_SIM_CONFIG, type SimConfig } from './config';

export interface DemoFeedOptions {
  /** The server's own URL, e.g. http://127.0.0.1:3000: the feed goes through the public API. */
  baseUrl: string;
  seed?: number;
  /** 1 = real time (default). */
  speed?: number;
  /** A FakeClock to drive when the server runs on one; absent = the real clock. */
  clock?: SettableClock;
  apiKey?: string;
  cookie?: string;
  config?: Partial<SimConfig>;
  log?: (message: string) => void;
}

export interface DemoFeed {
  simulation: Simulation;
  /** Stops sending and waits for the command in flight. */
  stop(): Promise<void>;
  /** Settles when the feed stops (or fails). */
  done: Promise<void>;
}

/**
 * The living demo behind `npm start` (GRIDOPS_DEMO=1): a busy center at real-time speed,
 * forever, until `stop()`. Seeds differ per start unless given, so each demo day looks new.
 */
export function startDemoFeed(options: DemoFeedOptions): DemoFeed {
  const controller = new AbortController();
  const log = options.log ?? (() => {});
  const target = createTarget({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    cookie: options.cookie,
    speed: options.speed ?? 1,
    clock: options.clock,
  });
  const simulation = new Simulation(target, { seed: options.seed ?? Date.now() % 1_000_000, ...options.config }, DEMO_SIM_CONFIG, log);
  const done = simulation.run(Infinity, controller.signal).catch((error: unknown) => {
    log(`demo feed stopped: ${String((error as Error)?.stack ?? error)}`);
  });
  return {
    simulation,
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}

export interface RunOptions {
  baseUrl: string;
  /** Simulated span in days. */
  days: number;
  speed?: number;
  clock?: SettableClock;
  start?: Date;
  apiKey?: string;
  config?: Partial<SimConfig>;
  base?: SimConfig;
  log?: (message: string) => void;
}

/** Runs a fixed span (a week in a test, a month for a demo database) and returns the simulation. */
export async function runSimulation(options: RunOptions): Promise<Simulation> {
  const target = createTarget({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    speed: options.speed ?? Infinity,
    clock: options.clock,
    start: options.start,
  });
  const simulation = new Simulation(target, options.config, options.base ?? FAST_SIM_CONFIG, options.log);
  const end = target.now().getTime() + options.days * 86_400_000;
  await simulation.run(end);
  return simulation;
}
