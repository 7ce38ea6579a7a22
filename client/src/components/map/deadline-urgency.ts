import type { Urgency } from './map-colors';

/** Amber below five minutes (WALL.md), red once the deadline has passed. */
export const NEAR_DEADLINE_MS = 5 * 60_000;

export function deadlineUrgency(msLeft: number, nearMs = NEAR_DEADLINE_MS): Urgency {
  if (msLeft <= 0) return 'breached';
  if (msLeft < nearMs) return 'near';
  return 'ok';
}
