import type { Clock } from '../../shared/time';

export interface LimiterOptions {
  /** Failed logins allowed per key within the window before further tries are refused. */
  maxFailures: number;
  windowMs: number;
}

/**
 * Counts failed logins per key (ip + username, and ip alone) on the injected clock. Hand-written
 * rather than express-rate-limit because it must count failures only, and tests move the clock.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly options: LimiterOptions,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.options.maxFailures) return 0;
    return Math.max(0, recent[0] + this.options.windowMs - this.clock.now().getTime());
  }

  fail(key: string) {
    const recent = this.recent(key);
    recent.push(this.clock.now().getTime());
    this.failures.set(key, recent);
  }

  reset(key: string) {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.clock.now().getTime() - this.options.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}
