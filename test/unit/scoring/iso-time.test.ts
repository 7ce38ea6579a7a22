import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoMs } from '../../../shared/scoring';

describe('isoMs', () => {
  it('reads every toISOString() instant exactly like Date.parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('2999-12-31T23:59:59Z') }), (ms) => {
        expect(isoMs(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });
  it('falls back to Date.parse for other forms (offsets)', () => {
    expect(isoMs('2025-04-01T00:00:00+08:00')).toBe(Date.parse('2025-03-31T16:00:00Z'));
  });
});
