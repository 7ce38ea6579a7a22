import { DomainError } from '../../shared/domain/common';
import type { EventEnvelope } from '../../shared/events';
import type { EntityWrite, NewEvent } from '../store/store';
import type { Actor, CommandContext } from './context';

/** An event as a command builds it; who and when are filled in at the commit. */
export type EventDraft = NewEvent extends infer E ? (E extends NewEvent ? Omit<E, 'actor' | 'at'> : never) : never;

/** What applying a command to the current state produces: rows to write, one event, the answer. */
export interface Change<R> {
  writes: EntityWrite[];
  event: EventDraft;
  result: R;
}

/** The thing a command names must exist: otherwise `not_found` on the `id` field. */
export function mustExist<T>(what: string, id: string, found: T | undefined): T {
  if (found === undefined) throw new DomainError('not_found', `${what} ${id} not found`, { field: 'id' });
  return found;
}

/**
 * Optimistic concurrency: the caller acts on the version it saw; if the thing changed since, the
 * command is refused with the current version so the screen can show the conflict.
 * `expected` undefined = the command does not ask for a check.
 */
export function assertVersion(what: string, id: string, current: number, expected: number | undefined, field = 'expectedVersion'): void {
  if (expected === undefined || expected === current) return;
  throw new DomainError('stale_version', `${what} ${id} is at version ${current}, not ${expected}`, { field, currentVersion: current });
}

/** The event to store: the draft with who made it and when. */
export function toNewEvent(draft: EventDraft, actor: Actor, at: Date | string): NewEvent {
  // The spread keeps each draft's own type and payload; TypeScript cannot follow that through a union.
  return { ...draft, actor: actor.id, at: typeof at === 'string' ? at : at.toISOString() };
}

/** Commits the writes and the event in one transaction, then publishes the stored event. */
export async function commitEvent(ctx: CommandContext, actor: Actor, at: Date | string, writes: EntityWrite[], draft: EventDraft): Promise<EventEnvelope> {
  const event = await ctx.store.commit(writes, toNewEvent(draft, actor, at));
  ctx.publish(event);
  return event;
}

/**
 * The one skeleton of a command on a versioned thing: load → not found → guard → version check → apply →
 * commit (writes + event in one transaction) → publish. `apply` may answer `unchanged` (nothing
 * to store, e.g. clocking in someone already on duty).
 */
export async function changeVersioned<T extends { version: number }, R>(
  ctx: CommandContext,
  actor: Actor,
  spec: {
    what: string;
    id: string;
    expectedVersion: number | undefined;
    load(): Promise<T | undefined>;
    /** Refuses the command for this caller before the version is looked at (e.g. not their incident). */
    guard?: (current: T) => void;
    apply(current: T, now: Date): Promise<Change<R> | { unchanged: R }> | Change<R> | { unchanged: R };
  },
): Promise<R> {
  const current = mustExist(spec.what, spec.id, await spec.load());
  spec.guard?.(current);
  assertVersion(spec.what, spec.id, current.version, spec.expectedVersion);
  const now = ctx.clock.now();
  const change = await spec.apply(current, now);
  if ('unchanged' in change) return change.unchanged;
  await commitEvent(ctx, actor, now, change.writes, change.event);
  return change.result;
}
