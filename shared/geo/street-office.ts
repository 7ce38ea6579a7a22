import { DISTRICT_STREETS } from './district-boundary.generated';

/**
 * The street office (街道) or township an order belongs to, read from its address: the project's
 * geodata (../shared/data/geo, 2023 statistical division codes) names the district's ten units
 * but has no boundaries, so the address is the only reliable key. In town a road carries its
 * unit's name (天山路 → 天山路街道), so a bare road name counts too. null = no unit named.
 */
const TOWN_ROADS = DISTRICT_STREETS.filter((s) => s.endsWith('路街道')).map((unit) => ({ unit, road: unit.replace(/街道$/, '') }));

export function streetOfficeOf(address: string | undefined): string | null {
  if (!address) return null;
  for (const unit of DISTRICT_STREETS) if (address.includes(unit)) return unit;
  for (const { unit, road } of TOWN_ROADS) if (address.includes(road)) return unit;
  return null;
}
