/**
 * Intake throughput: work orders/s through HTTP with durable commits (validation, idempotency
 * look-up, one transaction with its event, broadcast) vs raw better-sqlite3 inserts of the same
 * rows and events, one durable transaction each, in the same run.
 * Targets: ≥ 1,000 orders/s and ≥ 0.3 of raw.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { openDatabase } from '../db/connection';
import { newWorkOrder } from '../shared/domain/work-order';
import { workOrderToRow } from '../server/store/sqlite-mappers';
import { preparedWriter } from '../server/store/prepared-writes';
import * as schema from '../db/schema';
import { tempDbFile } from '../test/support/server';
import { workOrderIntake } from '../test/support/factories';
import { report } from './support';

const N = Number(process.env.BENCH_ORDERS ?? 4000);
const IN_FLIGHT = 16;

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
 * The server runs in its own process (as in production) so the load generator does not share
 * its event loop; this process only sends requests.
 */
async function httpIntake(): Promise<number> {
  const server = spawn(process.execPath, [...(process.env.PROFILE_SERVER ? ['--cpu-prof', '--cpu-prof-dir=/tmp/cpuprof2'] : []), '--import', 'tsx', 'bench/intake-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
  const bodies = Array.from({ length: N }, () => JSON.stringify(workOrderIntake()));
  // node:http with keep-alive: a lighter client than fetch, so the server is what is measured.
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: '/api/work-orders', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`intake failed: ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < bodies.length) await post(bodies[next++]);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  server.kill();
  return N / seconds;
}

const raw = rawInserts();
const viaHttp = await httpIntake();
report(`raw better-sqlite3 durable inserts (${N})`, raw, 'orders/s');
report(`GridOps HTTP intake, ${IN_FLIGHT} in flight (${N})`, viaHttp, 'orders/s');
report("ratio HTTP / raw (target ≥ 0.30)", viaHttp / raw, '×');
console.log(`target ≥ 1,000 orders/s: ${viaHttp >= 1000 ? 'met' : 'NOT met'}`);
