import pg from 'pg';
import type { TestProject } from 'vitest/node';

/** The server the PostgreSQL test run uses; CI starts it (.ci/run). Same default as vitest.config.ts. */
const TEST_PG_SERVER = process.env.GRIDOPS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

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
