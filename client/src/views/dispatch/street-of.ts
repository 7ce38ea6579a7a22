import { DISTRICT_STREETS } from '../../../../shared/geo/district';

/**
 * The street office (街道) an address belongs to, read from the address text: Karamay's street
 * offices are named after their main road ('天山路街道' covers '天山路 58 号'). Null when the address
 * names none of them; the board's street filter then lists the order under 'other'.
 */
const STREET_STEMS = DISTRICT_STREETS.filter((s) => s.endsWith('街道')).map((s) => ({ street: s, stem: s.replace(/街道$/, '') }));

export function streetOf(address: string | undefined): string | null {
  if (!address) return null;
  return STREET_STEMS.find(({ stem }) => address.includes(stem))?.street ?? null;
}

export const BOARD_STREETS = STREET_STEMS.map((s) => s.street);
