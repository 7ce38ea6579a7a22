// `npm start`: build the client when its sources are newer than the build, then run the server
// with the demo feed on (GRIDOPS_DEMO=1) unless the environment says otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = 'dist/client/index.html';
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(newest('client'), newest('shared'))) {
  console.log('GridOps: building the client…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// `npm run cluster` builds through here, then starts its own nodes.
if (process.argv.includes('--build-only')) process.exit(0);

const env = { ...process.env, GRIDOPS_DEMO: process.env.GRIDOPS_DEMO ?? '1' };
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
