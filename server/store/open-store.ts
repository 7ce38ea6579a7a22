import { openDatabase } from '../../db/connection';
import { isPostgresUrl, openPostgres } from '../../db/pg/connection';
import type { AuthStore } from '../auth/auth-store';
import { SqliteAuthStore } from '../auth/auth-store';
import { PgAuthStore } from '../auth/pg-auth-store';
import type { FieldStore } from '../field/field.store';
import { PgFieldStore } from '../field/pg-field.store';
import { SqliteFieldStore } from '../field/sqlite-field.store';
import { PgStore } from './pg-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

/** Where the data lives: a PostgreSQL URL (several nodes), else the embedded SQLite file. */
export interface StoreLocation {
  databaseUrl?: string;
  /** PostgreSQL schema for the tables; default `public`. */
  databaseSchema?: string;
  /** SQLite file, used when there is no database URL. */
  dbFile: string;
  /** PostgreSQL connections per node. */
  poolSize?: number;
}

export interface OpenedStores {
  kind: 'sqlite' | 'postgres';
  store: Store;
  authStore: AuthStore;
  fieldStore: FieldStore;
  /** Closes the connection both stores share. */
  close(): Promise<void>;
}

/** The one place that picks the store: the handlers only ever see the `Store` interface. */
export async function openStores(location: StoreLocation): Promise<OpenedStores> {
  if (isPostgresUrl(location.databaseUrl)) {
    const connection = await openPostgres({ url: location.databaseUrl, schema: location.databaseSchema, poolSize: location.poolSize });
    const store = new PgStore(connection);
    return { kind: 'postgres', store, authStore: new PgAuthStore(connection), fieldStore: new PgFieldStore(connection), close: () => store.close() };
  }
  const connection = openDatabase(location.dbFile);
  const store = new SqliteStore(connection);
  return { kind: 'sqlite', store, authStore: new SqliteAuthStore(connection), fieldStore: new SqliteFieldStore(connection), close: () => store.close() };
}
