import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISTRICT_BOUNDS, pointInDistrict } from '../../../shared/geo/district';
import { checkHeader, parseMapping } from '../../../sim/replay/mapping';
import { elementLines, parseOpen311 } from '../../../sim/replay/open311-source';
import { boxInsideDistrict, createPlacement } from '../../../sim/replay/placement';
import { prepareCsv, readCsvFile, summaryLines, withinLimit } from '../../../sim/replay/replay';
import { timeReader } from '../../../sim/replay/source-time';
import sf from '../../../sim/mappings/sf311.json';
import nyc from '../../../sim/mappings/nyc311.json';
import boston from '../../../sim/mappings/boston311.json';

const tempFile = (name: string, text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'gridops-replay-')), name);
  writeFileSync(file, text);
  return file;
};

describe('source times', () => {
  it('reads ISO 8601 with an offset as the instant it names', () => {
    const read = timeReader();
    expect(read('2014-05-09T19:02:21-05:00')).toBe(Date.UTC(2014, 4, 10, 0, 2, 21));
    expect(read('2012-05-23T15:55:28-04:00')).toBe(Date.UTC(2012, 4, 23, 19, 55, 28));
    expect(read('2024-04-16T03:03:15.000Z')).toBe(Date.UTC(2024, 3, 16, 3, 3, 15));
    expect(read('2024-04-16T03:03:15+0530')).toBe(Date.UTC(2024, 3, 15, 21, 33, 15));
  });

  it('reads wall times without an offset in the mapping timeZone, else as UTC', () => {
    expect(timeReader()('2024-04-16T03:03:15.000')).toBe(Date.UTC(2024, 3, 16, 3, 3, 15));
    expect(timeReader()('2019-10-06 00:05:55 UTC')).toBe(Date.UTC(2019, 9, 6, 0, 5, 55));
    const ny = timeReader({ timeZone: 'America/New_York' });
    expect(ny('2024-04-15T22:51:53')).toBe(Date.UTC(2024, 3, 16, 2, 51, 53)); // EDT, -4 h
    expect(ny('2024-01-15T22:51:53')).toBe(Date.UTC(2024, 0, 16, 3, 51, 53)); // EST, -5 h
    // An explicit offset wins over the zone.
    expect(ny('2024-04-15T22:51:53Z')).toBe(Date.UTC(2024, 3, 15, 22, 51, 53));
  });

  it('reads local formats with timeFormat', () => {
    const read = timeReader({ timeFormat: 'MM/DD/YYYY hh:mm:ss A', timeZone: 'America/Chicago' });
    expect(read('04/15/2024 10:51:53 PM')).toBe(Date.UTC(2024, 3, 16, 3, 51, 53));
    expect(read('04/15/2024 12:05:00 AM')).toBe(Date.UTC(2024, 3, 15, 5, 5, 0));
    expect(read('04/15/2024 12:05:00 PM')).toBe(Date.UTC(2024, 3, 15, 17, 5, 0));
    expect(read('04/15/2024 13:05:00 PM')).toBeNull();
    expect(read('2024-04-15 22:51:53')).toBeNull();
    expect(timeReader({ timeFormat: 'D.M.YYYY HH:mm' })('5.3.2025 07:09')).toBe(Date.UTC(2025, 2, 5, 7, 9));
  });

  it('refuses dates that do not exist and names a bad setting', () => {
    expect(timeReader()('2019-02-30 10:00:00')).toBeNull();
    expect(timeReader()('yesterday')).toBeNull();
    expect(timeReader()('')).toBeNull();
    expect(() => timeReader({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone "Mars\/Olympus"/);
    expect(() => timeReader({ timeFormat: 'MM/DD hh:mm' })).toThrow(/YYYY/);
    expect(() => timeReader({ timeFormat: 'YYYY-MM-DD hh:mm' })).toThrow(/hh.*A/);
  });
});

describe('placement', () => {
  it('lays each sample city over the district, every corner inside the boundary polygon with no fallback', () => {
    for (const json of [sf, nyc, boston]) {
      const b = parseMapping(json).sourceBounds;
      const placement = createPlacement(b);
      expect(placement.shrink).toBeGreaterThanOrEqual(1); // never enlarged
      for (const [lat, lng] of [
        [b.south, b.west],
        [b.north, b.east],
        [b.south, b.east],
        [b.north, b.west],
        [(b.south + b.north) / 2, (b.west + b.east) / 2],
      ]) {
        const p = placement.place(lat, lng);
        expect('lat' in p && pointInDistrict(p.lat, p.lng), `${json.name} ${lat},${lng}`).toBe(true);
      }
    }
  });

  it('keeps relative geography: same scale both ways, order kept', () => {
    const b = parseMapping(sf).sourceBounds;
    const placement = createPlacement(b);
    const a = placement.place(37.75, -122.45) as { lat: number; lng: number };
    const c = placement.place(37.78, -122.41) as { lat: number; lng: number };
    expect(c.lat).toBeGreaterThan(a.lat);
    expect(c.lng).toBeGreaterThan(a.lng);
    // km north ÷ km east is the same in the source and in the district.
    const ratio = (p: { lat: number; lng: number }, q: { lat: number; lng: number }, midLat: number) =>
      (q.lat - p.lat) / ((q.lng - p.lng) * Math.cos((midLat * Math.PI) / 180));
    expect(ratio(a, c, 45.6)).toBeCloseTo(ratio({ lat: 37.75, lng: -122.45 }, { lat: 37.78, lng: -122.41 }, 37.765), 2);
  });

  it('refuses a point outside the source bounds instead of moving it', () => {
    const placement = createPlacement(parseMapping(sf).sourceBounds);
    expect(placement.place(0.5, 0.5)).toEqual({ reason: 'outside source bounds' });
    expect(placement.place(40.7, -74)).toEqual({ reason: 'outside source bounds' });
  });

  it('shrinks a source bigger than the district until it fits, and the fit check sees the boundary', () => {
    const huge = { south: 30, north: 50, west: -125, east: -70 };
    const placement = createPlacement(huge);
    expect(placement.shrink).toBeGreaterThan(10);
    for (const [lat, lng] of [
      [30, -125],
      [50, -70],
      [30, -70],
      [50, -125],
    ]) {
      const p = placement.place(lat, lng) as { lat: number; lng: number };
      expect(pointInDistrict(p.lat, p.lng)).toBe(true);
    }
    expect(boxInsideDistrict(DISTRICT_BOUNDS)).toBe(false); // the bounding box sticks out of the polygon
  });
});

describe('mapping checked against the header', () => {
  it('names each column the file does not have, and the file', () => {
    const mapping = parseMapping({ ...sf, columns: { ...sf.columns, category: 'categry', lat: 'lattitude' } });
    expect(() => checkHeader(mapping, ['unique_key', 'created_date', 'latitude'], 'sf.csv')).toThrow(
      /^sf\.csv: mapping ".*" names columns the file does not have: columns\.closedAt = "closed_date", .*columns\.category = "categry"/,
    );
    expect(() => checkHeader(mapping, [], 'sf.csv')).toThrow(/columns\.lat = "lattitude"/);
  });

  it('prepareCsv refuses before returning any row', () => {
    const file = tempFile('mini.csv', 'unique_key,created_date,category\n1,2024-01-01 10:00,x\n');
    const mapping = parseMapping({
      ...sf,
      columns: { id: 'unique_key', createdAt: 'created_date', category: 'category', title: ['category'], lat: 'lat', lng: 'lng' },
    });
    expect(() => prepareCsv(file, mapping)).toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*columns\\.lat = "lat", columns\\.lng = "lng"`),
    );
  });
});

describe('CSV errors name the file and the line the bad record starts on', () => {
  it('an unclosed quote', () => {
    const file = tempFile('broken.csv', 'a,b,c\n1,2,3\n4,"five,6\n7,8,9\n10,11,12\n');
    expect(() => readCsvFile(file)).toThrow(new RegExp(`broken\\.csv:3: `));
  });

  it('a stray quote inside a field', () => {
    const file = tempFile('stray.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8"x",9\n');
    expect(() => readCsvFile(file)).toThrow(new RegExp(`stray\\.csv:4: `));
  });

  it('good files give each row the line it starts on, also after a multi-line field', () => {
    const file = tempFile('ok.csv', 'a,b\n1,"two\nlines"\n3,4\n');
    expect(readCsvFile(file).rows.map((r) => r.line)).toEqual([2, 4]);
  });
});

describe('GeoReport v2 files', () => {
  it('finds the line each request starts on', () => {
    expect(elementLines('[\n  {"a": "x]}{"},\n  {"b": 1}\n]')).toEqual([2, 3]);
    expect(elementLines('[{"a":1},{"a":2}]')).toEqual([1, 1]);
  });

  it('reads requests as rows with a closed time for closed ones', () => {
    const { rows, mapping } = parseOpen311(
      JSON.stringify(
        [
          {
            service_request_id: '1',
            status: 'closed',
            requested_datetime: '2014-07-12T10:58:43-05:00',
            updated_datetime: '2014-07-12T11:08:21-05:00',
            lat: 41.8,
            long: -87.6,
          },
        ],
        null,
        1,
      ),
      'x.json',
    );
    expect(rows[0]).toMatchObject({ line: 2, row: { closed_datetime: '2014-07-12T11:08:21-05:00', lat: '41.8' } });
    expect(mapping.columns.closedAt).toBe('closed_datetime');
    expect(() => parseOpen311('{"a":1}', 'x.json')).toThrow(/^x\.json: .*JSON array/);
    expect(() => parseOpen311('[{', 'x.json')).toThrow(/^x\.json: not JSON/);
  });
});

describe('refusal limit and summary', () => {
  const totals = { read: 200, refused: 3, statusFailed: 1 };
  it('default 0: any refusal fails; a count or a percentage allows some', () => {
    expect(withinLimit(totals)).toBe(false);
    expect(withinLimit({ read: 200, refused: 0, statusFailed: 0 })).toBe(true);
    expect(withinLimit(totals, '4')).toBe(true);
    expect(withinLimit(totals, '3')).toBe(false);
    expect(withinLimit(totals, '2%')).toBe(true);
    expect(withinLimit(totals, '1.5%')).toBe(false);
    expect(() => withinLimit(totals, 'lots')).toThrow(/--max-refused/);
  });

  it('prints each reason with its count and example lines', () => {
    const lines = summaryLines(
      {
        read: 10,
        accepted: 7,
        duplicates: 0,
        refused: 3,
        statusFailed: 0,
        refusals: [],
        byReason: { 'missing coordinates': 2, 'bad time': 1 },
        examples: { 'missing coordinates': [4, 9], 'bad time': [7] },
        carried: { open: 5, in_progress: 1, closed: 1 },
      },
      'f.csv',
    );
    expect(lines).toContain('       2  missing coordinates — e.g. f.csv:4, 9');
    expect(lines).toContain('       1  bad time — e.g. f.csv:7');
  });
});
