import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workOrderIntakeSchema } from '../../../shared/domain/work-order';
import { pointInDistrict } from '../../../shared/geo/district';
import { parseMapping } from '../../../sim/replay/mapping';
import { readCsv } from '../../../sim/replay/replay';
import { rowToIntake } from '../../../sim/replay/rows';
import { sharedDataDir } from '../../support/shared-data';
import sf from '../../../sim/mappings/sf311.json';
import nyc from '../../../sim/mappings/nyc311.json';
import boston from '../../../sim/mappings/boston311.json';

const WORKLOAD = join(sharedDataDir(), 'workload');
const files = {
  sf: join(WORKLOAD, 'sf311_sample_10k_2008-2019.csv'),
  nyc: join(WORKLOAD, 'nyc311_2024-04-15_4h_slice_1000.csv'),
  boston: join(WORKLOAD, 'boston311_2025_open_subset_2424.csv'),
};
const haveData = existsSync(files.sf);
if (!haveData) console.warn(`\n!!! replay data not found at ${WORKLOAD}: the shared/ folder must sit beside the repo\n`);

describe('replay rows', () => {
  it('refuses a row with a reason and never throws', () => {
    const mapping = parseMapping(sf);
    const good = {
      unique_key: '1',
      created_date: '2019-10-06 00:05:55 UTC',
      closed_date: '',
      category: 'Graffiti',
      complaint_type: 'Graffiti on Building',
      source: 'Phone',
      latitude: '37.77',
      longitude: '-122.42',
    };
    expect(rowToIntake(good, mapping)).toMatchObject({ ok: true, intake: { channel: 'hotline_12345', category: { kind: 'event', class: 'city_appearance' } } });
    expect(rowToIntake({ ...good, latitude: '0', longitude: '0' }, mapping)).toMatchObject({ ok: false, reason: 'zero coordinates' });
    expect(rowToIntake({ ...good, closed_date: '2019-10-05 00:00:00 UTC' }, mapping)).toMatchObject({ ok: false, reason: 'closed before created' });
    expect(rowToIntake({ ...good, created_date: 'n/a' }, mapping)).toMatchObject({ ok: false, reason: expect.stringMatching(/^bad time/) as unknown });
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

  it.skipIf(!haveData)('reads the NYC slice (newlines inside quoted fields) and the Boston subset, every placed row inside the district', () => {
    for (const [file, json, count, refused] of [
      // SOURCES.md: 977 of NYC's rows have a position; one is "Closed" with no closed_date.
      [files.nyc, nyc, 1000, { 'missing coordinates': 23, 'closed without a close time (closed_date empty)': 1 }],
      [files.boston, boston, 2424, { 'missing coordinates': 2 }],
    ] as const) {
      const rows = readCsv(file);
      expect(rows).toHaveLength(count);
      const mapping = parseMapping(json);
      const reasons: Record<string, number> = {};
      for (const { row } of rows) {
        const r = rowToIntake(row, mapping);
        if (r.ok) {
          expect(workOrderIntakeSchema.safeParse(r.intake).success).toBe(true);
          expect(pointInDistrict(r.intake.location.lat, r.intake.location.lng)).toBe(true);
        } else reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
      }
      expect(reasons).toEqual(refused);
    }
  });

  it.skipIf(!haveData)('reads each status as what it is: NYC open, in progress (In Progress, Assigned) and closed', () => {
    const mapping = parseMapping(nyc);
    const counts: Record<string, number> = {};
    for (const { row } of readCsv(files.nyc)) {
      const r = rowToIntake(row, mapping);
      if (r.ok) counts[`${row.status}→${r.status}`] = (counts[`${row.status}→${r.status}`] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['Assigned→in_progress', 'Closed→closed', 'In Progress→in_progress', 'Open→open']);
  });
});
