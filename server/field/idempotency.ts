import { DomainError } from '../../shared/domain/common';
import { idempotencyKeySchema, IDEMPOTENCY_HEADER } from '../../shared/field/field-commands';
import type { Request } from 'express';

/** The `Idempotency-Key` header, if sent; a malformed one is refused rather than ignored. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const value = req.headers[IDEMPOTENCY_HEADER];
  if (value === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(value);
  if (!parsed.success) throw new DomainError('invalid', `Idempotency-Key: ${parsed.error.issues[0].message}`, { field: 'idempotencyKey' });
  return parsed.data;
}

/** The unique index on (actor, key) refused a second commit of the same key. */
export const isDuplicateKey = (error: unknown) => String((error as Error)?.message ?? '').includes('idempotency_keys');
