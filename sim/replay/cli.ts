/**
 * `npm run replay -- FILE --map MAPPING [options]` — a city's service-request CSV
 * `npm run replay -- --open311 URL-or-FILE [options]` — a GeoReport v2 requests.json
 *
 * options: [--speed N|max] [--max-gap SECONDS] [--max-refused N|N%] [--id-prefix P]
 *          [--base-url URL] [--user U --password P | --cookie C | --api-key K] [--quiet]
 *
 * Streams the rows into POST /api/work-orders of a running GridOps server, and carries rows the
 * source closed (or has in progress) through the workflow at the source's times. The mapping is
 * checked against the file's header before anything is sent. Times are shifted so the first row
 * happens now, gaps kept (divided by --speed); positions are laid over the district. Each refused
 * row is printed with its reason and line, then a summary per reason. The exit code is 1 when more
 * rows were refused than --max-refused allows (default 0: any refusal fails the run).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApiClient } from '../api-client';
import { parseMapping } from './mapping';
import { loadOpen311 } from './open311-source';
import { prepareCsv, replay, summaryLines, withinLimit } from './replay';
import { createTarget } from '../target';

const USAGE =
  'usage: npm run replay -- FILE --map MAPPING.json | --open311 URL-or-FILE  [--speed N|max] [--max-refused N|N%] [--base-url URL] [--user U --password P | --api-key KEY]';

export interface CliIo {
  log(line: string): void;
  error(line: string): void;
  signal?: AbortSignal;
}

/** Runs the replay command; resolves to its exit code (0 ok, 1 too many refusals, 2 could not run). */
export async function replayCli(argv: string[], io: CliIo = { log: console.log, error: console.error }): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    io.error(`replay: ${(error as Error).message ?? error}`);
    return 2;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      map: { type: 'string' },
      open311: { type: 'string' },
      'id-prefix': { type: 'string', default: 'O311' },
      speed: { type: 'string', default: '1' },
      'max-gap': { type: 'string' },
      'max-refused': { type: 'string', default: '0' },
      'base-url': { type: 'string', default: process.env.GRIDOPS_URL ?? 'http://127.0.0.1:3000' },
      user: { type: 'string' },
      password: { type: 'string' },
      cookie: { type: 'string' },
      'api-key': { type: 'string', default: process.env.GRIDOPS_API_KEY },
      quiet: { type: 'boolean', default: false },
    },
  });
  const speed = values.speed === 'max' ? Infinity : Number(values.speed);
  if (!(speed > 0)) throw new Error(`--speed must be a positive number or 'max', got ${values.speed}`);
  withinLimit({ read: 0, refused: 0, statusFailed: 0 }, values['max-refused']); // checks the option's form

  let source: string;
  let loaded;
  if (values.open311) {
    source = values.open311;
    loaded = await loadOpen311(source, values['id-prefix']);
  } else {
    const file = positionals[0];
    if (!file || !values.map) throw new Error(USAGE);
    source = file;
    const mapping = parseMapping(JSON.parse(readFileSync(values.map, 'utf8')));
    loaded = { mapping, rows: prepareCsv(file, mapping) };
  }
  const { mapping, rows } = loaded;

  let api = new ApiClient({ baseUrl: values['base-url'], cookie: values.cookie, apiKey: values['api-key'] });
  if (values.user) api = await api.login(values.user, values.password ?? '');
  const target = createTarget({ baseUrl: values['base-url'], api, speed });

  io.log(`replay: ${rows.length} rows of ${mapping.name} → ${values['base-url']} at speed ${values.speed}`);
  const t0 = Date.now();
  const totals = await replay({
    target,
    mapping,
    rows,
    signal: io.signal,
    maxGapMs: values['max-gap'] ? Number(values['max-gap']) * 1000 : undefined,
    onRefusal: values.quiet ? undefined : (r) => io.log(`${source}:${r.line}: refused (id ${r.id}): ${r.reason}`),
  });
  io.log(`\n${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const line of summaryLines(totals, source)) io.log(line);
  if (totals.accepted + totals.refused !== totals.read) throw new Error('totals do not add up');
  if (!withinLimit(totals, values['max-refused'])) {
    io.error(`replay: ${totals.refused + totals.statusFailed} of ${totals.read} rows refused, more than --max-refused ${values['max-refused']} allows`);
    return 1;
  }
  return 0;
}
