import pg from 'pg';
import type { TestProject } from 'vitest/node';

/** The server the PostgreSQL test run uses; CI starts it (.ci/run). */
export const TEST_PG_SERVER = process.env.GRIDOPS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

/** Whether a PostgreSQL server answers (vitest.config.ts leaves the postgres run out when not). */
export async function postgresAnswers(url = `${TEST_PG_SERVER}/postgres`): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres`, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Global setup of the postgres run: one database for this run (each test server then takes a
 * schema in it), dropped when the run ends, whatever the tests left connected.
 */
export default async function setup(project: TestProject) {
  const name = `gridops_test_${Date.now()}_${process.pid}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  project.provide('pgUrl', `${TEST_PG_SERVER}/${name}`);
  return async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
}
