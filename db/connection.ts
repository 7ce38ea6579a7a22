import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type GridDb = BetterSQLite3Database<typeof schema>;

export interface Connection {
  sqlite: Database.Database;
  db: GridDb;
  close(): void;
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens (creating if needed) the SQLite file, sets WAL + foreign keys and applies the committed
 * migrations. synchronous=NORMAL (in WAL mode): a commit acknowledged to a client survives a crash
 * or a kill -9 of the process (test/integration/foundation/crash.test.ts); a power cut may lose the
 * last few commits. FULL would also survive that, at an fsync per commit.
 */
export function openDatabase(file: string): Connection {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { sqlite, db, close: () => sqlite.close() };
}
