/**
 * Numbers on the wall sit in fixed slots and scale as a group: every number of a group gets the
 * font size that fits the group's longest value into one slot (CSS: .slots / .slot / .num in
 * WallView.vue), so 756 and 124 never read as "756124" and a 4-digit count does not shrink alone.
 * Never fewer than 3 digits: a quiet morning keeps the size a normal day has.
 */
export const MIN_GROUP_DIGITS = 3;

export function groupDigits(values: Iterable<number | string>): number {
  let longest = MIN_GROUP_DIGITS;
  for (const v of values) longest = Math.max(longest, String(v).length);
  return longest;
}
