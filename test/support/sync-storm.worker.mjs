// A crowd of wall screens in their own thread, so their JSON parsing does not share the server's
// event loop (in real life they are other machines). Driven by test/support/sync-storm.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

const { url, kiosks, socketsPerKiosk, hostileSyncs } = workerData;
const sockets = [];
for (const headers of kiosks) {
  const batch = Array.from({ length: socketsPerKiosk }, () =>
    io(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: headers }),
  );
  await Promise.all(batch.map((s) => new Promise((resolve, reject) => (s.once('connect', resolve), s.once('connect_error', reject)))));
  sockets.push(...batch);
}
parentPort.postMessage({ kind: 'ready', sockets: sockets.length });

const sync = (socket) =>
  new Promise((resolve) =>
    socket.emit('sync', { lastSeq: null }, (r) =>
      resolve(
        r.ok
          ? { ok: true, kind: r.data.kind, orders: r.data.snapshot?.workOrders.length ?? -1 }
          : { ok: false, code: r.error.code, retryAfterMs: r.error.retryAfterMs },
      ),
    ),
  );

parentPort.on('message', async (message) => {
  if (message === 'go') {
    const hostile = Array.from({ length: hostileSyncs }, () => sync(sockets[0]));
    const crowd = sockets.slice(1).map(sync);
    parentPort.postMessage({ kind: 'done', hostile: await Promise.all(hostile), crowd: await Promise.all(crowd) });
  }
  if (message === 'close') {
    for (const s of sockets) s.close();
    parentPort.close();
  }
});
