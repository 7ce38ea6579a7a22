import { createRequire } from 'node:module';
import { RateLimiterRes, type RateLimiterStoreAbstract as StoreAbstract } from 'rate-limiter-flexible';
import type { Clock } from '../../shared/time';
import type { AuthStore, CounterState } from './auth-store';

// The base class for custom stores is typed by the package but not exported from its index.
const RateLimiterStoreAbstract = createRequire(import.meta.url)('rate-limiter-flexible/lib/RateLimiterStoreAbstract.js') as typeof StoreAbstract;

export interface LimiterOptions {
  /** Failed logins allowed per key within the window before further tries are refused. */
  maxFailures: number;
  windowMs: number;
}

/**
 * rate-limiter-flexible over the AuthStore's counters (SQLite today, PostgreSQL behind the same
 * interface), so lock-outs survive a restart, on the injected clock, so tests can move time.
 */
class StoreCounterLimiter extends RateLimiterStoreAbstract {
  constructor(
    options: { keyPrefix: string; points: number; duration: number },
    private readonly counters: AuthStore,
    private readonly clock: Clock,
  ) {
    super({ ...options, storeClient: counters });
  }

  private now() {
    return this.clock.now().getTime();
  }

  _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<CounterState> {
    return this.counters.addToCounter(rlKey, points, msDuration > 0 ? this.now() + msDuration : null, this.now(), forceExpire);
  }

  _get(rlKey: string): Promise<CounterState | null> {
    return this.counters.getCounter(rlKey, this.now());
  }

  _delete(rlKey: string): Promise<boolean> {
    return this.counters.deleteCounter(rlKey);
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, result: CounterState): RateLimiterRes {
    const consumed = changedPoints === result.points ? changedPoints : result.points;
    return new RateLimiterRes(
      Math.max(this.points - consumed, 0),
      result.expire ? Math.max(result.expire - this.now(), 0) : -1,
      consumed,
      changedPoints === result.points,
    );
  }
}

/**
 * Counts failed logins per key (an account, an address, an address + account). A key is locked
 * once it has `maxFailures` failures within the window, until the window of the first one ends.
 */
export class LoginLimiter {
  private readonly limiter: StoreCounterLimiter;

  constructor(store: AuthStore, clock: Clock, name: string, options: LimiterOptions) {
    this.limiter = new StoreCounterLimiter(
      { keyPrefix: `login-${name}`, points: options.maxFailures, duration: Math.ceil(options.windowMs / 1000) },
      store,
      clock,
    );
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  async retryAfterMs(key: string): Promise<number> {
    const res = await this.limiter.get(key);
    if (!res || res.consumedPoints < this.limiter.points) return 0;
    return Math.max(1, res.msBeforeNext);
  }

  async fail(key: string): Promise<void> {
    await this.limiter.penalty(key, 1);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
