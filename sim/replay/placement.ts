import { DISTRICT_BOUNDARY, DISTRICT_CENTER, pointInDistrict } from '../../shared/geo/district';

/**
 * Where a source city's points land in the district. The source's bounding box is laid over the
 * district seat at the same scale in kilometres (shrunk, never enlarged, until the whole box fits
 * inside the district boundary polygon), so relative geography is kept: streets stay streets,
 * clusters stay clusters. A point outside the source box, or (should the check ever miss) outside
 * the polygon, is not placed: the caller refuses the row and counts it. No point is ever moved
 * to a fallback spot.
 */
export interface SourceBounds {
  south: number;
  north: number;
  west: number;
  east: number;
}

export interface Placement {
  /** The district position of a source point, or null when it cannot be placed. */
  place(lat: number, lng: number): { lat: number; lng: number } | { reason: string };
  /** Source kilometres per district kilometre (1 = true scale). */
  readonly shrink: number;
}

const KM_PER_LAT = 111.195;
const kmPerLng = (lat: number) => KM_PER_LAT * Math.cos((lat * Math.PI) / 180);

/** Whether the box lies inside the district ring: all corners inside, no boundary edge crossing it. */
export function boxInsideDistrict(box: SourceBounds): boolean {
  const corners: [number, number][] = [
    [box.west, box.south],
    [box.east, box.south],
    [box.east, box.north],
    [box.west, box.north],
  ];
  if (!corners.every(([lng, lat]) => pointInDistrict(lat, lng))) return false;
  const ring = DISTRICT_BOUNDARY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as readonly number[];
    const b = ring[i] as readonly number[];
    for (let k = 0; k < 4; k++) {
      if (segmentsCross(a, b, corners[k], corners[(k + 1) % 4])) return false;
    }
  }
  return true;
}

function segmentsCross(p1: readonly number[], p2: readonly number[], q1: readonly number[], q2: readonly number[]): boolean {
  const d = (a: readonly number[], b: readonly number[], c: readonly number[]) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const d1 = d(q1, q2, p1);
  const d2 = d(q1, q2, p2);
  const d3 = d(p1, p2, q1);
  const d4 = d(p1, p2, q2);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

export function createPlacement(source: SourceBounds, center: { lat: number; lng: number } = DISTRICT_CENTER): Placement {
  if (!(source.north > source.south && source.east > source.west)) {
    throw new Error(`sourceBounds: north must exceed south and east exceed west (got ${JSON.stringify(source)})`);
  }
  const midLat = (source.north + source.south) / 2;
  const halfHeightKm = ((source.north - source.south) / 2) * KM_PER_LAT;
  const halfWidthKm = ((source.east - source.west) / 2) * kmPerLng(midLat);
  const boxAt = (scale: number): SourceBounds => {
    const dLat = (halfHeightKm * scale) / KM_PER_LAT;
    const dLng = (halfWidthKm * scale) / kmPerLng(center.lat);
    return { south: center.lat - dLat, north: center.lat + dLat, west: center.lng - dLng, east: center.lng + dLng };
  };
  // Largest scale ≤ 1 whose box fits: bisection (fit is monotone for a box around an inner point).
  let lo = 0;
  let hi = 1;
  if (!boxInsideDistrict(boxAt(1))) {
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (boxInsideDistrict(boxAt(mid))) lo = mid;
      else hi = mid;
    }
    hi = lo * 0.995; // a hair inside, so rounding never puts a corner point on the boundary
  }
  const scale = hi;
  if (!(scale > 0)) throw new Error('the district has no room around its seat for the source box');
  const target = boxAt(scale);

  return {
    shrink: 1 / scale,
    place(lat, lng) {
      if (lat < source.south || lat > source.north || lng < source.west || lng > source.east) {
        return { reason: 'outside source bounds' };
      }
      const fy = (lat - source.south) / (source.north - source.south);
      const fx = (lng - source.west) / (source.east - source.west);
      const point = {
        lat: round6(target.south + fy * (target.north - target.south)),
        lng: round6(target.west + fx * (target.east - target.west)),
      };
      return pointInDistrict(point.lat, point.lng) ? point : { reason: 'outside district' };
    },
  };
}

/** Bounds of a set of points (for sources such as Open311 files that state none). */
export function boundsOf(points: Iterable<{ lat: number; lng: number }>): SourceBounds | null {
  let b: SourceBounds | null = null;
  for (const { lat, lng } of points) {
    if (!b) b = { south: lat, north: lat, west: lng, east: lng };
    else b = { south: Math.min(b.south, lat), north: Math.max(b.north, lat), west: Math.min(b.west, lng), east: Math.max(b.east, lng) };
  }
  // A single point (or a line) has no area: give it a few hundred metres of room.
  if (b && b.north - b.south < 0.002) b = { ...b, south: b.south - 0.001, north: b.north + 0.001 };
  if (b && b.east - b.west < 0.002) b = { ...b, west: b.west - 0.001, east: b.east + 0.001 };
  return b;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
