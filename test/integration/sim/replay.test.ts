import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInDistrict } from '../../../shared/geo/district';
import { FakeClock } from '../../../server/clock';
import { replayCli } from '../../../sim/replay/cli';
import { parseMapping } from '../../../sim/replay/mapping';
import { loadOpen311 } from '../../../sim/replay/open311-source';
import { prepareCsv, replay, withinLimit } from '../../../sim/replay/replay';
import { rowToIntake } from '../../../sim/replay/rows';
import { timeReader } from '../../../sim/replay/source-time';
import { createTarget } from '../../../sim/target';
import sf from '../../../sim/mappings/sf311.json';
import nyc from '../../../sim/mappings/nyc311.json';
import boston from '../../../sim/mappings/boston311.json';
import { startTestServer, type TestServer } from '../../support/server';
import { sharedDataDir } from '../../support/shared-data';

const DATA = sharedDataDir();
const SF = join(DATA, 'workload/sf311_sample_10k_2008-2019.csv');
const NYC = join(DATA, 'workload/nyc311_2024-04-15_4h_slice_1000.csv');
const BOSTON = join(DATA, 'workload/boston311_2025_open_subset_2424.csv');
const BLOOMINGTON = join(DATA, 'open311/bloomington_requests_2012.json');
const haveData = existsSync(SF) && existsSync(BLOOMINGTON);
if (!haveData) console.warn(`\n!!! replay test skipped: ${DATA} not found (the shared/ folder must sit beside the repo)\n`);

const START = new Date('2025-03-10T09:00:00+08:00');
let server: TestServer;
let lead: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock(START) });
  lead = await server.headersFor('lead');
});
afterAll(async () => {
  await server?.stop();
});

const leadTarget = () => createTarget({ baseUrl: server.url, cookie: lead.cookie, clock: server.clock, speed: Infinity });
const ordersWithPrefix = async (prefix: string) => (await server.store.listWorkOrders({ limit: 100_000 })).filter((o) => o.externalId.startsWith(`${prefix}-`));

