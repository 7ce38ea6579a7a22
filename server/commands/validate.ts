import type { z } from 'zod';
import { DomainError } from '../../shared/domain/common';

/**
 * Parses command input; the first problem becomes a DomainError naming the field ('location.lat').
 * Text holding the NUL character is refused here for every command: PostgreSQL cannot store it in
 * text or jsonb (SQLite can), so without this check one store answered 400 and the other 500.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = [...issue.path];
    if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]);
    const field = path.map(String).join('.') || 'body';
    const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
    throw new DomainError('invalid', `${field}: ${message}`, { field });
  }
  const nul = pathToNul(result.data);
  if (nul !== null) {
    const field = nul.join('.') || 'body';
    throw new DomainError('invalid', `${field}: text may not contain the NUL character (U+0000)`, { field });
  }
  return result.data;
}

/** The path to the first string (value or key) holding U+0000, or null. The path is built only when one is found. */
function pathToNul(value: unknown): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    if (key.includes('\u0000')) return [key];
    const found = pathToNul((value as Record<string, unknown>)[key]);
    if (found) {
      found.unshift(key);
      return found;
    }
  }
  return null;
}
