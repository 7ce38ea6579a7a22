import { distanceKm, type LatLng } from '../geo/distance';

/**
 * Initial great-circle bearing from `from` to `to`, degrees clockwise from north (0–359.9).
 * What a responder's phone shows beside the distance: "1.2 km, 东北 (45°)".
 */
export function bearingDeg(from: LatLng, to: LatLng): number {
  const rad = Math.PI / 180;
  const φ1 = from.lat * rad;
  const φ2 = to.lat * rad;
  const Δλ = (to.lng - from.lng) * rad;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  const deg = Math.atan2(y, x) / rad;
  return (deg + 360) % 360;
}

export const COMPASS_POINTS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type CompassPoint = (typeof COMPASS_POINTS)[number];

/** The nearest of the eight compass points (each covers 45°, N from 337.5° to 22.5°). */
export const compassPoint = (deg: number): CompassPoint => COMPASS_POINTS[Math.round((((deg % 360) + 360) % 360) / 45) % 8];

export const distanceM = (a: LatLng, b: LatLng) => distanceKm(a, b) * 1000;

/** Inside the arrival geofence: within `radiusM` metres of the site (the boundary counts as inside). */
export const insideGeofence = (position: LatLng, site: LatLng, radiusM: number) => distanceM(position, site) <= radiusM;
