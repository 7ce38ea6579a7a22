/**
 * The square grid the district is cut into for the map and for `location.gridCell`.
 * Cells are GRID_CELL_KM on a side at the district's middle latitude, numbered from the
 * north-west corner: row 0 is the northernmost, col 0 the westernmost. Id: 'G-RR-CC'.
 */

import { ringBounds, type Ring } from './polygon';

export const GRID_CELL_KM = 2;

const KM_PER_DEGREE_LAT = 111.195;

export interface GridSpec {
  /** North-west corner of cell G-00-00. */
  north: number;
  west: number;
  latStep: number;
  lngStep: number;
  rows: number;
  cols: number;
}

export interface CellBounds {
  north: number;
  south: number;
  west: number;
  east: number;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** A grid covering the bounding box of `ring` ([lng, lat] pairs), its corner snapped outward to 0.01°. */
export function gridSpec(ring: Ring, cellKm = GRID_CELL_KM): GridSpec {
  const b = ringBounds(ring);
  const north = Math.ceil(b.north * 100) / 100;
  const west = Math.floor(b.west * 100) / 100;
  const { south, east } = b;
  const midLat = (north + south) / 2;
  const latStep = round6(cellKm / KM_PER_DEGREE_LAT);
  const lngStep = round6(cellKm / (KM_PER_DEGREE_LAT * Math.cos((midLat * Math.PI) / 180)));
  return {
    north,
    west,
    latStep,
    lngStep,
    rows: Math.ceil((north - south) / latStep),
    cols: Math.ceil((east - west) / lngStep),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export const cellId = (row: number, col: number) => `G-${pad2(row)}-${pad2(col)}`;

export function cellBounds(spec: GridSpec, row: number, col: number): CellBounds {
  return {
    north: round6(spec.north - row * spec.latStep),
    south: round6(spec.north - (row + 1) * spec.latStep),
    west: round6(spec.west + col * spec.lngStep),
    east: round6(spec.west + (col + 1) * spec.lngStep),
  };
}

/** The id of the cell containing the point, or null outside the grid's rectangle. */
export function cellAt(spec: GridSpec, lat: number, lng: number): string | null {
  const row = Math.floor((spec.north - lat) / spec.latStep);
  const col = Math.floor((lng - spec.west) / spec.lngStep);
  if (row < 0 || col < 0 || row >= spec.rows || col >= spec.cols) return null;
  return cellId(row, col);
}
