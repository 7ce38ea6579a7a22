import { createHash } from 'node:crypto';
import { inject } from 'vitest';
import type { StoreLocation } from '../../server/store/open-store';

/**
 * Which store this test run uses. vitest runs the integration suite twice (vitest.config.ts):
 * project `sqlite` and project `postgres`, which sets GRIDOPS_TEST_STORE=postgres. Every test
 * server of the postgres run lives in a schema of its own inside one database that the global
 * setup created for this run (and drops at the end).
 */
export const testStoreKind: 'sqlite' | 'postgres' = process.env.GRIDOPS_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's PostgreSQL database; '' when no PostgreSQL answered. */
    pgUrl: string;
  }
}

export function testPgUrl(): string {
  const url = inject('pgUrl');
  if (!url) throw new Error('no PostgreSQL for this run (see the global setup line about PostgreSQL)');
  return url;
}

/**
 * The schema that stands for a temp SQLite file: a test that restarts its server on the same
 * `dbFile` finds the same data in PostgreSQL too.
 */
export const schemaFor = (dbFile: string) => `t_${createHash('sha256').update(dbFile).digest('hex').slice(0, 20)}`;

export function testStoreLocation(dbFile: string): StoreLocation {
  if (testStoreKind === 'sqlite') return { dbFile };
  return { dbFile, databaseUrl: testPgUrl(), databaseSchema: schemaFor(dbFile), poolSize: 4 };
}

/** The same, as the environment of a spawned `server/main.ts`. */
export function testStoreEnv(dbFile: string): Record<string, string> {
  const location = testStoreLocation(dbFile);
  return {
    GRIDOPS_DB: dbFile,
    ...(location.databaseUrl ? { GRIDOPS_DATABASE_URL: location.databaseUrl, GRIDOPS_DATABASE_SCHEMA: location.databaseSchema! } : {}),
  };
}
