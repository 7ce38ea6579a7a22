import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { DISTRICT_BOUNDARY, DISTRICT_CENTER, gridCellOf, pointInDistrict, randomPointInDistrict, randomPointNear } from '../../../shared/geo/district';
import { pointInRing } from '../../../shared/geo/polygon';
import { distanceKm } from '../../../shared/geo/distance';
import { Rng } from '../../../sim/rng';
import { sharedDataPath } from '../../support/shared-data';

/** The simulator's seeded source (mulberry32): the same points every run. */
const seeded = (seed: number) => new Rng(seed).fn;

const cells = JSON.parse(readFileSync(new URL('../../../client/public/geo/grid-cells.geojson', import.meta.url), 'utf8')) as FeatureCollection<
  MultiPolygon,
  { id: string }
>;

describe('district boundary (WGS-84)', () => {
  it('holds downtown Karamay and excludes its neighbours', () => {
    expect(pointInDistrict(DISTRICT_CENTER.lat, DISTRICT_CENTER.lng)).toBe(true);
    // Karamay city hall area (WGS-84) lies in the district.
    expect(pointInDistrict(45.5946, 84.8729)).toBe(true);
    // Dushanzi (独山子区) and Urho (乌尔禾区) are other districts.
    expect(pointInDistrict(44.3286, 84.8867)).toBe(false);
    expect(pointInDistrict(46.0886, 85.6939)).toBe(false);
  });

  it('is the GCJ-02 source shifted to WGS-84 (a few hundred metres south-west)', () => {
    const source = JSON.parse(readFileSync(sharedDataPath('geo', 'karamay_district_650203_gmap2019.geojson'), 'utf8')) as {
      features: { geometry: { coordinates: number[][][][] } }[];
    };
    const [gLng, gLat] = source.features[0].geometry.coordinates[0][0][0];
    const [wLng, wLat] = DISTRICT_BOUNDARY[0];
    const shift = distanceKm({ lat: gLat, lng: gLng }, { lat: wLat, lng: wLng });
    expect(shift).toBeGreaterThan(0.1);
    expect(shift).toBeLessThan(0.8);
    expect(wLng).toBeLessThan(gLng);
  });
});

describe('random points for the simulator', () => {
  it('always fall inside the district, and a seed repeats its points', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = randomPointInDistrict(seeded(seed));
        const b = randomPointInDistrict(seeded(seed));
        expect(b).toEqual(a);
        return pointInDistrict(a.lat, a.lng);
      }),
      { numRuns: 300 },
    );
  });

  it('spread over the whole district, not one corner', () => {
    const rng = seeded(7);
    const lats = Array.from({ length: 500 }, () => randomPointInDistrict(rng).lat);
    expect(Math.min(...lats)).toBeLessThan(45.0);
    expect(Math.max(...lats)).toBeGreaterThan(45.4);
  });

  it('near a centre stay within the radius and inside the district', () => {
    const rng = seeded(11);
    for (let i = 0; i < 300; i++) {
      const p = randomPointNear(rng, DISTRICT_CENTER, 5);
      expect(pointInDistrict(p.lat, p.lng)).toBe(true);
      expect(distanceKm(p, DISTRICT_CENTER)).toBeLessThanOrEqual(5.001);
    }
  });
});

describe('grid cells', () => {
  it('every point of the district has the cell whose shape contains it', () => {
    const byId = new Map(cells.features.map((f) => [f.properties.id, f]));
    const rng = seeded(3);
    for (let i = 0; i < 200; i++) {
      const p = randomPointInDistrict(rng);
      const id = gridCellOf(p.lat, p.lng);
      expect(id).toMatch(/^G-\d{2}-\d{2}$/);
      const cell = byId.get(id!);
      expect(cell, `cell ${id} drawn on the map`).toBeDefined();
      const inside = cell!.geometry.coordinates.some((poly) => pointInRing(poly[0], p.lat, p.lng));
      expect(inside).toBe(true);
    }
  });

  it('are unique and stay inside the district', () => {
    const ids = cells.features.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(gridCellOf(44.0, 85.0)).toBeNull();
  });
});
