import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '../http/errors';

/** How often one socket, and one credential over all its sockets and requests, may ask for a resync. */
export interface SyncLimitOptions {
  perSocket: { points: number; seconds: number };
  perCredential: { points: number; seconds: number };
}

/**
 * A screen resyncs on connect, on a gap and once an hour: a few per minute is generous. A control
 * room shares one credential across a handful of screens; hundreds of syncs a minute on one is a
 * runaway kiosk or an attack.
 */
export const DEFAULT_SYNC_LIMITS: SyncLimitOptions = {
  perSocket: { points: 10, seconds: 10 },
  perCredential: { points: 600, seconds: 60 },
};

export class RateLimitedError extends HttpError {
  constructor(readonly retryAfterMs: number) {
    super(429, 'rate_limited', `too many resyncs; try again in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

/** Per-socket and per-credential limits on sync (socket) and GET /api/snapshot (HTTP). */
export class SyncLimits {
  private readonly socket: RateLimiterMemory;
  private readonly credential: RateLimiterMemory;

  constructor(options: SyncLimitOptions = DEFAULT_SYNC_LIMITS) {
    this.socket = new RateLimiterMemory({ keyPrefix: 'sync-socket', points: options.perSocket.points, duration: options.perSocket.seconds });
    this.credential = new RateLimiterMemory({ keyPrefix: 'sync-credential', points: options.perCredential.points, duration: options.perCredential.seconds });
  }

  /** Throws RateLimitedError (429, retryAfterMs) when either limit is spent. `socketId` null = HTTP. */
  async consume(credential: string, socketId: string | null): Promise<void> {
    try {
      if (socketId !== null) await this.socket.consume(socketId);
      await this.credential.consume(credential);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, refusal.msBeforeNext));
      throw refusal;
    }
  }

  forgetSocket(socketId: string) {
    void this.socket.delete(socketId);
  }
}
