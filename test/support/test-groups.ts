/**
 * How the test files are run (vitest.config.ts). Most share one module graph per worker (vitest's
 * `isolate: false`): the server's modules are loaded once per worker instead of once per file, which
 * took 2.5 s of every file (381 s of a full run). Two kinds of file are set apart.
 */

/**
 * Files that replace a module with `vi.mock`: in a shared module graph the replacement would leak
 * into the files after them, so each runs in a fresh graph of its own.
 * test/unit/types/test-groups.test.ts fails when a file that mocks is missing here.
 */
export const MOCKING_FILES = [
  'test/integration/scoring/rule-table-swap.test.ts',
  'test/unit/scoring/what-if-rule-table.test.ts',
  'test/unit/client/coverage-store.test.ts',
];

/**
 * Files whose bar is a time measured in the test (a lead's p99 during a resync storm, a conflict
 * answered within 1 s, every screen back within 5 s of a node's kill): they run after every other
 * file, one at a time, so the other worker's browsers and servers are not what they measure.
 */
export const TIMED_FILES = [
  // Beside the other files, the failover's 200 screens came back within 1.4–2.3 s in fresh-clone CI
  // runs on session 7's machine, and after 5.5 s once on session 6's slower one; alone, within 1.1 s.
  'test/cluster/failover.test.ts',
  'test/integration/hardening/abuse.test.ts',
  'test/e2e/dispatch/dispatch-conflict.test.ts',
];

/** The integration suites: the store contract, run on each store. */
export const INTEGRATION = 'test/integration/**/*.test.ts';
export const isIntegration = (file: string) => file.startsWith('test/integration/');
/** Several nodes on PostgreSQL: the postgres run only. */
export const isCluster = (file: string) => file.startsWith('test/cluster/');

/**
 * The longest files, longest first (project:file, from a fresh-clone CI run's timings): they start
 * before everything else, whatever their project (test/support/longest-first-sequencer.ts).
 */
export const LONGEST_FILES = [
  'sqlite:test/e2e/a11y/axe.e2e.test.ts',
  'postgres:test/integration/reports/month-report.test.ts',
  'sqlite:test/e2e/field/field-phone.e2e.test.ts',
  'sqlite:test/integration/reports/month-report.test.ts',
  'sqlite:test/e2e/wall.e2e.test.ts',
  'sqlite:test/integration/hardening/fuzz.test.ts',
  'sqlite:test/e2e/wall/wall-typography.e2e.test.ts',
  'sqlite:test/e2e/dispatch/board-shift.e2e.test.ts',
];