describe.skipIf(!haveData)('replay of the San Francisco sample', () => {
  const mapping = parseMapping(sf);
  // Every row the mapping refuses, plus the newest month of good rows (sending all 10,000
  // through HTTP would take the test past its budget; the row rules are checked on all of them
  // in test/unit/sim/replay-rows.test.ts).
  const rows = haveData ? prepareCsv(SF, mapping).filter(({ row }) => !rowToIntake(row, mapping).ok || (row.created_date ?? '').startsWith('2019-10')) : [];

  it('accounts for every row, places each inside the district and carries closed ones to 办结 at the source times', async () => {
    const totals = await replay({ target: leadTarget(), mapping, rows });

    expect(totals.read).toBe(rows.length);
    expect(totals.accepted + totals.refused).toBe(totals.read);
    expect(totals.accepted).toBeGreaterThan(100);
    expect(totals.duplicates).toBe(0);
    expect(totals.statusFailed).toBe(0);
    expect(totals.byReason).toEqual({ 'zero coordinates': 2, 'closed before created': 48 });
    for (const reason of Object.keys(totals.byReason)) expect(totals.examples[reason].length).toBeGreaterThan(0);
    for (const r of totals.refusals) {
      expect(r.line).toBeGreaterThan(1);
      expect(r.id).not.toBe('');
    }
    expect(withinLimit(totals)).toBe(false); // default 0: any refusal fails the run

    const replayed = await ordersWithPrefix('SF311');
    expect(replayed).toHaveLength(totals.accepted);
    for (const o of replayed) expect(pointInDistrict(o.location.lat, o.location.lng), o.externalId).toBe(true);
    expect(replayed.map((o) => o.createdAt).sort()[0]).toBe(START.toISOString()); // shifted: the first row happens "now"

    // Closed in the source → 办结 here, as long after intake as in the source.
    // In the mapping's zone: an order open across a DST change lasted an hour more or less than its wall times say.
    const read = timeReader({ timeZone: mapping.timeZone });
    const byId = new Map(rows.map(({ row }) => [`SF311-${row.unique_key}`, row]));
    const closed = replayed.filter((o) => byId.get(o.externalId)?.closed_date);
    expect(closed.length).toBeGreaterThan(50);
    expect(totals.carried.closed).toBe(closed.length);
    for (const o of closed) {
      const row = byId.get(o.externalId)!;
      expect(o.state, o.externalId).toBe('handled');
      expect(o.department).toBeTruthy();
      const sourceMs = read(row.closed_date!)! - read(row.created_date!)!;
      expect(Date.parse(o.timestamps.handled!) - Date.parse(o.createdAt), o.externalId).toBe(sourceMs);
    }
    for (const o of replayed.filter((o) => !byId.get(o.externalId)?.closed_date)) expect(o.state).toBe('received');
  });

  it('replaying the same file again creates nothing new (channel + externalId is the idempotency key)', async () => {
    const before = await server.store.lastSeq();
    const totals = await replay({ target: leadTarget(), mapping, rows });
    expect(totals.duplicates).toBe(totals.accepted);
    // Nothing about orders was written; the system's own events (a month closing itself as the
    // replay's clock passes its close day) may still come.
    const after = await server.store.eventsAfter(before, 10_000);
    expect(after.filter((e) => e.entityType === 'workOrder').map((e) => e.type)).toEqual([]);
  });

  it('refuses to start when closed rows need a lead and the credential is an intake key', async () => {
    const before = await server.store.lastSeq();
    const apiKey = (await server.headersFor('intake'))['x-api-key'];
    const target = createTarget({ baseUrl: server.url, apiKey, clock: server.clock, speed: Infinity });
    await expect(replay({ target, mapping: { ...mapping, idPrefix: 'SFX' }, rows })).rejects.toThrow(/needs a lead's login.*Nothing was sent/);
    expect(await server.store.lastSeq()).toBe(before);
  });
});

describe.skipIf(!haveData)('replay of the NYC slice and the Boston subset', () => {
  it('places every NYC row inside the district and carries its statuses through the workflow', async () => {
    const mapping = parseMapping(nyc);
    // 150 rows keep the test fast; all 1,000 rows are checked offline in replay-rows.test.ts.
    const rows = prepareCsv(NYC, mapping).slice(0, 150);
    const totals = await replay({ target: leadTarget(), mapping, rows });
    expect(totals.accepted + totals.refused).toBe(rows.length);
    expect(totals.statusFailed).toBe(0);
    expect(totals.byReason['missing coordinates']).toBe(rows.filter(({ row }) => !row.latitude).length);
    const orders = await ordersWithPrefix('NYC311');
    expect(orders).toHaveLength(totals.accepted);
    for (const o of orders) expect(pointInDistrict(o.location.lat, o.location.lng)).toBe(true);
    const states = countBy(orders, (o) => o.state);
    expect(states.handled).toBe(totals.carried.closed);
    expect(states.dispatched).toBe(totals.carried.in_progress);
    expect(totals.carried.closed).toBeGreaterThan(20);
    expect(totals.carried.in_progress).toBeGreaterThan(20);
  }, 60_000);

  it('places the Boston rows (all open) inside the district', async () => {
    const mapping = parseMapping(boston);
    const rows = prepareCsv(BOSTON, mapping).slice(0, 150);
    const totals = await replay({ target: leadTarget(), mapping, rows });
    expect(totals.accepted + totals.refused).toBe(150);
    const orders = await ordersWithPrefix('BOS311');
    expect(orders).toHaveLength(totals.accepted);
    for (const o of orders) expect(pointInDistrict(o.location.lat, o.location.lng)).toBe(true);
  });
});

describe.skipIf(!haveData)('replay of a GeoReport v2 file (Bloomington, offset timestamps)', () => {
  it('reads every offset time, places what has a position, refuses the rest by reason, closes what the source closed', async () => {
    const source = JSON.parse(readFileSync(BLOOMINGTON, 'utf8')) as {
      service_request_id: string;
      status: string;
      lat: number | null;
      agency_responsible: string;
    }[];
    const placeable = source.filter((r) => r.lat);
    const { rows, mapping } = await loadOpen311(BLOOMINGTON, 'BLM');
    expect(rows).toHaveLength(source.length);
    const totals = await replay({ target: leadTarget(), mapping, rows });
    // No time is refused: every one carries an offset (-04:00). Positions: null, 0/0 or real.
    expect(totals.accepted).toBe(placeable.length);
    expect(totals.byReason).toEqual({
      'missing coordinates': source.filter((r) => r.lat === null).length,
      'zero coordinates': source.filter((r) => r.lat === 0).length,
    });
    expect(totals.examples['missing coordinates'][0]).toBe(1); // the file is one line
    const orders = await ordersWithPrefix('BLM');
    expect(orders).toHaveLength(placeable.length);
    for (const o of orders) {
      expect(pointInDistrict(o.location.lat, o.location.lng)).toBe(true);
      const request = source.find((r) => `BLM-${r.service_request_id}` === o.externalId)!;
      if (request.status === 'closed') expect(o).toMatchObject({ state: 'handled', department: request.agency_responsible });
      else expect(o).toMatchObject({ state: 'received', department: null });
    }
    expect(orders.filter((o) => o.state === 'handled').length).toBe(placeable.filter((r) => r.status === 'closed').length);
    expect(withinLimit(totals)).toBe(false);
    expect(withinLimit(totals, '40%')).toBe(true);
  });
});

const cli = async (args: string[]) => {
  const out: string[] = [];
  const code = await replayCli(args, { log: (l) => out.push(l), error: (l) => out.push(l) });
  return { code, out: out.join('\n') };
};

describe.skipIf(!haveData)('npm run replay: exit codes', () => {
  it('a mapping with a misspelled column imports nothing and names the column (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridops-cli-'));
    const map = join(dir, 'typo.json');
    writeFileSync(map, JSON.stringify({ ...sf, columns: { ...sf.columns, category: 'categroy' } }));
    const before = await server.store.lastSeq();
    const run = await cli([SF, '--map', map, '--base-url', server.url, '--cookie', lead.cookie, '--speed', 'max']);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/sf311_sample_10k_2008-2019\.csv: mapping .* columns\.category = "categroy"/);
    expect(await server.store.lastSeq()).toBe(before);
  });

  it('--open311 FILE: exit 1 when rows were refused beyond --max-refused, 0 within it', async () => {
    const args = ['--open311', BLOOMINGTON, '--id-prefix', 'BLMCLI', '--base-url', server.url, '--cookie', lead.cookie, '--speed', 'max', '--quiet'];
    const strict = await cli(args);
    expect(strict.code, strict.out).toBe(1);
    expect(strict.out).toMatch(/\d+  missing coordinates — e\.g\. .*bloomington_requests_2012\.json:1/);
    const lenient = await cli([...args, '--max-refused', '40%']);
    expect(lenient.code, lenient.out).toBe(0);
  });
});

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
