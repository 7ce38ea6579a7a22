import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../server/clock';
import { sequentialIds } from '../../../server/commands/context';
import { FAST_SIM_CONFIG } from '../../../sim/config';
import { Simulation } from '../../../sim/simulation';
import { createTarget } from '../../../sim/target';
import { startTestServer, type TestServer } from '../../support/server';

/** February 2025 (28 days, inside the first service period), as `npm run sim -- --month` fills one, at low volume (4–6 orders a day: every figure of the report is still there, in a third of the time). */
export const SIM_MONTH = '2025-02';
export const SIM_START = new Date('2025-02-01T00:00:00+08:00');
export const SIM_END = new Date('2025-03-01T00:00:00+08:00');

const ROOT = join(import.meta.dirname, '../../..');

export interface SimulatedMonth {
  server: TestServer;
  reportDir: string;
  sim: Simulation;
}

/**
 * A real server (serving the built client, so its Chromium can print) filled with a simulated
 * month by the simulator through the public API, stopped a minute before the month ends.
 */
export async function simulateMonth(ordersPerDay = { min: 4, max: 6 }): Promise<SimulatedMonth> {
  const reportDir = join(mkdtempSync(join(tmpdir(), 'gridops-reports-')), 'reports');
  const server = await startTestServer({ clock: new FakeClock(SIM_START), ids: sequentialIds(), clientDir: join(ROOT, 'dist/client'), reportDir });
  const target = createTarget({ baseUrl: server.url, cookie: server.headers.cookie, clock: server.clock, speed: Infinity, start: SIM_START });
  const sim = new Simulation(target, { seed: 11, ordersPerDay, incidentsPerDay: 3 }, FAST_SIM_CONFIG);
  await sim.run(SIM_END.getTime() - 60_000);
  return { server, reportDir, sim };
}
