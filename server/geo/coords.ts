import gcoord from 'gcoord';
import type { CoordSystem } from '../../shared/domain/common';

const SYSTEMS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** Converts a point from WGS-84, GCJ-02 (WeChat, AMap) or BD-09 (Baidu) to WGS-84, rounded to ~1 cm. */
export function toWgs84(lat: number, lng: number, system: CoordSystem = 'wgs84'): { lat: number; lng: number } {
  if (system === 'wgs84') return { lat, lng };
  const [x, y] = gcoord.transform<[number, number]>([lng, lat], SYSTEMS[system], gcoord.WGS84);
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  return { lat: round(y), lng: round(x) };
}
