import type { z } from 'zod';
import { DomainError } from '../../shared/domain/common';

/** Parses command input; the first problem becomes a DomainError naming the field ('location.lat'). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]);
  const field = path.map(String).join('.') || 'body';
  const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  throw new DomainError('invalid', `${field}: ${message}`, { field });
}
