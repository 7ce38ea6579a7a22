import { execFileSync } from 'node:child_process';

/**
 * What the tests run, built as `npm start` builds it (scripts/start.mjs --build-only): the client
 * (the browser tests' pages) and the compiled server (the tests that run it as a process of its
 * own), each only when a source is newer than its build.
 */
export default function setup() {
  execFileSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' });
}
