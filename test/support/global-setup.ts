import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleServer } from '../../scripts/server-bundle';

/**
 * Browser tests need the built client: built once per run if the sources are newer than the build.
 * The tests that run the server as a process of its own run it as `npm start` does: compiled
 * (dist/server/main.mjs), built again for every run.
 */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export default async function setup() {
  const built = 'dist/client/index.html';
  const sources = Math.max(newest('client'), newest('shared'));
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    execSync('npx vite build --logLevel error', { stdio: 'inherit' });
  }
  await bundleServer();
}
