/**
 * Fan-out latency: from the moment a committed event is handed to the realtime layer to its
 * arrival at each connected client, GridOps (relay, role rooms, typed events, its JSON made once)
 * vs a bare Socket.IO server broadcasting an envelope of the same shape and size, at 200, 500 and
 * 2,000 clients. Each server runs in its own process and the clients in FANOUT_CLIENT_PROCS
 * others (default 2), so the server does not share its event loop with 2,000 clients. Events go
 * one at a time: the next is sent once every client has the last. Also printed: the command →
 * client latency of GridOps (intake, validation, group commit, then the same fan-out).
 * Target: p99 ≤ 1.2× the bare broadcast at every size. FANOUT_EVENTS sets the events per run,
 * FANOUT_ROUNDS the alternating bare/GridOps rounds per size (pooled), FANOUT_SIZES the sizes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { percentile, report } from './support';

const SIZES = (process.env.FANOUT_SIZES ?? '200,500,2000').split(',').map(Number);
const EVENTS = Number(process.env.FANOUT_EVENTS ?? 100);
const WARM_UP = 10;
const CLIENT_PROCS = Number(process.env.FANOUT_CLIENT_PROCS ?? 2);
const ROUNDS = Number(process.env.FANOUT_ROUNDS ?? 2);
const TARGET = 1.2;

type Message = {
  port?: number;
  seq?: number;
  commandAt?: number;
  publishedAt?: number;
  handedMs?: number;
  connected?: number;
  received?: number;
  arrivals?: Array<[number, number[]]>;
};

function start(script: string, args: string[]): ChildProcess {
  return fork(script, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
const nextMessage = (child: ChildProcess, test: (m: Message) => boolean) =>
  new Promise<Message>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${child.spawnargs.slice(-2).join(' ')} exited (${code})`));
    const onMessage = (m: Message) => {
      if (!test(m)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

async function run(mode: 'bare' | 'gridops', clients: number) {
  const server = start('bench/fanout-server.ts', [mode]);
  const { port } = await nextMessage(server, (m) => m.port !== undefined);
  const procs = Array.from({ length: CLIENT_PROCS }, (_, i) => {
    const share = Math.floor(clients / CLIENT_PROCS) + (i < clients % CLIENT_PROCS ? 1 : 0);
    return start('bench/fanout-clients.ts', [`http://127.0.0.1:${port}`, String(share)]);
  });
  await Promise.all(procs.map((p) => nextMessage(p, (m) => m.connected !== undefined)));
  const received = new Map<number, number>();
  let waiting: { seq: number; resolve: () => void } | null = null;
  for (const p of procs) {
    p.on('message', (m: Message) => {
      if (m.received === undefined) return;
      received.set(m.received, (received.get(m.received) ?? 0) + 1);
      if (waiting && received.get(waiting.seq) === CLIENT_PROCS) waiting.resolve();
    });
  }
  const sent: Array<{ seq: number; commandAt: number; publishedAt: number }> = [];
  const handed: number[] = [];
  for (let i = 0; i < WARM_UP + EVENTS; i++) {
    const answer = nextMessage(server, (m) => m.seq !== undefined);
    server.send({ emit: true });
    const { seq, commandAt, publishedAt, handedMs } = (await answer) as Required<Pick<Message, 'seq' | 'commandAt' | 'publishedAt' | 'handedMs'>>;
    if (received.get(seq) !== CLIENT_PROCS) await new Promise<void>((resolve) => (waiting = { seq, resolve }));
    waiting = null;
    if (i >= WARM_UP) {
      sent.push({ seq, commandAt, publishedAt });
      handed.push(handedMs);
    }
  }
  const arrivals = new Map<number, number[]>();
  for (const { arrivals: list } of await Promise.all(
    procs.map((p) => {
      const answer = nextMessage(p, (m) => m.arrivals !== undefined);
      p.send({ collect: true });
      return answer;
    }),
  )) {
    for (const [seq, times] of list!) arrivals.set(seq, [...(arrivals.get(seq) ?? []), ...times]);
  }
  for (const child of [server, ...procs]) child.kill();
  const fromPublish: number[] = [];
  const fromCommand: number[] = [];
  const lastClient: number[] = [];
  for (const { seq, commandAt, publishedAt } of sent) {
    const times = arrivals.get(seq) ?? [];
    for (const t of times) {
      fromPublish.push(t - publishedAt);
      fromCommand.push(t - commandAt);
    }
    lastClient.push(Math.max(...times) - publishedAt);
  }
  return { fromPublish, fromCommand, lastClient, handed };
}

let met = true;
for (const clients of SIZES) {
  // Rounds alternate bare and GridOps and their samples are pooled: both see the same drift in load.
  const bare = { fromPublish: [] as number[], fromCommand: [] as number[], lastClient: [] as number[], handed: [] as number[] };
  const grid = { fromPublish: [] as number[], fromCommand: [] as number[], lastClient: [] as number[], handed: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [mode, into] of [
      ['bare', bare],
      ['gridops', grid],
    ] as const) {
      const got = await run(mode, clients);
      // Not push(...got[key]): at 2,000 clients a round is 200,000 arrivals, past the call's argument limit.
      for (const key of Object.keys(into) as Array<keyof typeof into>) for (const ms of got[key]) into[key].push(ms);
    }
  }
  const label = `${clients} clients × ${EVENTS} events × ${ROUNDS}`;
  report(`bare Socket.IO p50 (${label})`, percentile(bare.fromPublish, 50), 'ms');
  report(`bare Socket.IO p99 (${label})`, percentile(bare.fromPublish, 99), 'ms');
  report(`GridOps event → client p50 (${label})`, percentile(grid.fromPublish, 50), 'ms');
  report(`GridOps event → client p99 (${label})`, percentile(grid.fromPublish, 99), 'ms');
  report(`GridOps command → client p99 (${label})`, percentile(grid.fromCommand, 99), 'ms');
  report(`bare p99 until the last client has it (${clients})`, percentile(bare.lastClient, 99), 'ms');
  report(`GridOps p99 until the last client has it (${clients})`, percentile(grid.lastClient, 99), 'ms');
  report(`bare server time to hand it to every socket, median (${clients})`, percentile(bare.handed, 50), 'ms');
  report(`GridOps server time to hand it to every socket, median (${clients})`, percentile(grid.handed, 50), 'ms');
  const ratio = percentile(grid.fromPublish, 99) / percentile(bare.fromPublish, 99);
  report(`ratio p99 GridOps / bare, ${clients} clients (target ≤ ${TARGET})`, ratio, '×');
  if (ratio > TARGET) met = false;
}
console.log(`target p99 ≤ ${TARGET}× bare at ${SIZES.join(', ')} clients: ${met ? 'met' : 'NOT met'}`);
process.exit(0);
