import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema';

export type PgDb = NodePgDatabase<typeof schema>;

export interface PgConnection {
  pool: pg.Pool;
  db: PgDb;
  /** The schema the tables live in ('public' unless a test asked for its own). */
  schema: string;
  close(): Promise<void>;
}

export interface PgOptions {
  url: string;
  /** A schema of its own (tests run many servers side by side in one database). */
  schema?: string;
  /** Connections per node: commits queue for the event-head lock anyway, a few are enough. */
  poolSize?: number;
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Any constant: nodes starting together take turns applying the migrations. */
const MIGRATION_LOCK = 16_16_16;

/** bigint (int8) columns come back as numbers: seq stays far below 2^53. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * Connects to PostgreSQL and applies the committed migrations (`db/pg/migrations`) under an
 * advisory lock, so two nodes booting at once do not both run them.
 */
export async function openPostgres(options: PgOptions): Promise<PgConnection> {
  const schemaName = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schemaName)) throw new Error(`bad schema name ${schemaName}`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    options: schemaName === 'public' ? undefined : `-c search_path=${schemaName}`,
  });
  // A dropped connection in the pool must not take the process down; the next query reconnects.
  pool.on('error', () => {});
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    if (schemaName !== 'public') await client.query(`CREATE SCHEMA IF NOT EXISTS "${schemaName}"`);
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS, migrationsSchema: schemaName === 'public' ? 'drizzle' : schemaName });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  const db = drizzle(pool, { schema });
  return { pool, db, schema: schemaName, close: () => pool.end() };
}

/** `postgres://…` or `postgresql://…`: the store GRIDOPS_DATABASE_URL selects. */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);
