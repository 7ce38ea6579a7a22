import type { Actor } from '../../shared/roles';
import type { EventEnvelope } from '../../shared/events';
import type { ContractSettings } from '../../shared/settings';
import type { Clock } from '../../shared/time';
import type { Store } from '../store/store';
import type { TimeBounds } from './time-bounds';

export interface IdGenerator {
  /** A new id with the given prefix, e.g. 'WO' → 'WO-M3X9K2-7Q4F'. */
  next(prefix: string): string;
}

export const randomIds: IdGenerator = {
  next(prefix) {
    const time = Date.now().toString(36).toUpperCase();
    const random = Math.floor(Math.random() * 36 ** 5)
      .toString(36)
      .toUpperCase()
      .padStart(5, '0');
    return `${prefix}-${time}-${random}`;
  },
};

/** Deterministic ids (tests, the simulator): WO-000001, WO-000002, … */
export function sequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}-${String(n).padStart(6, '0')}`;
    },
  };
}

/** What every command handler gets: storage, time, settings, ids and the broadcast after commit. */
export interface CommandContext {
  store: Store;
  clock: Clock;
  settings(): ContractSettings;
  ids: IdGenerator;
  publish(event: EventEnvelope): void;
  /** How far client-supplied times may stray from the clock (default: DEFAULT_TIME_BOUNDS). */
  timeBounds?: TimeBounds;
}

export type { Actor };
