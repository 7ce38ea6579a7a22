import { openDatabase } from '../../db/connection';
import { DEFAULT_SETTINGS, type ContractSettings } from '../../shared/settings';
import { createApp, type GridApp } from '../app';
import { FakeClock } from '../clock';
import { sequentialIds } from '../commands/context';
import { SqliteStore } from '../store/sqlite-store';

/**
 * A GridOps server in this process on a fake clock, for month fills and benchmarks.
 * The simulator still talks to it over HTTP on a free port: the same door as real traffic.
 */
export interface InProcessServer {
  baseUrl: string;
  clock: FakeClock;
  grid: GridApp;
  close(): Promise<void>;
}

export async function startInProcessServer(options: { dbFile: string; start: Date; settings?: ContractSettings }): Promise<InProcessServer> {
  const clock = new FakeClock(options.start);
  const store = new SqliteStore(openDatabase(options.dbFile));
  const grid = createApp({
    store,
    clock,
    settings: options.settings ?? DEFAULT_SETTINGS,
    ids: sequentialIds(),
    logger: undefined,
  });
  const port = await grid.listen(0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    clock,
    grid,
    async close() {
      await grid.close();
      await store.close();
    },
  };
}
