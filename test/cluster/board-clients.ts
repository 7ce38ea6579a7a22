/**
 * Wall screens for the cluster checks, in a process of their own so that their decoding does not
 * share an event loop with the harness that posts orders and kills nodes. argv: proxy url, count.
 * BOARD_CLIENT_HEADERS (JSON, an array) holds the credentials, dealt out in turn (a control room
 * has a few screens per login; one login for all would hit the per-login resync limit).
 *
 * Each client is the real board sync (shared/realtime/board-sync.ts) over socket.io-client with
 * reconnection, folding into a state that keeps only its seq: 200 screens each holding 5,000
 * orders would be a gigabyte of copies this check does not look at. Per client it counts what the
 * checks need: the seq the first snapshot started from, every applied event (from live delivery
 * or a resume) against the one expected next, live events that went backwards on one connection,
 * and resyncs answered with a snapshot instead of the missed events.
 *
 * IPC: sends {connected}; answers {live} with {live: {all: every client live and connected,
 * disconnects: how many times a client lost its connection, all clients together}}, and {report}
 * with {report: ClientReport[]}.
 */
import { io as connect } from 'socket.io-client';
import type { BoardState } from '../../shared/board/state';
import { BoardSync } from '../../shared/realtime/board-sync';

export interface ClientReport {
  /** The seq of the first snapshot: every later event must be applied, once, in order. */
  startSeq: number;
  seq: number;
  applied: number;
  /** Applied events that were not the next seq (a duplicate or a gap). */
  outOfOrder: number;
  /** Live events on one connection with a seq not above the previous one. */
  liveBackwards: number;
  /** Resumes answered with a snapshot: events between were never received as events. */
  snapshotResumes: number;
  connections: number;
  disconnects: number;
  live: boolean;
}

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
const credentials = JSON.parse(process.env.BOARD_CLIENT_HEADERS ?? '[{}]') as Array<Record<string, string>>;
const send = (message: unknown) => process.send!(message);

/** Sinks: the board's entities are dropped as they are applied; only `seq` is kept. */
const sink = () => new Proxy({}, { set: () => true });
function seqOnlyState(): BoardState {
  const state = { seq: 0 } as BoardState;
  for (const key of ['workOrders', 'incidents', 'staff', 'positions'] as const) {
    const kept = sink();
    Object.defineProperty(state, key, { get: () => kept, set: () => {}, enumerable: true });
  }
  return state;
}

interface Client {
  report: ClientReport;
  sync: BoardSync;
  connected(): boolean;
}

function startClient(i: number): Promise<Client> {
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: credentials[i % credentials.length],
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    forceNew: true,
  });
  const report: ClientReport = {
    startSeq: -1,
    seq: 0,
    applied: 0,
    outOfOrder: 0,
    liveBackwards: 0,
    snapshotResumes: 0,
    connections: 0,
    disconnects: 0,
    live: false,
  };
  let lastLive = 0;
  socket.on('connect', () => {
    report.connections++;
    lastLive = 0;
  });
  socket.on('disconnect', () => report.disconnects++);
  const live = (event: { seq: number }) => {
    if (event.seq <= lastLive) report.liveBackwards++;
    lastLive = event.seq;
  };
  socket.on('event', live);
  socket.on('events', (events: Array<{ seq: number }>) => events.forEach(live));
  const state = seqOnlyState();
  return new Promise((resolve) => {
    const sync = new BoardSync(socket, {
      state,
      later: (fn, ms) => setTimeout(fn, ms),
      onEvent: (event) => {
        if (event.seq !== report.seq + 1) report.outOfOrder++;
        report.seq = event.seq;
        report.applied++;
      },
      onResync: (kind) => {
        if (kind !== 'snapshot') return;
        if (report.startSeq === -1) report.startSeq = state.seq;
        else report.snapshotResumes++;
        report.seq = state.seq;
      },
      onStatus: (status) => {
        report.live = status === 'live';
        if (report.live) resolve({ report, sync, connected: () => socket.connected });
      },
    });
  });
}

const clients: Client[] = [];
// In batches: hundreds of handshakes at once would measure the accept queue.
for (let i = 0; i < count; i += 50) {
  clients.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => startClient(i + j)))));
}
send({ connected: clients.length });

const isLive = (c: Client) => c.connected() && c.sync.status === 'live';
process.on('message', (message: { live?: boolean; report?: boolean }) => {
  if (message.live) send({ live: { all: clients.every(isLive), disconnects: clients.reduce((n, c) => n + c.report.disconnects, 0) } });
  if (message.report) send({ report: clients.map((c) => ({ ...c.report, live: isLive(c) })) });
});
process.on('disconnect', () => process.exit(0));
