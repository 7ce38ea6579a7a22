/**
 * Socket.IO clients for the fan-out and cluster benchmarks, in a process of their own so they do
 * not share the server's event loop. argv: url, count; CLIENT_HEADERS (JSON) is sent with each
 * handshake (a session cookie). Reports {connected}, then {received: seq} once every socket here
 * has the event with that seq, and on {collect} the arrival times (hrtime ms) by seq and each
 * arrival's lag behind the event's own `at` (wall clock ms: the nodes run on this machine); on
 * {lags} the lags since the last such ask, the sockets staying open.
 */
import { io as connect, type Socket } from 'socket.io-client';

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const arrivals = new Map<number, number[]>();
const lags: number[] = [];
const extraHeaders = process.env.CLIENT_HEADERS ? (JSON.parse(process.env.CLIENT_HEADERS) as Record<string, string>) : undefined;
const send = (message: unknown) => process.send!(message);

const sockets: Socket[] = [];
// In batches: 2,000 handshakes at once would measure the accept queue, not the bench.
for (let i = 0; i < count; i += 100) {
  const batch = Array.from({ length: Math.min(100, count - i) }, () => {
    const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders });
    const onEvent = (event: { seq: number; at?: string }, at = now()) => {
      if (event.at) lags.push(Date.now() - Date.parse(event.at));
      let list = arrivals.get(event.seq);
      if (!list) arrivals.set(event.seq, (list = []));
      list.push(at);
      if (list.length === count) send({ received: event.seq });
    };
    socket.on('event', (event: { seq: number; at?: string }) => onEvent(event));
    // Events committed together come as one packet: all arrived at the same moment.
    socket.on('events', (events: Array<{ seq: number; at?: string }>) => {
      const at = now();
      for (const event of events) onEvent(event, at);
    });
    sockets.push(socket);
    return new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  });
  await Promise.all(batch);
}
send({ connected: sockets.length });
process.on('message', (message: { collect?: boolean; lags?: boolean }) => {
  // The lags since the last ask, the sockets staying open (one phase of a bench, then the next).
  if (message.lags) return void send({ lags: lags.splice(0) });
  if (!message.collect) return;
  sockets.forEach((s) => s.close());
  send({ arrivals: [...arrivals], lags });
});
process.on('disconnect', () => process.exit(0));
