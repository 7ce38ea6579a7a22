import { defineConfig, type ViteUserConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import pg from 'pg';
import LongestFirstSequencer from './test/support/longest-first-sequencer.ts';
import { INTEGRATION, isCluster, isIntegration, MOCKING_FILES, TIMED_FILES } from './test/support/test-groups.ts';

/** The PostgreSQL server of the postgres run (test/support/pg-setup.ts reads the same variable). */
const TEST_PG_SERVER = process.env.GRIDOPS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres`, connectionTimeoutMillis: 1500 });
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

/**
 * Two runs: `sqlite` is every test on the embedded store; `postgres` is the integration suite
 * again on PostgreSQL (the store contract both must keep) plus the cluster tests that only make
 * sense there. Without a PostgreSQL server the second run is left out with a loud line, except
 * under CI=true, where it runs and fails. Each run's files share one module graph per worker, but
 * the files that mock a module get their own, and the timed files run last, alone
 * (test/support/test-groups.ts).
 */
export default defineConfig(async () => {
  const withPostgres = process.env.CI === 'true' || (await postgresAnswers());
  if (!withPostgres) {
    console.warn(`\n!!! PostgreSQL does not answer at ${TEST_PG_SERVER}: the postgres test run is SKIPPED (CI=true makes this a failure) !!!\n`);
  }
  const globalSetup = ['test/support/global-setup.ts'];
  const setApart = [...MOCKING_FILES, ...TIMED_FILES];
  const sqlite = { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/cluster/**'], globalSetup };
  const postgres = {
    name: 'postgres',
    // The store contract on PostgreSQL: every integration suite again, and the cluster.
    // Left out: what only the SQLite file has, its backup/restore tool (PostgreSQL has pg_dump).
    include: [INTEGRATION, 'test/cluster/**/*.test.ts'],
    exclude: ['test/integration/hardening/backup.test.ts'],
    env: { GRIDOPS_TEST_STORE: 'postgres' },
    globalSetup: [...globalSetup, 'test/support/pg-setup.ts'],
  };
  /** One store's run as three projects: shared module graph, mocking files, timed files. */
  const runsOf = (store: typeof sqlite | typeof postgres, files: (file: string) => boolean) => [
    { extends: true as const, test: { ...store, exclude: [...store.exclude, ...setApart], isolate: false } },
    { extends: true as const, test: { ...store, name: `${store.name}:mocking`, include: MOCKING_FILES.filter(files), exclude: [] } },
    {
      extends: true as const,
      test: { ...store, name: `${store.name}:timed`, include: TIMED_FILES.filter(files), exclude: [], maxWorkers: 1, sequence: { groupOrder: 1 } },
    },
  ];
  const config: ViteUserConfig = {
    // vite.config.ts roots at client/; tests live at the top, so vitest gets its own root.
    plugins: [vue()],
    root: '.',
    test: {
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // Two test files at a time on the 2-core machine: most files wait on sockets, a browser or
      // PostgreSQL, so a second one overlaps that waiting (vitest's default here is one).
      maxWorkers: 2,
      reporters: ['default', './test/support/summary-reporter.ts'],
      sequence: { sequencer: LongestFirstSequencer },
      projects: [...runsOf(sqlite, (file) => !isCluster(file)), ...(withPostgres ? runsOf(postgres, (file) => isIntegration(file) || isCluster(file)) : [])],
    },
  };
  return config;
});
