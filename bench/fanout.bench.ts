/**
 * Fan-out latency: time from the commit's broadcast to its arrival at each of 200 connected
 * clients, GridOps (role rooms, redaction, typed events) vs a bare Socket.IO server emitting the
 * same payload to 200 clients, in the same run and process. Target: p99 ≤ 2× the bare broadcast.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { openDatabase } from '../db/connection';
import { createApp } from '../server/app';
import { FakeClock } from '../server/clock';
import { SqliteStore } from '../server/store/sqlite-store';
import { receiveWorkOrder } from '../server/board/work-order.commands';
import { tempDbFile } from '../test/support/server';
import { workOrderIntake } from '../test/support/factories';
import { benchAuthenticator, percentile, report } from './support';

const CLIENTS = 200;
const EVENTS = 100;

async function connectAll(url: string): Promise<Socket[]> {
  return Promise.all(
    Array.from({ length: CLIENTS }, () => {
      const socket = connect(url, { transports: ['websocket'], forceNew: true });
      return new Promise<Socket>((resolve) => socket.on('connect', () => resolve(socket)));
    }),
  );
}

/** Emits EVENTS times, one at a time, and records publish→receive latency at every client. */
async function measure(sockets: Socket[], emit: (i: number) => Promise<void> | void): Promise<number[]> {
  const latencies: number[] = [];
  let sentAt = 0;
  let pending = 0;
  let done: () => void = () => {};
  for (const s of sockets) {
    s.on('event', () => {
      latencies.push(performance.now() - sentAt);
      if (--pending === 0) done();
    });
  }
  for (let i = 0; i < EVENTS; i++) {
    pending = sockets.length;
    const all = new Promise<void>((resolve) => (done = resolve));
    sentAt = performance.now();
    await emit(i);
    await all;
  }
  return latencies;
}

async function bare(payload: unknown) {
  const http = createServer();
  const io = new Server(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const sockets = await connectAll(`http://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const latencies = await measure(sockets, () => void io.emit('event', payload));
  sockets.forEach((s) => s.close());
  void io.close();
  return latencies;
}

async function gridops() {
  const store = new SqliteStore(openDatabase(tempDbFile()));
  const grid = createApp({ store, clock: new FakeClock(new Date()), authenticator: benchAuthenticator });
  const port = await grid.listen(0, '127.0.0.1');
  const sockets = await connectAll(`http://127.0.0.1:${port}`);
  // Time from the moment the committed event is handed to the realtime layer.
  const publish = grid.ctx.publish.bind(grid.ctx);
  let publishedAt = 0;
  grid.ctx.publish = (event) => {
    publishedAt = performance.now();
    publish(event);
  };
  const bodies = Array.from({ length: EVENTS }, () => workOrderIntake());
  const raw = await measure(sockets, async (i) => {
    await receiveWorkOrder(grid.ctx, bodies[i], { id: 'bench', role: 'admin' });
  });
  void publishedAt;
  sockets.forEach((s) => s.close());
  await grid.close();
  await store.close();
  return { raw, sample: bodies[0] };
}

const { raw: gridLatencies, sample } = await gridops();
// The bare server sends a payload of the same shape and size as a GridOps event.
const bareLatencies = await bare({ seq: 1, type: 'workOrder.received', payload: { workOrder: sample }, at: new Date().toISOString() });
for (const [name, values] of [['bare Socket.IO', bareLatencies], ['GridOps (commit + broadcast)', gridLatencies]] as const) {
  report(`${name} p50 (${CLIENTS} clients × ${EVENTS})`, percentile(values, 50), 'ms');
  report(`${name} p99`, percentile(values, 99), 'ms');
}
report('ratio p99 GridOps / bare (target ≤ 2)', percentile(gridLatencies, 99) / percentile(bareLatencies, 99), '×');
process.exit(0);
