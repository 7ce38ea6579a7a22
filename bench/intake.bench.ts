/**
 * Intake throughput: work orders/s through GridOps' HTTP intake with durable commits (validation,
 * idempotency look-up, group commit with its event, broadcast), against two baselines measured in
 * the same run:
 * - a bare Express 5 endpoint that parses the same JSON body and answers 201 (the HTTP floor of
 *   the framework we use), in its own process like the server, at 16 and 64 requests in flight;
 * - raw better-sqlite3 inserts of the same rows and events, one durable transaction each.
 * Target: ≥ 0.7× bare Express at both concurrencies. BENCH_ORDERS sets the requests per run,
 * BENCH_ROUNDS the alternating bare/GridOps rounds (the median of each is reported);
 * PROFILE_SERVER=DIR writes a CPU profile of GridOps' timed phase per concurrency under DIR.
 */
import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../db/connection';
import { newWorkOrder } from '../shared/domain/work-order';
import { workOrderToRow } from '../server/store/sqlite-mappers';
import { preparedWriter } from '../server/store/prepared-writes';
import * as schema from '../db/schema';
import { tempDbFile } from '../test/support/server';
import { workOrderIntake } from '../test/support/factories';
import { bundleServer } from '../scripts/server-bundle';
import { orderPoster, percentile, report } from './support';

const N = Number(process.env.BENCH_ORDERS ?? 4000);
const WARM_UP = Math.min(500, Math.ceil(N / 4));
const CONCURRENCY = [16, 64];
/** Bare and GridOps runs alternate ROUNDS times and the median of each is kept: the 2 cores are shared, and load drifts. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 0.7;

function rawInserts(): number {
  const { sqlite } = openDatabase(tempDbFile());
  // The server's own prepared insert (every column, in the table's order): the same row work, minus the server.
  const orders = preparedWriter(sqlite, schema.workOrders);
  const insertEvent = sqlite.prepare('INSERT INTO events (type, entity_type, entity_id, payload, actor, at) VALUES (?,?,?,?,?,?)');
  const at = new Date();
  const rows = Array.from({ length: N }, (_, i) => newWorkOrder(`WO-${i}`, workOrderIntake() as never, { lat: 45.6, lng: 84.87 }, at));
  const one = sqlite.transaction((o: (typeof rows)[number]) => {
    const row = workOrderToRow(o);
    orders.insert(row);
    insertEvent.run('workOrder.received', 'workOrder', o.id, JSON.stringify({ workOrder: o }), 'bench', at.toISOString());
  });
  const start = performance.now();
  for (const o of rows) one(o);
  const seconds = (performance.now() - start) / 1000;
  sqlite.close();
  return N / seconds;
}

/**
 * A server script compiled as `npm start` compiles the server (scripts/server-bundle.ts): the
 * figures are those of the code production runs, not of tsx's on-the-fly transform.
 */
async function compiled(entry: string): Promise<string> {
  return (await bundleServer({ entry, outfile: join('dist', 'bench', basename(entry).replace(/\.ts$/, '.mjs')) })).outfile;
}

/**
 * Starts `script` (which prints its port) in its own process, as in production, so the load
 * generator does not share its event loop; this process only sends requests. A warm-up of
 * WARM_UP requests comes first (JIT, SQLite page cache), then N timed ones.
 */
async function throughput(script: string, inFlight: number, env: NodeJS.ProcessEnv = {}): Promise<{ perSecond: number; cpuMicros: number; perBatch: number }> {
  const server = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const lines = createInterface({ input: server.stdout });
  const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const port = Number(await nextLine());
  const usage = async () => {
    const line = nextLine();
    server.kill('SIGUSR2');
    const { user, system, batches = 0, commands = 0 } = JSON.parse(await line) as { user: number; system: number; batches?: number; commands?: number };
    return { cpu: user + system, batches, commands };
  };
  const { send, close } = orderPoster(port, inFlight);
  await send(Array.from({ length: WARM_UP }, () => JSON.stringify(workOrderIntake())));
  const bodies = Array.from({ length: N }, () => JSON.stringify(workOrderIntake()));
  const before = await usage();
  const start = performance.now();
  await send(bodies);
  const seconds = (performance.now() - start) / 1000;
  const after = await usage();
  const cpuMicros = after.cpu - before.cpu;
  const batches = after.batches - before.batches;
  close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  return { perSecond: N / seconds, cpuMicros: cpuMicros / N, perBatch: batches ? (after.commands - before.commands) / batches : 0 };
}

const bareServer = await compiled('bench/bare-express-server.ts');
const gridServer = await compiled('bench/intake-server.ts');
const raw = rawInserts();
report(`raw better-sqlite3 durable inserts (${N})`, raw, 'orders/s');
let met = true;
for (const inFlight of CONCURRENCY) {
  const bares: Array<{ perSecond: number; cpuMicros: number }> = [];
  const grids: Array<{ perSecond: number; cpuMicros: number; perBatch: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    bares.push(await throughput(bareServer, inFlight));
    grids.push(await throughput(gridServer, inFlight, process.env.PROFILE_SERVER ? { PROFILE_SERVER: `${process.env.PROFILE_SERVER}/${inFlight}` } : {}));
  }
  const bare = percentile(
    bares.map((r) => r.perSecond),
    50,
  );
  const grid = percentile(
    grids.map((r) => r.perSecond),
    50,
  );
  const bareCpu = percentile(
    bares.map((r) => r.cpuMicros),
    50,
  );
  const gridCpu = percentile(
    grids.map((r) => r.cpuMicros),
    50,
  );
  report(`bare Express 5, parse + 201, ${inFlight} in flight (${N} × ${ROUNDS})`, bare, 'orders/s');
  report(`GridOps HTTP intake, ${inFlight} in flight (${N} × ${ROUNDS})`, grid, 'orders/s');
  report(`ratio HTTP / bare Express, ${inFlight} in flight (target ≥ ${TARGET})`, grid / bare, '×');
  report(`ratio HTTP / raw inserts, ${inFlight} in flight`, grid / raw, '×');
  // Server CPU per request does not move with the machine's load the way throughput does.
  report(`server CPU per request, bare Express, ${inFlight} in flight`, bareCpu, 'µs');
  report(`server CPU per request, GridOps, ${inFlight} in flight`, gridCpu, 'µs');
  report(`ratio CPU per request bare / GridOps, ${inFlight} in flight`, bareCpu / gridCpu, '×');
  report(
    `GridOps orders per group commit, ${inFlight} in flight`,
    percentile(
      grids.map((r) => r.perBatch),
      50,
    ),
    'orders',
  );
  if (grid / bare < TARGET) met = false;
}
console.log(`target ≥ ${TARGET}× bare Express at ${CONCURRENCY.join(' and ')} in flight: ${met ? 'met' : 'NOT met'}`);
