/** Plain planar polygon helpers on [lng, lat] rings (GeoJSON order). */

export type Ring = ReadonlyArray<readonly [number, number] | readonly number[]>;

/**
 * Even-odd ray casting: counts the edges a ray going east from the point crosses.
 * Points exactly on an edge may fall either side, which is fine for map placement.
 */
export function pointInRing(ring: Ring, lat: number, lng: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function ringBounds(ring: Ring): { north: number; south: number; west: number; east: number } {
  let north = -Infinity;
  let south = Infinity;
  let west = Infinity;
  let east = -Infinity;
  for (const [lng, lat] of ring) {
    north = Math.max(north, lat);
    south = Math.min(south, lat);
    west = Math.min(west, lng);
    east = Math.max(east, lng);
  }
  return { north, south, west, east };
}
