import type { CoverageNowView, WallPostCoverage } from '../../../shared/coverage';
import { POSTS, type Post } from '../../../shared/domain/staff';
import type { EntityType, EventEnvelope } from '../../../shared/events';
import { dayKey, localParts } from '../../../shared/time';

/**
 * The coverage store's decisions, kept pure so they are tested without a browser or a socket.
 *
 * The wall is fed by events, never by polling:
 *  - an event that may change the engine's figures (a clock-in/out, a shift, a staff profile,
 *    settings) re-reads GET /api/coverage/now once, debounced;
 *  - on-duty counts and minimums come from the live board every second (wallCoverage);
 *  - at each local hour boundary the hour that just ended is folded into the 24-hour strip from
 *    what the board showed during it (no request); at the local day boundary the figures that
 *    depend on the date (team headcount by leave dates, the week's forecast) are re-read once;
 *  - after a reconnect (which may have skipped events by taking a fresh snapshot) re-read once.
 */

const COVERAGE_ENTITIES: ReadonlySet<EntityType> = new Set<EntityType>(['staff', 'staffProfile', 'shift', 'settings']);

export function affectsCoverage(event: Pick<EventEnvelope, 'entityType'>): boolean {
  return COVERAGE_ENTITIES.has(event.entityType);
}

const HOUR = 3_600_000;

/** Epoch ms of the start of the local hour containing `now` (works in half-hour zones too). */
export function hourStartOf(now: number, timeZone: string): number {
  const p = localParts(new Date(now), timeZone);
  return now - p.minute * 60_000 - p.second * 1000 - (((now % 1000) + 1000) % 1000);
}

/** The hour in progress as the board showed it: every post seen below its minimum at any tick. */
export interface LiveHour {
  start: number;
  day: string;
  short: Post[];
}

export type HourStep =
  | { kind: 'same'; hour: LiveHour }
  /** A new local hour began: fold `finished` into the strip. */
  | { kind: 'hour'; hour: LiveHour; finished: LiveHour | null }
  /** A new local day began: fold `finished`, and re-read the date-dependent figures. */
  | { kind: 'day'; hour: LiveHour; finished: LiveHour | null };

const shortOf = (live: readonly WallPostCoverage[]): Post[] => live.filter((c) => c.onDuty < c.minimum).map((c) => c.post);
const union = (a: readonly Post[], b: readonly Post[]): Post[] => POSTS.filter((p) => a.includes(p) || b.includes(p));

/** Called on every board tick with the live coverage; tells the store what, if anything, to do. */
export function observeHour(prev: LiveHour | null, now: number, live: readonly WallPostCoverage[], timeZone: string): HourStep {
  const start = hourStartOf(now, timeZone);
  const shortNow = shortOf(live);
  if (prev && prev.start === start) {
    const short = union(prev.short, shortNow);
    return { kind: 'same', hour: short.length === prev.short.length ? prev : { ...prev, short } };
  }
  const hour: LiveHour = { start, day: dayKey(new Date(now), timeZone), short: shortNow };
  if (!prev) return { kind: 'same', hour };
  // A clock that jumped back (server time corrected) starts over without folding a "future" hour.
  if (start < prev.start) return { kind: 'same', hour };
  return { kind: hour.day === prev.day ? 'hour' : 'day', hour, finished: prev };
}

/**
 * The view with `finished` recorded in its strip: the shortfalls the server had logged for that
 * hour plus the ones the board showed since; cells older than 24 hours before `now` dropped.
 */
export function foldFinishedHour(view: CoverageNowView, finished: LiveHour, now: number): CoverageNowView {
  const key = new Date(finished.start).toISOString();
  const oldest = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
  const cells = view.strip.filter((c) => c.start !== key && Date.parse(c.start) >= oldest);
  const logged = view.strip.find((c) => c.start === key)?.short ?? [];
  if (finished.start >= oldest) cells.push({ start: key, short: union(logged, finished.short) });
  cells.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return { ...view, strip: cells };
}
