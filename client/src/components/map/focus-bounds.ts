/** A lat/lng box: south, west, north, east. */
export interface Box {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** ~10 km: the map never zooms in closer than a neighbourhood, so one lone dot is not a street map. */
const MIN_SPAN_LAT = 0.09;
/**
 * Share of the work left out on each side of each axis: 1.25 % × 4 sides ≤ 5 %, so the frame
 * holds at least 95 % of it. A handful of orders out in the desert (the district is 100 km tall,
 * the town a few km) must not shrink the town, where nearly all the work is, to a speck.
 */
const TRIM = 0.0125;

/**
 * The box the map should show: where the work is. `work` (open orders, on-duty responders) is
 * trimmed of its outliers; `always` (open incidents: a handful, each one urgent) is always inside.
 * At least MIN_SPAN tall, never beyond the district.
 */
export function focusBox(
  work: readonly { lat: number; lng: number }[],
  limit: Box,
  always: readonly { lat: number; lng: number }[] = [],
): Box | null {
  if (work.length === 0 && always.length === 0) return null;
  const lats = work.map((p) => p.lat).sort((a, b) => a - b);
  const lngs = work.map((p) => p.lng).sort((a, b) => a - b);
  const cut = Math.floor(work.length * TRIM);
  let south = work.length ? lats[cut] : Infinity;
  let north = work.length ? lats[lats.length - 1 - cut] : -Infinity;
  let west = work.length ? lngs[cut] : Infinity;
  let east = work.length ? lngs[lngs.length - 1 - cut] : -Infinity;
  for (const p of always) {
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
    west = Math.min(west, p.lng);
    east = Math.max(east, p.lng);
  }
  const midLat = (south + north) / 2;
  const midLng = (west + east) / 2;
  const halfLat = Math.max(north - south, MIN_SPAN_LAT) / 2;
  const halfLng = Math.max(east - west, MIN_SPAN_LAT / Math.cos((midLat * Math.PI) / 180)) / 2;
  return {
    south: Math.max(limit.south, midLat - halfLat),
    north: Math.min(limit.north, midLat + halfLat),
    west: Math.max(limit.west, midLng - halfLng),
    east: Math.min(limit.east, midLng + halfLng),
  };
}

export const boxContains = (outer: Box, inner: Box) =>
  inner.south >= outer.south && inner.north <= outer.north && inner.west >= outer.west && inner.east <= outer.east;

export const boxArea = (b: Box) => Math.max(0, b.north - b.south) * Math.max(0, b.east - b.west);
