/** A lat/lng box: south, west, north, east. */
export interface Box {
  south: number;
  west: number;
  north: number;
  east: number;
}

type Point = { lat: number; lng: number };

/** ~5.5 km: the map never zooms in closer than a neighbourhood, so one lone dot is not a street map. */
const MIN_SPAN_LAT = 0.05;
/** Shares of the work the frame tries to hold, most first. */
const SHARES = [0.95, 0.9, 0.85, 0.8];
/** A frame wider than this share of the district is "the whole district" again: try a smaller share. */
const MAX_SHARE_OF_DISTRICT = 0.1;

/**
 * The box the map should show: where the work is. Karamay's town is a few km across at the north
 * end of a 100 km district; nearly every order and responder is there, a few are out in the
 * desert. Fitting them all would squeeze the town into a corner of the map.
 *
 * So: the work nearest its median point, 95 % of it if that stays compact (≤ 10 % of the district),
 * else 90 %, 85 %, 80 %; the inset map and its caption account for the rest. `always` (open
 * incidents: few, each urgent) is always inside. At least MIN_SPAN tall, never beyond the district.
 */
export function focusBox(work: readonly Point[], limit: Box, always: readonly Point[] = []): Box | null {
  if (work.length === 0 && always.length === 0) return null;
  let core: Box | null = null;
  if (work.length > 0) {
    const mid = { lat: median(work.map((p) => p.lat)), lng: median(work.map((p) => p.lng)) };
    const kx = Math.cos((mid.lat * Math.PI) / 180);
    const byDistance = [...work].sort((a, b) => dist2(a, mid, kx) - dist2(b, mid, kx));
    for (const share of SHARES) {
      core = boundsOf(byDistance.slice(0, Math.ceil(work.length * share)));
      if (boxArea(core) <= boxArea(limit) * MAX_SHARE_OF_DISTRICT) break;
    }
  }
  const all = boundsOf(always, core);
  const midLat = (all.south + all.north) / 2;
  const midLng = (all.west + all.east) / 2;
  const halfLat = Math.max(all.north - all.south, MIN_SPAN_LAT) / 2;
  const halfLng = Math.max(all.east - all.west, MIN_SPAN_LAT / Math.cos((midLat * Math.PI) / 180)) / 2;
  return {
    south: Math.max(limit.south, midLat - halfLat),
    north: Math.min(limit.north, midLat + halfLat),
    west: Math.max(limit.west, midLng - halfLng),
    east: Math.min(limit.east, midLng + halfLng),
  };
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const dist2 = (p: Point, q: Point, kx: number) => ((p.lng - q.lng) * kx) ** 2 + (p.lat - q.lat) ** 2;

function boundsOf(points: readonly Point[], start: Box | null = null): Box {
  const b = start ? { ...start } : { south: Infinity, west: Infinity, north: -Infinity, east: -Infinity };
  for (const p of points) {
    if (p.lat < b.south) b.south = p.lat;
    if (p.lat > b.north) b.north = p.lat;
    if (p.lng < b.west) b.west = p.lng;
    if (p.lng > b.east) b.east = p.lng;
  }
  return b;
}

export const boxContains = (outer: Box, inner: Box) =>
  inner.south >= outer.south && inner.north <= outer.north && inner.west >= outer.west && inner.east <= outer.east;

export const boxArea = (b: Box) => Math.max(0, b.north - b.south) * Math.max(0, b.east - b.west);

/** How many of `points` lie outside `box` (the inset's "+N outside the frame"). */
export const countOutside = (box: Box, points: readonly Point[]) =>
  points.reduce((n, p) => n + (p.lat < box.south || p.lat > box.north || p.lng < box.west || p.lng > box.east ? 1 : 0), 0);
