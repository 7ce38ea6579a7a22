import { describe, expect, it } from 'vitest';
import { arrivalBandLabel, arrivalDeadline, arrivalMinutes, handlingDeadline } from '../../../shared/sla';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const BANDS = DEFAULT_SETTINGS.arrivalBands;

describe('arrival deadline bands (contract §3)', () => {
  it.each([
    [0, 15],
    [4.9, 15],
    [5.0, 15],
    [5.1, 20],
    [10.0, 20],
    [10.1, 30],
    [42, 30],
  ])('%s km → %s min', (km, minutes) => {
    expect(arrivalMinutes(km, BANDS)).toBe(minutes);
  });

  it('the deadline is dispatch time plus the band', () => {
    const at = new Date('2025-03-14T07:00:00Z');
    expect(arrivalDeadline(at, 7.5, BANDS).toISOString()).toBe('2025-03-14T07:20:00.000Z');
  });

  it('labels the band the way a lead reads it', () => {
    expect(arrivalBandLabel(3, BANDS)).toBe('≤5 km · 15 min');
    expect(arrivalBandLabel(12, BANDS)).toBe('>10 km · 30 min');
  });
});

describe('handling deadline', () => {
  const tz = 'Asia/Shanghai';
  it('urgent orders get 2 hours', () => {
    const filed = new Date('2025-03-14T07:00:00Z');
    expect(handlingDeadline(filed, 'urgent', DEFAULT_SETTINGS.handling, tz).toISOString()).toBe('2025-03-14T09:00:00.000Z');
  });

  it('normal orders get 3 working days, skipping the weekend (Friday → Wednesday)', () => {
    // Friday 2025-03-14 15:00 Beijing time
    const filed = new Date('2025-03-14T07:00:00Z');
    expect(handlingDeadline(filed, 'normal', DEFAULT_SETTINGS.handling, tz).toISOString()).toBe('2025-03-19T07:00:00.000Z');
  });

  it('a per-category setting overrides the priority default', () => {
    const filed = new Date('2025-03-14T07:00:00Z');
    const handling = { ...DEFAULT_SETTINGS.handling, perCategoryHours: { 'event/emergency': 1 } };
    expect(handlingDeadline(filed, 'normal', handling, tz, 'event/emergency').toISOString()).toBe('2025-03-14T08:00:00.000Z');
  });
});
