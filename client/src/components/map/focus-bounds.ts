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
 * The box the map should show: everything that is happening (responders, incidents, orders),
 * at least MIN_SPAN tall, never beyond the district. Downtown Karamay is a small part of a
 * 100 km tall district; fitting the whole district would shrink the city to a speck.
 */
export function focusBox(points: Iterable<{ lat: number; lng: number }>, limit: Box): Box | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const p of points) {
    if (p.lat < south) south = p.lat;
    if (p.lat > north) north = p.lat;
    if (p.lng < west) west = p.lng;
    if (p.lng > east) east = p.lng;
  }
  if (south === Infinity) return null;
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
