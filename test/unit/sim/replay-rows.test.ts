import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workOrderIntakeSchema } from '../../../shared/domain/work-order';
import { pointInDistrict } from '../../../shared/geo/district';
import { parseMapping } from '../../../sim/replay/mapping';
import { readCsv } from '../../../sim/replay/replay';
import { mapIntoDistrict, parseSourceTime, rowToIntake } from '../../../sim/replay/rows';
import sf from '../../../sim/mappings/sf311.json';
import nyc from '../../../sim/mappings/nyc311.json';
import boston from '../../../sim/mappings/boston311.json';

const WORKLOAD = join(__dirname, '../../../../shared/data/workload');
const files = {
  sf: join(WORKLOAD, 'sf311_sample_10k_2008-2019.csv'),
  nyc: join(WORKLOAD, 'nyc311_2024-04-15_4h_slice_1000.csv'),
  boston: join(WORKLOAD, 'boston311_2025_open_subset_2424.csv'),
};
const haveData = existsSync(files.sf);
if (!haveData) console.warn(`\n!!! replay data not found at ${WORKLOAD}: the shared/ folder must sit beside the repo\n`);

describe('replay rows', () => {
  it('reads the source time formats and refuses impossible dates', () => {
    expect(parseSourceTime('2019-10-06 00:05:55 UTC')).toBe(Date.UTC(2019, 9, 6, 0, 5, 55));
    expect(parseSourceTime('2024-04-16T03:03:15.000')).toBe(Date.UTC(2024, 3, 16, 3, 3, 15));
    expect(parseSourceTime('2025-01-24 03:24:56')).toBe(Date.UTC(2025, 0, 24, 3, 24, 56));
    expect(parseSourceTime('2019-02-30 10:00:00')).toBeNull();
    expect(parseSourceTime('yesterday')).toBeNull();
    expect(parseSourceTime('')).toBeNull();
  });

  it('maps every corner of the source city into the district', () => {
    const b = parseMapping(sf).sourceBounds;
    for (const [lat, lng] of [
      [b.south, b.west],
      [b.north, b.east],
      [b.south, b.east],
      [b.north, b.west],
      [0.5, 0.5], // far outside: clamped to the box
    ]) {
      const p = mapIntoDistrict(lat, lng, b);
      expect(pointInDistrict(p.lat, p.lng)).toBe(true);
    }
  });

  it('refuses a row with a reason and never throws', () => {
    const mapping = parseMapping(sf);
    const good = { unique_key: '1', created_date: '2019-10-06 00:05:55 UTC', closed_date: '', category: 'Graffiti', complaint_type: 'Graffiti on Building', source: 'Phone', latitude: '37.77', longitude: '-122.42' };
    expect(rowToIntake(good, mapping)).toMatchObject({ ok: true, intake: { channel: 'hotline_12345', category: { kind: 'event', class: 'city_appearance' } } });
    expect(rowToIntake({ ...good, latitude: '0', longitude: '0' }, mapping)).toMatchObject({ ok: false, reason: 'zero coordinates' });
    expect(rowToIntake({ ...good, closed_date: '2019-10-05 00:00:00 UTC' }, mapping)).toMatchObject({ ok: false, reason: 'closed before created' });
    expect(rowToIntake({ ...good, created_date: 'n/a' }, mapping)).toMatchObject({ ok: false, reason: expect.stringMatching(/^bad time/) });
    expect(rowToIntake({ ...good, latitude: '' }, mapping)).toMatchObject({ ok: false, reason: 'missing coordinates' });
  });

  it('refuses a mapping that names a class the classification does not have', () => {
    expect(() => parseMapping({ ...sf, defaultCategory: { kind: 'event', class: 'weather' } })).toThrow(/defaultCategory/);
  });

  it.skipIf(!haveData)('turns the SF sample into valid intake, refusing exactly the known bad rows', () => {
    const rows = readCsv(files.sf);
    expect(rows).toHaveLength(10_000);
    const mapping = parseMapping(sf);
    const reasons: Record<string, number> = {};
    for (const { row } of rows) {
      const r = rowToIntake(row, mapping);
      if (r.ok) {
        expect(workOrderIntakeSchema.safeParse(r.intake).success).toBe(true);
        expect(pointInDistrict(r.intake.location.lat, r.intake.location.lng)).toBe(true);
      } else reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
    }
    // SOURCES.md: 2 rows with lat/lon = 0, 48 with closed < created; nothing else is wrong.
    expect(reasons).toEqual({ 'zero coordinates': 2, 'closed before created': 48 });
  });

  it.skipIf(!haveData)('reads the NYC slice (newlines inside quoted fields) and the Boston subset with their mappings', () => {
    for (const [file, json, count] of [
      [files.nyc, nyc, 1000],
      [files.boston, boston, 2424],
    ] as const) {
      const rows = readCsv(file);
      expect(rows).toHaveLength(count);
      const mapping = parseMapping(json);
      const results = rows.map(({ row }) => rowToIntake(row, mapping));
      const ok = results.filter((r) => r.ok);
      expect(ok.length).toBeGreaterThan(count * 0.9);
      for (const r of ok) expect(workOrderIntakeSchema.safeParse(r.intake).success).toBe(true);
    }
  });
});
