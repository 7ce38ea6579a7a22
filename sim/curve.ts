import { localParts } from '../shared/time';

/**
 * Relative intake per Beijing-time hour: near zero at night, peaks 10–12 and 16–18, as a
 * center's call volume usually runs. Normalised so the 24 weights sum to 1.
 */
const RAW = [
  0.15,
  0.1,
  0.08,
  0.06,
  0.06,
  0.1, // 00–05
  0.3,
  0.6,
  1.0,
  1.4,
  1.9,
  2.0, // 06–11
  1.5,
  1.1,
  1.2,
  1.5,
  1.9,
  1.95, // 12–17
  1.4,
  1.0,
  0.8,
  0.6,
  0.4,
  0.25, // 18–23
];
const SUM = RAW.reduce((a, b) => a + b, 0);
export const HOURLY_SHARE: readonly number[] = RAW.map((w) => w / SUM);

/** Expected orders per hour at `at`, for `perDay` orders a day. */
export function hourlyRate(at: Date, perDay: number, timeZone: string): number {
  return perDay * HOURLY_SHARE[localParts(at, timeZone).hour];
}
