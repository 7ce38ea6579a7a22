import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's shared test data (`shared/data/`: real city files, the district geometry). It sits
 * beside the repository (`../shared/data`); a git worktree nested one level deeper (`wt/NAME`)
 * finds it by looking further up. Returns the first `…/shared/data` that exists, else the usual
 * place, so a missing folder is reported with the path people expect.
 */
export function sharedDataDir(): string {
  const repo = resolve(__dirname, '../..');
  for (let dir = dirname(repo); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  return join(dirname(repo), 'shared', 'data');
}

/** A file in the shared data (`sharedDataPath('geo', 'x.geojson')`). */
export function sharedDataPath(...parts: string[]): string {
  return join(sharedDataDir(), ...parts);
}
