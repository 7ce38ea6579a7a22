/**
 * 50,000 open orders (a backlog after a storm or a bulk import): what a board's first load costs.
 * Baseline, measured in the same run: a plain SELECT of the same rows and JSON.stringify of them.
 * Measured: GET /api/snapshot cold (store read + redaction-free full build + JSON in slices) and
 * warm (the shared cached build), its bytes raw and gzip, and the longest the event loop was
 * blocked during the cold build (other clients' events wait that long).
 * Targets (issue #17): ≤ 1.2× the bytes and ≤ 2× the time of the baseline.
 */
import http from 'node:http';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../db/connection';
import { createApp } from '../server/app';
import { SqliteStore } from '../server/store/sqlite-store';
import { tempDbFile } from '../test/support/server';
import { commitReceivedOrder } from '../test/support/factories';
import { benchAuthenticator, report } from './support';

const N = Number(process.env.BENCH_OPEN_ORDERS ?? 50_000);
const connection = openDatabase(tempDbFile());
const store = new SqliteStore(connection);
const grid = createApp({ store, authenticator: benchAuthenticator });
const port = await grid.listen(0, '127.0.0.1');

// The backlog, committed as the server commits (one event each), 1,000 at a time.
const at = new Date();
for (let i = 0; i < N; i += 1000) {
  await Promise.all(
    Array.from({ length: Math.min(1000, N - i) }, (_, k) =>
      commitReceivedOrder(store, `WO-${i + k}`, at, 'bench', {
        lat: 45.55 + ((i + k) % 97) * 0.001,
        lng: 84.85 + ((i + k) % 89) * 0.001,
        address: '天山路',
      }),
    ),
  );
}

function get(path: string, encoding = 'identity'): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': encoding } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ ms: performance.now() - start, bytes }));
      })
      .on('error', reject);
  });
}

// Baseline: the same rows by a plain SELECT, stringified.
const baseStart = performance.now();
const rows = connection.sqlite.prepare('SELECT * FROM work_orders').all();
const baseJson = JSON.stringify(rows);
const baseMs = performance.now() - baseStart;
const baseBytes = Buffer.byteLength(baseJson);

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const cold = await get('/api/snapshot');
delay.disable();
const warm = await get('/api/snapshot');
const gzip = await get('/api/snapshot', 'gzip');

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
report(`open orders`, N, '');
report('baseline: SELECT + JSON.stringify', baseMs, 'ms');
report('baseline bytes', baseBytes / 1e6, 'MB');
report('snapshot cold (read, build, send)', cold.ms, 'ms');
report('snapshot warm (cached build)', warm.ms, 'ms');
report('snapshot bytes', cold.bytes / 1e6, 'MB');
report('snapshot bytes, gzip on the wire', gzip.bytes / 1e6, 'MB');
report('longest event-loop block during the cold build', delay.max / 1e6, 'ms');
report('ratio snapshot / baseline bytes (target ≤ 1.2)', cold.bytes / baseBytes, '×');
report('ratio snapshot cold / baseline time (target ≤ 2)', cold.ms / baseMs, '×');
await grid.close();
await store.close();
process.exit(0);
