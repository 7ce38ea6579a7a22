/**
 * `npm run replay -- FILE --map MAPPING [--speed N|max] [--max-gap SECONDS] [--base-url URL] [--user U --password P | --cookie C | --api-key K]`
 *
 * Streams a real service-request CSV into POST /api/work-orders of a running GridOps server.
 * Times are shifted so the first row happens now, gaps kept (divided by --speed); positions are
 * mapped into the district; each refused row is printed with its reason, then the totals.
 * An intake API key is enough (`--api-key`): the replay only creates work orders.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApiClient } from '../sim/api-client';
import { parseMapping } from '../sim/replay/mapping';
import { readCsv, replay } from '../sim/replay/replay';
import { createTarget } from '../sim/target';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      map: { type: 'string' },
      speed: { type: 'string', default: '1' },
      'max-gap': { type: 'string' },
      'base-url': { type: 'string', default: process.env.GRIDOPS_URL ?? 'http://127.0.0.1:3000' },
      user: { type: 'string' },
      password: { type: 'string' },
      cookie: { type: 'string' },
      'api-key': { type: 'string', default: process.env.GRIDOPS_API_KEY },
      quiet: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file || !values.map) throw new Error('usage: npm run replay -- FILE --map MAPPING.json [--speed N|max] [--base-url URL] [--api-key KEY]');
  const speed = values.speed === 'max' ? Infinity : Number(values.speed);
  if (!(speed > 0)) throw new Error(`--speed must be a positive number or 'max', got ${values.speed}`);
  const mapping = parseMapping(JSON.parse(readFileSync(values.map, 'utf8')));
  const rows = readCsv(file);

  let api = new ApiClient({ baseUrl: values['base-url']!, cookie: values.cookie, apiKey: values['api-key'] });
  if (values.user) api = await api.login(values.user, values.password ?? '');
  const target = createTarget({ baseUrl: values['base-url']!, api, speed });

  console.log(`replay: ${rows.length} rows of ${mapping.name} → ${values['base-url']} at speed ${values.speed}`);
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  const t0 = Date.now();
  const totals = await replay({
    target,
    mapping,
    rows,
    signal: controller.signal,
    maxGapMs: values['max-gap'] ? Number(values['max-gap']) * 1000 : undefined,
    onRefusal: values.quiet ? undefined : (r) => console.log(`refused line ${r.line} (id ${r.id}): ${r.reason}`),
  });
  const seconds = (Date.now() - t0) / 1000;
  console.log(`\nread ${totals.read}, accepted ${totals.accepted} (of which already there ${totals.duplicates}), refused ${totals.refused} in ${seconds.toFixed(1)} s`);
  for (const [reason, count] of Object.entries(totals.byReason).sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(6)}  ${reason}`);
  if (totals.accepted + totals.refused !== totals.read) throw new Error('totals do not add up');
}

main().catch((error: unknown) => {
  console.error(`replay: ${(error as Error).message ?? error}`);
  process.exit(1);
});
