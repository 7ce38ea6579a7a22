import type { FactRef } from './facts';
import type { Cause } from './types';
import { MAX_CAUSES_PER_LINE } from './blocks';

export function eventCause(
  what: string,
  id: string,
  ref: FactRef,
  detail: Cause['detail'] = {},
): Cause {
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
