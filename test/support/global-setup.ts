import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Browser tests need the built client; build once per run if the sources are newer than the build. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export default function setup() {
  const built = 'dist/client/index.html';
  const sources = Math.max(newest('client'), newest('shared'));
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    execSync('npx vite build --logLevel error', { stdio: 'inherit' });
  }
}
