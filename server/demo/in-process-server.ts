import { openDatabase } from '../../db/connection';
import { DEFAULT_SETTINGS, type ContractSettings } from '../../shared/settings';
import { createApp, type GridApp } from '../app';
import { AuthService } from '../auth/auth-service';
import { SqliteAuthStore } from '../auth/auth-store';
import { FakeClock } from '../clock';
import { sequentialIds } from '../commands/context';
import { SqliteStore } from '../store/sqlite-store';
import { simSessionCookie } from './sim-session';

/**
 * A GridOps server in this process on a fake clock, for month fills and benchmarks.
 * The simulator still talks to it over HTTP on a free port: the same door as real traffic.
 */
export interface InProcessServer {
  baseUrl: string;
  clock: FakeClock;
  grid: GridApp;
  /** A manager session cookie for the simulator (seats, leads and the roster act through it). */
  cookie: string;
  close(): Promise<void>;
}

export async function startInProcessServer(options: { dbFile: string; start: Date; settings?: ContractSettings }): Promise<InProcessServer> {
  const clock = new FakeClock(options.start);
  const connection = openDatabase(options.dbFile);
  const store = new SqliteStore(connection);
  const auth = new AuthService({ store: new SqliteAuthStore(connection), clock, bcryptRounds: 4 });
  const grid = createApp({ store, auth, clock, settings: options.settings ?? DEFAULT_SETTINGS, ids: sequentialIds() });
  const port = await grid.listen(0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    clock,
    grid,
    cookie: await simSessionCookie(auth),
    async close() {
      await grid.close();
      await store.close();
    },
  };
}
