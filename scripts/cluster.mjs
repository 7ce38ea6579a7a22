// `npm run cluster`: a try-out of several nodes on one machine: two GridOps nodes on one
// PostgreSQL database and one Redis, behind HAProxy (deploy/haproxy/gridops.cfg).
//   http://localhost:3000      the proxy: what browsers open
//   http://localhost:3001/3002 node a (seeds the demo and runs the simulator) and node b
// Needs PostgreSQL (GRIDOPS_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/gridops,
// created if missing), Redis (GRIDOPS_REDIS_URL, default redis://127.0.0.1:6379) and `haproxy`.
// Kill a node (kill -9 its pid, printed below) and watch the wall carry on through the other.
import { spawn, spawnSync } from 'node:child_process';
import pg from 'pg';

const env = process.env;
const databaseUrl = env.GRIDOPS_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/gridops';
const redisUrl = env.GRIDOPS_REDIS_URL || 'redis://127.0.0.1:6379';
const proxyPort = Number(env.PORT || 3000);
const nodes = [
  { id: 'a', port: proxyPort + 1, demo: env.GRIDOPS_DEMO ?? '1' },
  { id: 'b', port: proxyPort + 2, demo: '0' },
];

async function ensureDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

async function healthy(port, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`node on port ${port} did not start`);
}

const children = [];
function stopAll(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));

try {
  await ensureDatabase(databaseUrl);
} catch (error) {
  console.error(`GridOps cluster: PostgreSQL at ${databaseUrl} does not answer (${error.message})`);
  process.exit(1);
}
if (spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status !== 0) {
  console.error('GridOps cluster: haproxy is not installed (apt-get install -y haproxy)');
  process.exit(1);
}
const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function startNode(node) {
  // The server as `npm start` runs it: compiled once by start.mjs --build-only above.
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.mjs'], {
    stdio: 'inherit',
    env: {
      ...env,
      PORT: String(node.port),
      HOST: '127.0.0.1',
      GRIDOPS_NODE_ID: node.id,
      GRIDOPS_DEMO: node.demo,
      GRIDOPS_DATABASE_URL: databaseUrl,
      GRIDOPS_REDIS_URL: redisUrl,
    },
  });
  children.push(child);
  console.log(`GridOps cluster: node ${node.id} pid ${child.pid} on http://127.0.0.1:${node.port}`);
  return child;
}

// Node a first: it migrates the database and seeds the demo; b then joins a ready database.
startNode(nodes[0]);
await healthy(nodes[0].port);
startNode(nodes[1]);
await healthy(nodes[1].port);
const proxy = spawn('haproxy', ['-db', '-f', 'deploy/haproxy/gridops.cfg'], {
  stdio: 'inherit',
  env: {
    ...env,
    GRIDOPS_PROXY_BIND: env.HOST || '0.0.0.0',
    GRIDOPS_PROXY_PORT: String(proxyPort),
    GRIDOPS_NODE_A: `127.0.0.1:${nodes[0].port}`,
    GRIDOPS_NODE_B: `127.0.0.1:${nodes[1].port}`,
  },
});
children.push(proxy);
proxy.on('exit', (code) => {
  console.error(`GridOps cluster: haproxy exited (${code})`);
  stopAll(1);
});
console.log(`\nGridOps cluster: open http://localhost:${proxyPort} (HAProxy over nodes a and b)\n`);
