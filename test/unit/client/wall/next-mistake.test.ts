import { describe, expect, it } from 'vitest';
import { nextMistakeByBlock } from '../../../../client/src/views/wall/derive/next-mistake';
import type { WhatIfView } from '../../../../shared/scoring/what-if-kinds';

const view = (over: Partial<WhatIfView> = {}): WhatIfView => ({
  month: '2025-03',
  closed: false,
  items: [
    { kind: 'lateArrival', points: 0.5, yuan: 841.66 },
    { kind: 'wrongDispatch', points: 0, yuan: 0 },
    { kind: 'missedCallback', points: 0, yuan: 0 },
    { kind: 'failedQualityCheck', points: 15, yuan: 25250 },
    { kind: 'shortPostDay', points: 2, yuan: 3366.66 },
  ],
  headroom: [
    { kind: 'wrongDispatch', beforeNextStep: 3, beforeThreshold: null },
    // The callbacks block is spent: free, but not "room" (nothing more can be lost there).
    { kind: 'missedCallback', beforeNextStep: null, beforeThreshold: null },
    { kind: 'failedQualityCheck', beforeNextStep: 0, beforeThreshold: 0 },
  ],
  projection: { low: 97, mid: 98, high: 99 },
  ...over,
});

describe('the next mistake on the wall’s block rows', () => {
  it('each kind lands on the block its rule is charged to, with its points and yuan', () => {
    const next = nextMistakeByBlock(view());
    expect(next.responderQuality).toEqual({ kind: 'lateArrival', points: 0.5, yuan: 841.66, freeFailures: null });
    expect(next.staffing).toMatchObject({ kind: 'shortPostDay', points: 2 });
    expect(next.contentQuality).toMatchObject({ kind: 'failedQualityCheck', points: 15, freeFailures: null });
    expect(next.evaluatorQuality).toBeUndefined();
    expect(next.logistics).toBeUndefined();
  });

  it('a free rate with room says how many more it absorbs; a spent block is just free', () => {
    const next = nextMistakeByBlock(view());
    expect(next.dispatchAccuracy).toMatchObject({ points: 0, freeFailures: 3 });
    expect(next.callbackRate).toMatchObject({ points: 0, freeFailures: null });
  });

  it('a month that is over, or no answer yet, puts nothing on the rows', () => {
    expect(nextMistakeByBlock(view({ closed: true }))).toEqual({});
    expect(nextMistakeByBlock(null)).toEqual({});
  });
});
