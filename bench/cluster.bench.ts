/**
 * `npm run bench -- cluster`: GridOps on PostgreSQL, in one run and one fresh database (created
 * here, dropped at the end):
 * 1. bare inserts: the same rows a work-order intake writes (the work order, the event-head bump,
 *    the event), one transaction each, CLUSTER_IN_FLIGHT at once through node-postgres with the
 *    SQL drizzle makes, built before the clock starts: the database's floor for this workload;
 * 2. one node behind HAProxy, and 3. two nodes behind HAProxy (Redis adapter): intake orders/s
 *    through the proxy, and the lag of each event at CLUSTER_CLIENTS sockets (a lead's view, in a
 *    process of their own) behind the event's `at`, p50/p99, both while posting as fast as answers
 *    come (CLUSTER_IN_FLIGHT at a time) and then at a steady CLUSTER_RATE orders/s (CLUSTER_PACED
 *    orders), where the lag is not the backlog of the fastest rate;
 * 4. failover: CLUSTER_KILLS (default 20) kill -9 of a node during a stream of CLUSTER_ORDERS with
 *    CLUSTER_CLIENTS screens, restarting it each time (test/cluster/failover-run.ts, as npm test
 *    runs it): acknowledged orders lost, seq gaps, screens missing or repeating an event, recovery
 *    time per kill, both nodes' snapshots and scores at the end.
 * Needs PostgreSQL (GRIDOPS_BENCH_PG, default postgres://postgres@127.0.0.1:5432), Redis and haproxy.
 */
