/**
 * The fan-out benchmark's server, in its own process (forked, with an IPC channel):
 * `bare` is a plain Socket.IO server that broadcasts a prepared event envelope; `gridops` is the
 * real app on a temp SQLite file, each event a work order taken in through the intake command
 * (commit, relay, role rooms). On {emit} it makes one event and answers {seq, commandAt,
 * publishedAt, handedMs}; times are process.hrtime (CLOCK_MONOTONIC, the same clock in every
 * process), in ms; handedMs is how long the broadcast call took (encode + a write per socket).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { openDatabase } from '../db/connection';
import { createApp } from '../server/app';
import { FakeClock } from '../server/clock';
import { SqliteStore } from '../server/store/sqlite-store';
import { receiveWorkOrder } from '../server/board/work-order.commands';
import { newWorkOrder, workOrderIntakeSchema } from '../shared/domain/work-order';
import { tempDbFile } from '../test/support/server';
import { workOrderIntake } from '../test/support/factories';
import { benchAuthenticator } from './support';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const mode = process.argv[2];
const send = (message: unknown) => process.send!(message);

if (mode === 'bare') {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  // The same shape and size as a GridOps work-order event, with its reporter.
  const intake = workOrderIntakeSchema.parse(workOrderIntake());
  const workOrder = newWorkOrder('WO-M3X9K2-7Q4F1', intake, { lat: 45.6, lng: 84.87 }, new Date());
  let seq = 0;
  process.on('message', () => {
    seq++;
    const at = now();
    io.emit('event', {
      seq,
      type: 'workOrder.received',
      entityType: 'workOrder',
      entityId: workOrder.id,
      actor: 'bench',
      at: new Date().toISOString(),
      payload: { workOrder },
    });
    send({ seq, commandAt: at, publishedAt: at, handedMs: now() - at });
  });
  send({ port: (http.address() as AddressInfo).port });
} else {
  const store = new SqliteStore(openDatabase(tempDbFile()));
  const grid = createApp({ store, clock: new FakeClock(new Date()), authenticator: benchAuthenticator });
  const port = await grid.listen(0, '127.0.0.1');
  // The clock for "event → client" starts when the committed event is handed to the realtime layer.
  const published = new Map<number, { at: number; handed: Promise<number> }>();
  const publish = grid.ctx.publish.bind(grid.ctx);
  grid.ctx.publish = (event) => {
    const at = now();
    publish(event);
    // The realtime layer sends what was published during a turn of the event loop at the end of
    // it (socket-server.ts): the event has been handed to every socket once that has run.
    published.set(event.seq, { at, handed: new Promise((resolve) => setImmediate(() => resolve(now() - at))) });
  };
  process.on('message', () => {
    const commandAt = now();
    void receiveWorkOrder(grid.ctx, workOrderIntake(), { id: 'bench', role: 'admin' }).then(async ({ event }) => {
      const seq = event!.seq;
      const { at, handed } = published.get(seq)!;
      send({ seq, commandAt, publishedAt: at, handedMs: await handed });
      published.delete(seq);
    });
  });
  send({ port });
}
process.on('disconnect', () => process.exit(0));
