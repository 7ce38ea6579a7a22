import type { FactRef } from './facts';
import type { Cause } from './types';
import { MAX_CAUSES_PER_LINE } from './blocks';

export function eventCause(what: string, id: string, ref: FactRef, detail: Cause['detail'] = {}): Cause {
  return {
    kind: 'event',
    what,
    id,
    seq: ref.seq,
    at: ref.at,
    actor: ref.actor,
    entityType: ref.entityType,
    entityId: ref.entityId,
    detail,
  };
}

/** The first MAX_CAUSES_PER_LINE causes of a map, without walking the rest (keeps rescoring O(1)). */
export function firstCauses<T>(items: Iterable<T>, toCause: (item: T) => Cause): Cause[] {
  const causes: Cause[] = [];
  for (const item of items) {
    if (causes.length >= MAX_CAUSES_PER_LINE) break;
    causes.push(toCause(item));
  }
  return causes;
}

const built = new WeakMap<object, { variant: unknown; cause: Cause }>();

/**
 * The cause of a fact, built once: a read rebuilds up to MAX_CAUSES_PER_LINE causes per line, and
 * formatting their times is most of a read's cost in a busy month. `variant` is whatever else the
 * cause depends on (the settings it was read with); a different one builds it again. Facts are never
 * changed in place, so a fact's cause never goes stale.
 */
export function causeOnce(fact: object, variant: unknown, build: () => Cause): Cause {
  const hit = built.get(fact);
  if (hit && hit.variant === variant) return hit.cause;
  const cause = build();
  built.set(fact, { variant, cause });
  return cause;
}
