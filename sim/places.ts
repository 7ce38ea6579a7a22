import { DISTRICT_STREETS, gridCellOf, randomPointInDistrict, randomPointNear } from '../shared/geo/district';
import type { Rng } from './rng';

/**
 * Where things happen: most of the work is in town (the city seat), some anywhere in the
 * district; addresses name a real street-level unit of 克拉玛依区 (2023 statistical division)
 * and a road named after it.
 */
export interface Place {
  lat: number;
  lng: number;
  address: string;
  gridCell?: string;
}

/** Units in town, where roads carry the unit's name (天山路街道 → 天山路). */
const TOWN_UNITS = DISTRICT_STREETS.filter((s) => s.endsWith('路街道'));
const ROADS = TOWN_UNITS.map((s) => s.replace(/街道$/, ''));
const OUTER_UNITS = DISTRICT_STREETS.filter((s) => !s.endsWith('路街道'));
const ESTATES = ['石油小区', '友谊小区', '新城小区', '长征小区', '和平小区', '阳光花园'];

export function randomPlace(rng: Rng, townShare = 0.85): Place {
  const inTown = rng.chance(townShare);
  const p = inTown ? randomPointNear(rng.fn, undefined, 6) : randomPointInDistrict(rng.fn);
  const point = { lat: round6(p.lat), lng: round6(p.lng) };
  let address: string;
  if (inTown || OUTER_UNITS.length === 0) {
    const unit = rng.pick(TOWN_UNITS.length ? TOWN_UNITS : DISTRICT_STREETS);
    const road = unit.replace(/街道$/, '');
    const form = rng.int(0, 2);
    if (form === 0) address = `克拉玛依区${unit}${road}${rng.int(1, 260)}号`;
    else if (form === 1) address = `克拉玛依区${unit}${road}与${rng.pick(ROADS.filter((r) => r !== road))}交叉口`;
    else address = `克拉玛依区${unit}${rng.pick(ESTATES)}${rng.int(1, 40)}栋`;
  } else {
    address = `克拉玛依区${rng.pick(OUTER_UNITS)}${rng.pick(['村委会附近', '主干道旁', '居民点'])}`;
  }
  return { ...point, address, gridCell: gridCellOf(point.lat, point.lng) ?? undefined };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
