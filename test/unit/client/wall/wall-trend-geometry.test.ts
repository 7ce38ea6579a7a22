import { describe, expect, it } from 'vitest';
import { TREND_BOX, trendGeometry } from '../../../../client/src/views/wall/panels/trend-geometry';

const { top, height, bottom, left, width, right } = TREND_BOX;
const plotBottom = height - bottom;

describe("the wall's daily score line", () => {
  it('spans the whole month: day 1 at the left edge, the last day at the right, only days with a total are drawn', () => {
    const g = trendGeometry(
      '2025-03',
      [
        { day: '2025-03-01', total: 100 },
        { day: '2025-03-02', total: 96 },
      ],
      85,
    );
    expect(g.dots.map((d) => d.x)).toEqual([left, Math.round((left + (width - left - right) / 30) * 10) / 10]);
    expect(g.xTicks.at(-1)).toEqual({ x: width - right, label: '31' });
    expect(g.line.split(' ')).toHaveLength(2);
  });

  it('keeps the termination line in view: the axis runs from 2 below the lower of threshold and worst day up to 100', () => {
    const good = trendGeometry('2025-03', [{ day: '2025-03-01', total: 100 }], 85);
    expect(good.yTicks.map((t) => t.value)).toEqual([83, 100]);
    expect(good.dots[0].y).toBe(top);
    expect(good.yTicks[0].y).toBe(plotBottom);
    // 85 sits 15 of 17 points below the top.
    expect(good.thresholdY).toBeCloseTo(top + (15 / 17) * (plotBottom - top), 1);

    const bad = trendGeometry('2025-03', [{ day: '2025-03-01', total: 70.5 }], 85);
    expect(bad.yTicks[0].value).toBe(68);
    expect(bad.dots[0].y).toBeLessThan(plotBottom);
    expect(bad.dots[0].y).toBeGreaterThan(bad.thresholdY);
  });

  it("labels every fifth day and the month's last day", () => {
    expect(trendGeometry('2025-03', [], 85).xTicks.map((t) => t.label)).toEqual(['1', '6', '11', '16', '21', '26', '31']);
    expect(trendGeometry('2025-02', [], 85).xTicks.map((t) => t.label)).toEqual(['1', '6', '11', '16', '21', '26', '28']);
    expect(trendGeometry('2025-04', [], 85).xTicks.map((t) => t.label)).toEqual(['1', '6', '11', '16', '21', '26', '30']);
  });
});

describe("the wall's month-end range", () => {
  it('stands on the last day from low to high, and the axis reaches down to its low end', () => {
    const g = trendGeometry('2025-03', [{ day: '2025-03-01', total: 100 }], 85, { low: 80, mid: 90, high: 95 });
    expect(g.range!.x).toBe(width - right);
    // Floor 2 below the low end (80): 78, so 90 sits 10 of 22 points below the top.
    expect(g.yTicks[0].value).toBe(78);
    expect(g.range!.mid).toBeCloseTo(top + (10 / 22) * (plotBottom - top), 1);
    expect(g.range!.high).toBeLessThan(g.range!.mid);
    expect(g.range!.low).toBe(plotBottom - Math.round((2 / 22) * (plotBottom - top) * 10) / 10);
  });

  it('is absent when there is no projection (a month that is over)', () => {
    expect(trendGeometry('2025-03', [], 85).range).toBeNull();
  });
});