import { fork, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { openPostgres } from '../db/pg/connection';
import * as pgSchema from '../db/pg/schema';
import { AuthService } from '../server/auth/auth-service';
import { systemClock } from '../server/clock';
import { openStores } from '../server/store/open-store';
import { workOrderToRow } from '../server/store/sqlite-mappers';
import { newWorkOrder, workOrderIntakeSchema } from '../shared/domain/work-order';
import { workOrderIntake } from '../test/support/factories';
import { credentialsFor, freePort, haproxyInstalled, newSchema, startNodeProcess, startProxy, type NodeProcess } from '../test/cluster/cluster-support';
import { runFailover } from '../test/cluster/failover-run';
import { bundleServer } from '../scripts/server-bundle';
import { orderPoster, percentile, report } from './support';

const SERVER = (process.env.GRIDOPS_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const ORDERS = Number(process.env.CLUSTER_ORDERS ?? 3000);
const WARM_UP = 200;
const IN_FLIGHT = Number(process.env.CLUSTER_IN_FLIGHT ?? 32);
const CLIENTS = Number(process.env.CLUSTER_CLIENTS ?? 200);
const KILLS = Number(process.env.CLUSTER_KILLS ?? 20);
/** The paced phase: orders sent at this steady rate, so the lag is read apart from the throughput. */
const RATE = Number(process.env.CLUSTER_RATE ?? 100);
const PACED = Number(process.env.CLUSTER_PACED ?? 600);
const ADMIN_PASSWORD = 'cluster-bench-admin-pw-1';

async function withDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `gridops_bench_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    return await run(`${SERVER}/${name}`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const intakeRows = (n: number) => {
  const at = new Date();
  return Array.from({ length: n }, (_, i) => newWorkOrder(`WO-BENCH-${i}`, workOrderIntakeSchema.parse(workOrderIntake()), { lat: 45.6, lng: 84.87 }, at));
};

async function bareInserts(url: string): Promise<number> {
  const connection = await openPostgres({ url, schema: newSchema('bare'), poolSize: IN_FLIGHT });
  const at = new Date().toISOString();
  // The statements drizzle sends for these rows, made before the clock starts.
  const statements = intakeRows(ORDERS).map((order) => ({
    order: connection.db.insert(pgSchema.workOrders).values(workOrderToRow(order)).toSQL(),
    payload: JSON.stringify({ workOrder: order }),
    id: order.id,
  }));
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      const client = await connection.pool.connect();
      try {
        while (next < statements.length) {
          const s = statements[next++];
          await client.query('BEGIN');
          await client.query(s.order.sql, s.order.params);
          const { rows } = await client.query<{ seq: number }>('UPDATE event_head SET seq = seq + 1 WHERE id = 1 RETURNING seq');
          await client.query('INSERT INTO events (seq, type, entity_type, entity_id, payload, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
            rows[0].seq,
            'workOrder.received',
            'workOrder',
            s.id,
            s.payload,
            'bench',
            at,
          ]);
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    }),
  );
  const perSecond = ORDERS / ((performance.now() - start) / 1000);
  await connection.close();
  return perSecond;
}

type ClientMessage = { connected?: number; arrivals?: Array<[number, number[]]>; lags?: number[] };
const message = (child: ChildProcess, test: (m: ClientMessage) => boolean) =>
  new Promise<ClientMessage>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench clients exited (${code})`));
    const onMessage = (m: ClientMessage) => {
      if (!test(m)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

/** Asks the clients' process for the lags since the last ask. */
function ask(child: ChildProcess, question: { lags: true }): Promise<ClientMessage> {
  const answer = message(child, (m) => m.lags !== undefined && m.arrivals === undefined);
  child.send(question);
  return answer;
}

/** Node processes (server/main.ts) on a fresh schema behind HAProxy; one node = the proxy's two servers are the same. */
async function throughNodes(url: string, count: 1 | 2) {
  const schema = newSchema(`n${count}`);
  const ports = [await freePort(), await freePort()];
  const nodes: NodeProcess[] = [];
  for (let i = 0; i < count; i++) nodes.push(await startNodeProcess(i ? 'b' : 'a', ports[i], url, schema, ADMIN_PASSWORD, serverBundle));
  const proxy = await startProxy(count === 2 ? [ports[0], ports[1]] : [ports[0], ports[0]]);
  const stores = await openStores({ dbFile: ':memory:', databaseUrl: url, databaseSchema: schema, poolSize: 2 });
  const auth = new AuthService({ store: stores.authStore, clock: systemClock, bcryptRounds: 4 });
  const clients = fork('bench/fanout-clients.ts', [proxy.url, String(CLIENTS)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, CLIENT_HEADERS: JSON.stringify(await credentialsFor(auth, 'lead')) },
  });
  try {
    await message(clients, (m) => m.connected !== undefined);
    const intake = await credentialsFor(auth, 'intake');
    const { send, post, close } = orderPoster(proxy.port, IN_FLIGHT, intake);
    await send(Array.from({ length: WARM_UP }, () => JSON.stringify(workOrderIntake())));
    const bodies = Array.from({ length: ORDERS }, () => JSON.stringify(workOrderIntake()));
    const start = performance.now();
    await send(bodies);
    const perSecond = ORDERS / ((performance.now() - start) / 1000);
    await new Promise((r) => setTimeout(r, 2000));
    const { lags } = await ask(clients, { lags: true });
    // Paced: one order every 1/RATE s whatever the answers (an open loop, as a hotline's calls come).
    const pacedStart = performance.now();
    const answers: Array<Promise<void>> = [];
    for (let i = 0; i < PACED; i++) {
      const due = pacedStart + (i * 1000) / RATE - performance.now();
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      answers.push(post(JSON.stringify(workOrderIntake())));
    }
    await Promise.all(answers);
    close();
    // Let the last events reach every socket, then collect.
    const head = await stores.store.lastSeq();
    await new Promise((r) => setTimeout(r, 2000));
    const { lags: pacedLags } = await ask(clients, { lags: true });
    const collected = message(clients, (m) => m.arrivals !== undefined);
    clients.send({ collect: true });
    const { arrivals } = await collected;
    const complete = arrivals!.filter(([seq, times]) => seq <= head && times.length === CLIENTS).length;
    return { perSecond, lags: lags!, pacedLags: pacedLags!, head, complete, gapless: (await stores.store.countEvents()) === head };
  } finally {
    clients.kill();
    await proxy.stop();
    await Promise.all(nodes.map((n) => n.stop()));
    await stores.close();
  }
}

if (!haproxyInstalled) {
  console.log('cluster: SKIPPED — haproxy is not installed (apt-get install -y haproxy)');
  process.exit(0);
}

// The nodes run the server as `npm start` runs it: compiled (scripts/server-bundle.ts).
const { outfile: serverBundle } = await bundleServer();

await withDatabase(async (url) => {
  const bare = await bareInserts(url);
  report(`bare PostgreSQL inserts, ${IN_FLIGHT} in flight (${ORDERS})`, bare, 'orders/s');
  for (const count of [1, 2] as const) {
    const r = await throughNodes(url, count);
    const label = `${count} node${count > 1 ? 's' : ''}`;
    report(`${label} behind HAProxy: intake, ${IN_FLIGHT} in flight (${ORDERS})`, r.perSecond, 'orders/s');
    report(`${label}: ratio intake / bare inserts`, r.perSecond / bare, '×');
    report(`${label}: event → client p50 (${CLIENTS} clients, lag behind event.at)`, percentile(r.lags, 50), 'ms');
    report(`${label}: event → client p99`, percentile(r.lags, 99), 'ms');
    report(`${label}: event → client p50, paced at ${RATE} orders/s (${PACED})`, percentile(r.pacedLags, 50), 'ms');
    report(`${label}: event → client p99, paced`, percentile(r.pacedLags, 99), 'ms');
    console.log(`${label}: ${r.complete} of ${r.head} events reached all ${CLIENTS} clients; log gapless: ${r.gapless}`);
  }
  if (KILLS > 0) {
    const started = performance.now();
    const f = await runFailover({ databaseUrl: url, kills: KILLS, clients: CLIENTS, orders: ORDERS, inFlight: 16, log: (line) => console.log(`  ${line}`) });
    report(`failover: kill -9 of a node, ${KILLS} times`, (performance.now() - started) / 1000, 's');
    report('failover: orders acknowledged', f.acknowledged, 'orders');
    report('failover: acknowledged orders lost', f.lost, 'orders');
    report('failover: seq gaps (head − event rows)', f.head - f.eventRows, 'seqs');
    const outOfOrder = f.clients.filter((c) => c.outOfOrder > 0 || c.liveBackwards > 0 || c.applied !== f.head - c.startSeq).length;
    const behind = f.clients.filter((c) => c.seq !== f.head || !c.live || c.snapshotResumes > 0).length;
    report('failover: clients missing, repeating or reordering an event', outOfOrder, 'clients');
    report('failover: clients not at the head at the end, or resumed by snapshot', behind, 'clients');
    report('failover: recovery (all clients live) p50', percentile(f.recoveryMs, 50), 'ms');
    report('failover: recovery max (target < 5,000)', Math.max(...f.recoveryMs), 'ms');
    report('failover: node restart p50 (spawn to healthy)', percentile(f.restartMs, 50), 'ms');
    const agree = f.snapshots[0] === f.snapshots[1] && f.scores[0] === f.scores[1];
    console.log(`failover: both nodes' snapshots and scores equal at the end: ${agree}`);
    const ok = f.lost === 0 && f.head === f.eventRows && outOfOrder === 0 && behind === 0 && agree && Math.max(...f.recoveryMs) < 5000;
    console.log(`failover: ${ok ? 'PASS' : 'FAIL'}`);
    if (!ok) process.exitCode = 1;
  }
});
