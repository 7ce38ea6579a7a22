// `npm start`: build the client and the server where their sources are newer than the builds, then
// run the compiled server with the demo feed on (GRIDOPS_DEMO=1) unless the environment says otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function run(what, command, args) {
  console.log(`GridOps: building ${what}…`);
  const build = spawnSync(command, args, { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const client = 'dist/client/index.html';
if (!existsSync(client) || statSync(client).mtimeMs < Math.max(newest('client'), newest('shared'))) {
  run('the client', 'npx', ['vite', 'build', '--logLevel', 'warn']);
}

// The server, compiled once (scripts/server-bundle.ts), again when a source it was built from changed.
const SERVER = 'dist/server/main.mjs';
const inputs = 'dist/server/main.inputs.json';
function serverStale() {
  if (!existsSync(SERVER) || !existsSync(inputs)) return true;
  const builtAt = statSync(SERVER).mtimeMs;
  return JSON.parse(readFileSync(inputs, 'utf8')).some((file) => !existsSync(file) || statSync(file).mtimeMs > builtAt);
}
if (serverStale()) run('the server', process.execPath, ['--import', 'tsx', 'scripts/server-bundle.ts']);

// `npm run cluster` builds through here, then starts its own nodes.
if (process.argv.includes('--build-only')) process.exit(0);

const env = { ...process.env, GRIDOPS_DEMO: process.env.GRIDOPS_DEMO ?? '1' };
// Stack traces name the TypeScript sources (the bundle's source map).
const server = spawn(process.execPath, ['--enable-source-maps', SERVER], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
