import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's shared data (`shared/data/…`, beside the repository, not in it). The checkout may
 * sit one folder deeper (a git worktree), so look upwards from the repository's parent.
 */
export function sharedDataPath(...parts: string[]): string {
  const repo = resolve(__dirname, '../..');
  for (let dir = dirname(repo); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', ...parts);
    if (existsSync(candidate) || dirname(dir) === dir) return candidate;
  }
}
