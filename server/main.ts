import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { KARAMAY_DEPARTMENTS } from '../shared/board/departments';
import { dayKey } from '../shared/time';
import { createApp } from './app';
import { AuthService } from './auth/auth-service';
import { DEMO_ACCOUNTS, ensureAdmin, ensureDemoAccounts } from './auth/bootstrap';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { seedDemo } from './demo/seed';
import { startDemoFeed } from '../sim';
import { simSessionCookie } from './demo/sim-session';
import { logger } from './logger';
import { openStores } from './store/open-store';
import { redisCluster } from './cluster/redis-adapter';

/** A one-year service period from the latest 20 September on or before today. */
function demoServicePeriod(now: Date, timeZone: string) {
  const today = dayKey(now, timeZone);
  const year = Number(today.slice(0, 4)) - (today.slice(5) >= '09-20' ? 0 : 1);
  return { start: `${year}-09-20`, end: `${year + 1}-09-19` };
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const config = loadConfig();
  const stores = await openStores(config);
  const store = stores.store;
  const auth = new AuthService({ store: stores.authStore, clock: systemClock });
  // Several nodes: PostgreSQL holds the data, Redis links the nodes' sockets (README: Several nodes).
  const cluster = config.redisUrl ? await redisCluster(config.nodeId, config.redisUrl, `gridops:${config.databaseSchema}`) : undefined;
  if (stores.kind === 'postgres' && !cluster)
    logger.warn('PostgreSQL without GRIDOPS_REDIS_URL: events of other nodes arrive by polling (1 s), positions and logouts do not cross nodes');
  const grid = createApp({
    store,
    cluster,
    auth,
    settings: {
      ...DEFAULT_SETTINGS,
      timeZone: config.timeZone,
      // A new installation starts with the district's department directory; managers edit it in the settings.
      departments: [...KARAMAY_DEPARTMENTS],
      // The demo runs today: its contract year starts on the last 20 September, as the real one did in 2024.
      ...(config.demo ? { servicePeriods: [demoServicePeriod(new Date(), config.timeZone)] } : {}),
    },
    overdueSweepMs: 60_000,
    clientDir: join(ROOT, 'dist', 'client'),
    trustProxy: config.trustProxy,
    timeBounds: config.timeBounds,
    allowedOrigins: config.allowedOrigins,
    scoreCheckpointEvery: config.scoreCheckpointEvery,
    // With several nodes, photos need a directory every node sees (a shared mount).
    field: { store: stores.fieldStore, photoDir: join(dirname(config.dbFile), 'photos') },
    // Month reports (workbook + PDF) are written here when a month closes (README: Reports).
    reportDir: join(dirname(config.dbFile), 'reports'),
  });
  // A restart of the demo resumes its day: the feed backdates a warm start only into a fresh database.
  const resumed = (await store.lastSeq()) > 0;
  if (config.demo) await seedDemo(grid.ctx);
  const admin = await ensureAdmin(auth, process.env.GRIDOPS_ADMIN_PASSWORD || undefined);
  const demo = config.demo ? await ensureDemoAccounts(auth) : undefined;
  const port = await grid.listen(config.port, config.host);
  // The living demo: a simulated center driving this server through its own public API.
  const feedHost = !config.host || config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const feed = config.demo
    ? startDemoFeed({
        baseUrl: `http://${feedHost}:${port}`,
        cookie: await simSessionCookie(auth, 'demo-feed'),
        log: (m) => logger.info(m),
        ...(resumed ? { config: { warmStartHours: 0 } } : {}),
      })
    : undefined;
  logger.info(
    { port, node: config.nodeId, db: stores.kind === 'postgres' ? 'postgres' : config.dbFile, demo: config.demo, timeZone: config.timeZone },
    `GridOps listening on http://localhost:${port}`,
  );
  // Straight to the console, never through the logger: log files must not hold passwords.
  if (admin.generatedPassword) {
    console.log(`\nGridOps: first run. Log in as admin / ${admin.generatedPassword}\n(shown once; set GRIDOPS_ADMIN_PASSWORD to choose it)\n`);
  }
  if (demo) {
    const base = `http://localhost:${port}`;
    const lines = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(8)} ${a.username} / ${a.password}`);
    console.log(`\nGridOps demo accounts (${base}/login):\n${lines.join('\n')}\n  wall     ${base}${demo.kioskPath}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await feed?.stop();
    await grid.close();
    await cluster?.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`GridOps: bad configuration: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
