import { DomainError } from '../../shared/domain/common';
import type { Actor, CommandContext } from './context';

/**
 * How far a time a client supplies (a position fix, when an order was received or an incident
 * reported, a fault) may stray from the server's clock. A position stamped 9999-12-31 would freeze
 * that responder's position forever (every later fix is older); an intake key backdating an order
 * to 0001 or 9999 would put it in any score month.
 */
export interface TimeBounds {
  /** Clock skew tolerated into the future. */
  futureSkewMs: number;
  /** How old a reported time may be; replays of history need an intake key flagged `historical`. */
  maxAgeMs: number;
}

export const DEFAULT_TIME_BOUNDS: TimeBounds = { futureSkewMs: 5 * 60_000, maxAgeMs: 72 * 3_600_000 };

/** Throws a 400 naming `field` when `iso` is beyond the skew window or older than the bound. */
export function checkClientTime(ctx: Pick<CommandContext, 'clock' | 'timeBounds'>, iso: string | undefined | null, field: string, actor?: Actor): void {
  if (iso === undefined || iso === null) return;
  const bounds = ctx.timeBounds ?? DEFAULT_TIME_BOUNDS;
  const at = Date.parse(iso);
  const now = ctx.clock.now().getTime();
  if (at > now + bounds.futureSkewMs) {
    throw new DomainError(
      'invalid',
      `${field}: more than ${Math.round(bounds.futureSkewMs / 60_000)} min ahead of the server clock (${new Date(now).toISOString()})`,
      { field },
    );
  }
  if (at < now - bounds.maxAgeMs && !actor?.historical) {
    throw new DomainError(
      'invalid',
      `${field}: older than ${Math.round(bounds.maxAgeMs / 3_600_000)} h; replaying history needs an intake key made for historical data`,
      { field },
    );
  }
}
