/**
 * `npm run sim -- [options]`: run the simulated center against a server.
 *
 *   --month [--db FILE] [--start YYYY-MM-DD]   fill a fresh database with a whole month, in-process
 *                                              on a fake clock, as fast as the server answers
 *   --base-url URL --speed N [--days D]        drive a running server (1 = real time … 3600)
 *   --user NAME --password PW | --cookie C     credentials for a running server (manager role)
 *   --seed N                                   same seed → same commands, same event stream
 *   --orders-per-day MIN-MAX                   volume (default: month 150-230, live 240-360)
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApiClient } from '../sim/api-client';
import { DEFAULT_SIM_CONFIG, FAST_SIM_CONFIG } from '../sim/config';
import { startInProcessServer } from '../server/demo/in-process-server';
import { Simulation } from '../sim/simulation';
import { createTarget } from '../sim/target';

const { values } = parseArgs({
  options: {
    month: { type: 'boolean', default: false },
    db: { type: 'string', default: 'data/month.db' },
    start: { type: 'string' },
    'base-url': { type: 'string', default: 'http://127.0.0.1:3000' },
    speed: { type: 'string', default: '1' },
    days: { type: 'string' },
    seed: { type: 'string', default: '1' },
    user: { type: 'string' },
    password: { type: 'string' },
    cookie: { type: 'string' },
    'api-key': { type: 'string' },
    'orders-per-day': { type: 'string' },
  },
});

function volume(): { ordersPerDay?: { min: number; max: number } } {
  const m = /^(\d+)-(\d+)$/.exec(values['orders-per-day'] ?? '');
  if (values['orders-per-day'] && !m) throw new Error(`--orders-per-day wants MIN-MAX, e.g. 150-230`);
  return m ? { ordersPerDay: { min: Number(m[1]), max: Number(m[2]) } } : {};
}

const seed = Number(values.seed);
const log = (m: string) => console.log(`[sim] ${m}`);

async function month() {
  if (existsSync(values.db)) throw new Error(`${values.db} exists: a month fill needs a fresh database (delete it or pass --db)`);
  const start = values.start ? new Date(`${values.start}T00:00:00+08:00`) : firstOfThisMonth();
  const days = values.days ? Number(values.days) : daysInMonth(start);
  const server = await startInProcessServer({ dbFile: values.db, start });
  const target = createTarget({ baseUrl: server.baseUrl, cookie: server.cookie, clock: server.clock, speed: Infinity, start });
  const sim = new Simulation(target, { seed, ...volume() }, FAST_SIM_CONFIG, log);
  const t0 = Date.now();
  // Stop a minute before the month ends: the score read then is the month as it closes.
  await sim.run(start.getTime() + days * 86_400_000 - 60_000);
  const seconds = (Date.now() - t0) / 1000;
  const health = await target.api.get<{ seq: number }>('/api/health');
  const month = new Date(start.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
  const score = await target.api.get<{ total?: number }>(`/api/score?month=${month}`);
  await server.close();
  const events = health.ok ? health.data.seq : NaN;
  console.log(
    JSON.stringify(
      {
        db: values.db,
        days,
        seconds,
        requests: sim.stats.totalSent,
        requestsPerSecond: Math.round(sim.stats.totalSent / seconds),
        events,
        eventsPerSecond: Math.round(events / seconds),
        score: score.ok ? score.data.total : null,
        ...sim.stats.summary(),
      },
      null,
      2,
    ),
  );
}

async function live() {
  const speed = values.speed === 'max' ? Infinity : Number(values.speed);
  let api = new ApiClient({ baseUrl: values['base-url'], cookie: values.cookie, apiKey: values['api-key'] });
  if (values.user) api = await api.login(values.user, values.password ?? '');
  const target = createTarget({ baseUrl: values['base-url'], api, speed });
  const sim = new Simulation(target, { seed, ...volume() }, speed >= 60 ? FAST_SIM_CONFIG : DEFAULT_SIM_CONFIG, log);
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  const until = values.days ? target.now().getTime() + Number(values.days) * 86_400_000 : Infinity;
  const timer = setInterval(() => log(`${target.now().toISOString()} ${JSON.stringify(sim.stats.summary())}`), 10_000);
  await sim.run(until, controller.signal);
  clearInterval(timer);
  console.log(JSON.stringify(sim.stats.summary(), null, 2));
}

function firstOfThisMonth(): Date {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return new Date(`${now.toISOString().slice(0, 7)}-01T00:00:00+08:00`);
}

function daysInMonth(start: Date): number {
  const local = new Date(start.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
}

(values.month ? month() : live()).catch((error: unknown) => {
  console.error(`sim: ${(error as Error).message ?? error}`);
  process.exit(1);
});
