import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/connection';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { seedDemo } from './demo/seed';
import { logger } from './logger';
import { SqliteStore } from './store/sqlite-store';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const config = loadConfig();
  const connection = openDatabase(config.dbFile);
  const store = new SqliteStore(connection);
  const grid = createApp({
    store,
    settings: { ...DEFAULT_SETTINGS, timeZone: config.timeZone },
    clientDir: join(ROOT, 'dist', 'client'),
  });
  if (config.demo) await seedDemo(grid.ctx);
  const port = await grid.listen(config.port, config.host);
  logger.info({ port, db: config.dbFile, demo: config.demo, timeZone: config.timeZone }, `GridOps listening on http://localhost:${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await grid.close();
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
