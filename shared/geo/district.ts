import { DISTRICT_BOUNDARY, DISTRICT_CENTER, DISTRICT_GRID, DISTRICT_STREETS } from './district-boundary.generated';
import { cellAt } from './grid';
import { pointInRing, ringBounds } from './polygon';

export { DISTRICT_BOUNDARY, DISTRICT_CENTER, DISTRICT_GRID, DISTRICT_STREETS };

/** A source of uniform numbers in [0, 1), e.g. a seeded PRNG; pass Math.random only outside tests. */
export type Rng = () => number;

export const DISTRICT_BOUNDS = ringBounds(DISTRICT_BOUNDARY);

/** Whether a WGS-84 point lies inside 克拉玛依区. */
export function pointInDistrict(lat: number, lng: number): boolean {
  return pointInRing(DISTRICT_BOUNDARY, lat, lng);
}

/** The grid cell id ('G-RR-CC') of a point inside the district, else null. */
export function gridCellOf(lat: number, lng: number): string | null {
  return pointInDistrict(lat, lng) ? cellAt(DISTRICT_GRID, lat, lng) : null;
}

/**
 * A uniformly random point inside the district (by degrees, which is near enough for a
 * district 100 km tall). Rejection sampling in the bounding box: about 2 draws per point.
 */
export function randomPointInDistrict(rng: Rng): { lat: number; lng: number } {
  const b = DISTRICT_BOUNDS;
  for (let i = 0; i < 1000; i++) {
    const lat = b.south + rng() * (b.north - b.south);
    const lng = b.west + rng() * (b.east - b.west);
    if (pointInDistrict(lat, lng)) return { lat, lng };
  }
  // Only a broken RNG (always 0, say) gets here; the district seat is inside.
  return { lat: DISTRICT_CENTER.lat, lng: DISTRICT_CENTER.lng };
}

/**
 * A random point within `radiusKm` of `center` and inside the district: most of the city's
 * work happens downtown, not evenly over the desert, so simulators want this more often.
 */
export function randomPointNear(rng: Rng, center: { lat: number; lng: number } = DISTRICT_CENTER, radiusKm = 6): { lat: number; lng: number } {
  const kmPerLat = 111.195;
  const kmPerLng = kmPerLat * Math.cos((center.lat * Math.PI) / 180);
  for (let i = 0; i < 1000; i++) {
    // sqrt keeps the density uniform over the disc rather than bunched at the centre.
    const r = radiusKm * Math.sqrt(rng());
    const theta = rng() * 2 * Math.PI;
    const lat = center.lat + (r * Math.sin(theta)) / kmPerLat;
    const lng = center.lng + (r * Math.cos(theta)) / kmPerLng;
    if (pointInDistrict(lat, lng)) return { lat, lng };
  }
  return randomPointInDistrict(rng);
}
