import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/board/state';
import { pointInDistrict } from '../../../shared/geo/district';
import { FakeClock } from '../../../server/clock';
import { parseMapping } from '../../../sim/replay/mapping';
import { readCsv, replay } from '../../../sim/replay/replay';
import { rowToIntake } from '../../../sim/replay/rows';
import { createTarget } from '../../../sim/target';
import sf from '../../../sim/mappings/sf311.json';
import { startTestServer, type TestServer } from '../../support/server';

const SF = join(__dirname, '../../../../shared/data/workload/sf311_sample_10k_2008-2019.csv');
const haveData = existsSync(SF);
if (!haveData) console.warn(`\n!!! replay test skipped: ${SF} not found (the shared/ folder must sit beside the repo)\n`);

const START = new Date('2025-03-10T09:00:00+08:00');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock(START) });
});
afterAll(async () => {
  await server?.stop();
});

describe.skipIf(!haveData)('replay of the San Francisco sample', () => {
  const mapping = parseMapping(sf);
  // Every row the mapping refuses, plus the newest month of good rows (sending all 10,000
  // through HTTP would take the test past its budget; the row rules are checked on all of them
  // in test/unit/sim/replay-rows.test.ts).
  const rows = haveData
    ? readCsv(SF).filter(({ row }) => !rowToIntake(row, mapping).ok || (row.created_date ?? '').startsWith('2019-10'))
    : [];

  it('accounts for every row: accepted + refused = read, and each refusal says why', async () => {
    // An intake key is all a replay needs: it only creates work orders.
    const apiKey = (await server.headersFor('intake'))['x-api-key'];
    const target = createTarget({ baseUrl: server.url, apiKey, clock: server.clock, speed: Infinity });
    const totals = await replay({ target, mapping, rows });

    expect(totals.read).toBe(rows.length);
    expect(totals.accepted + totals.refused).toBe(totals.read);
    expect(totals.accepted).toBeGreaterThan(100);
    expect(totals.duplicates).toBe(0);
    expect(totals.byReason).toEqual({ 'zero coordinates': 2, 'closed before created': 48 });
    for (const r of totals.refusals) {
      expect(r.reason).not.toBe('');
      expect(r.line).toBeGreaterThan(1);
      expect(r.id).not.toBe('');
    }

    // The accepted rows are on the board, inside the district, stamped in replay order.
    const snap = (await server.api<Snapshot>('GET', '/api/snapshot')).body;
    const replayed = snap.workOrders.filter((o) => o.externalId.startsWith('SF311-'));
    expect(replayed).toHaveLength(totals.accepted);
    for (const o of replayed) expect(pointInDistrict(o.location.lat, o.location.lng)).toBe(true);
    const first = replayed.map((o) => o.createdAt).sort()[0];
    expect(first).toBe(START.toISOString()); // shifted: the first row happens "now"
  });

  it('replaying the same file again creates nothing new (channel + externalId is the idempotency key)', async () => {
    const before = (await server.api<{ seq: number }>('GET', '/api/health')).body.seq;
    const target = createTarget({ baseUrl: server.url, cookie: server.headers.cookie, clock: server.clock, speed: Infinity });
    const totals = await replay({ target, mapping, rows });
    expect(totals.duplicates).toBe(totals.accepted);
    expect((await server.api<{ seq: number }>('GET', '/api/health')).body.seq).toBe(before);
  });
});
