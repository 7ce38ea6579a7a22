import { AuthService } from '../../server/auth/auth-service';
import { systemClock } from '../../server/clock';
import { openStores } from '../../server/store/open-store';
import { connectClient, type TestClient } from '../support/server';
import { workOrderIntake } from '../support/factories';
import { credentialsFor, freePort, newSchema, startNodeProcess, startProxy, waitHealthy, type NodeProcess } from './cluster-support';

export interface FailoverOptions {
  databaseUrl: string;
  loops: number;
  clients: number;
  /** Orders posted through the proxy per second while nodes die. */
  ordersPerSecond: number;
  /** How long the stream runs between a restart and the next kill (ms). */
  settleMs: number;
  log?: (line: string) => void;
}

export interface FailoverResult {
  acknowledged: number;
  lost: number;
  head: number;
  eventRows: number;
  /** Clients whose received events were not strictly increasing (a duplicate or a step back). */
  clientsOutOfOrder: number;
  /** Clients whose board did not end at the log's head (a gap never filled). */
  clientsBehind: number;
  /** Per kill: ms until every client was live again. */
  recoveryMs: number[];
}

/**
 * Two node processes behind HAProxy, clients on the proxy, a stream of orders through the proxy;
 * kill -9 a node (alternating), measure how long until every client is live again, restart it;
 * at the end, count lost orders, seq gaps and duplicates.
 */
export async function runFailover(options: FailoverOptions): Promise<FailoverResult> {
  const log = options.log ?? (() => {});
  const schema = newSchema('f');
  const password = 'failover-admin-pw-1';
  const ports = [await freePort(), await freePort()] as [number, number];
  const nodes: NodeProcess[] = [];
  nodes[0] = await startNodeProcess('a', ports[0], options.databaseUrl, schema, password);
  nodes[1] = await startNodeProcess('b', ports[1], options.databaseUrl, schema, password);
  const proxy = await startProxy(ports);
  // The test's own view of the database: credentials (sessions are rows), and the final count.
  const stores = await openStores({ dbFile: ':memory:', databaseUrl: options.databaseUrl, databaseSchema: schema, poolSize: 2 });
  const auth = new AuthService({ store: stores.authStore, clock: systemClock, bcryptRounds: 4 });
  const clients: TestClient[] = [];
  try {
    const viewer = await credentialsFor(auth, 'lead');
    const intake = await credentialsFor(auth, 'intake');
    for (let i = 0; i < options.clients; i++) clients.push(await connectClient({ url: proxy.url, headers: viewer }));
    log(`clients: ${clients.length} connected through the proxy`);

    const acknowledged: string[] = [];
    let streaming = true;
    const post = async (body: Record<string, unknown>) => {
      // A request cut by the kill is sent again: intake is idempotent on (channel, externalId).
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          const res = await fetch(`${proxy.url}/api/work-orders`, {
            method: 'POST',
            headers: { ...intake, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          await res.arrayBuffer();
          if (res.status === 201 || res.status === 200) return acknowledged.push(body.externalId as string);
        } catch {
          /* connection cut: retry */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const stream = (async () => {
      const inFlight = new Set<Promise<unknown>>();
      while (streaming) {
        const p = post(workOrderIntake()).finally(() => inFlight.delete(p));
        inFlight.add(p);
        await new Promise((r) => setTimeout(r, 1000 / options.ordersPerSecond));
      }
      await Promise.all(inFlight);
    })();

    const recoveryMs: number[] = [];
    for (let loop = 0; loop < options.loops; loop++) {
      await new Promise((r) => setTimeout(r, options.settleMs));
      const victim = loop % 2;
      const killedAt = Date.now();
      await nodes[victim].kill9();
      // Every client live again (those of the dead node reconnect through the proxy to the other).
      for (;;) {
        if (clients.every((c) => c.socket.connected && c.sync.status === 'live')) break;
        if (Date.now() - killedAt > 30_000) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      recoveryMs.push(Date.now() - killedAt);
      nodes[victim] = await startNodeProcess(victim ? 'b' : 'a', ports[victim], options.databaseUrl, schema, password);
      await waitHealthy(proxy.url);
      log(`kill ${loop + 1}/${options.loops}: node ${victim ? 'b' : 'a'} killed, clients live again after ${recoveryMs.at(-1)} ms, node back`);
    }
    streaming = false;
    await stream;

    const head = await stores.store.lastSeq();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !clients.every((c) => c.sync.state.seq === head)) await new Promise((r) => setTimeout(r, 100));
    for (const c of clients.filter((c) => c.sync.state.seq !== head)) {
      log(`behind: seq ${c.sync.state.seq} of ${head}, status ${c.sync.status}, connected ${c.socket.connected}, statuses ${c.statuses.join(',')}`);
    }
    let lost = 0;
    for (const externalId of acknowledged) if (!(await stores.store.findWorkOrderByExternalId('hotline_12345', externalId))) lost++;
    const increasing = (seqs: number[]) => seqs.every((s, i) => i === 0 || s > seqs[i - 1]);
    return {
      acknowledged: acknowledged.length,
      lost,
      head,
      eventRows: await stores.store.countEvents(),
      clientsOutOfOrder: clients.filter((c) => !increasing(c.received.map((e) => e.seq))).length,
      clientsBehind: clients.filter((c) => c.sync.state.seq !== head).length,
      recoveryMs,
    };
  } finally {
    for (const client of clients) client.close();
    await proxy.stop();
    await Promise.all(nodes.map((n) => n.stop()));
    await stores.close();
  }
}
