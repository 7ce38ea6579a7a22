import { streetOfficeOf } from './street-office';

export interface StreetLabel {
  /** The street office (街道) or township, as the 2023 division codes name it. */
  unit: string;
  lat: number;
  lng: number;
  /** Open orders placed it: the label sits where its work is. */
  orders: number;
}

/**
 * Where to write each street office's name on the map. The project's geodata names the district's
 * units but draws no boundaries, so a unit is placed at the median position of its open orders
 * (the median, so one mis-geocoded order far away does not drag the label off its streets).
 * Units with no open order get no label: nothing of theirs is on the map to name.
 */
export function streetLabels(orders: Iterable<{ location: { lat: number; lng: number; address?: string } }>): StreetLabel[] {
  const byUnit = new Map<string, { lats: number[]; lngs: number[] }>();
  for (const { location } of orders) {
    const unit = streetOfficeOf(location.address);
    if (!unit) continue;
    let at = byUnit.get(unit);
    if (!at) byUnit.set(unit, (at = { lats: [], lngs: [] }));
    at.lats.push(location.lat);
    at.lngs.push(location.lng);
  }
  return [...byUnit]
    .map(([unit, { lats, lngs }]) => ({ unit, lat: median(lats), lng: median(lngs), orders: lats.length }))
    .sort((a, b) => b.orders - a.orders || a.unit.localeCompare(b.unit));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
