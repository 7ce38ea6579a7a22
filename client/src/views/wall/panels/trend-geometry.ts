import { daysOfMonth } from '../../../../../shared/time';

/** The drawing box of the wall's trend line, in SVG user units (the SVG scales to its panel). */
export const TREND_BOX = { width: 440, height: 116, left: 34, right: 8, top: 8, bottom: 22 } as const;

export interface TrendGeometry {
  /** Polyline points "x,y x,y" for the days that have a total (the month so far). */
  line: string;
  dots: { x: number; y: number; total: number }[];
  thresholdY: number;
  /** Y-axis labels: the floor and 100 (the threshold is labelled on its dashed line). */
  yTicks: { y: number; value: number }[];
  /** Day-of-month labels every five days (1, 6, 11, …) and the last day (never closer than 2 days). */
  xTicks: { x: number; label: string }[];
  /** The month-end projection as a range on the last day: a bar from low to high with a mark at mid. */
  range: { x: number; low: number; mid: number; high: number } | null;
}

/**
 * The month's daily totals on the whole month's axis (so the line grows left to right as the month
 * goes), from a floor 2 points below the lower of the lowest total, the projection's low end and
 * the termination threshold up to 100: the threshold is always in view, and nothing is clipped.
 */
export function trendGeometry(
  month: string,
  points: readonly { day: string; total: number }[],
  threshold: number,
  projection: { low: number; mid: number; high: number } | null = null,
): TrendGeometry {
  const { width, height, left, right, top, bottom } = TREND_BOX;
  const days = daysOfMonth(month);
  const byDay = new Map(points.map((p) => [p.day, p.total]));
  const lowest = Math.min(threshold, ...points.map((p) => p.total), ...(projection ? [projection.low] : []));
  const floor = Math.max(0, Math.floor(lowest) - 2);
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (days.length > 1 ? (i * plotW) / (days.length - 1) : plotW / 2);
  const y = (v: number) => top + ((100 - v) * plotH) / (100 - floor);

  const dots = days.flatMap((day, i) => {
    const total = byDay.get(day);
    return total === undefined ? [] : [{ x: round(x(i)), y: round(y(total)), total }];
  });
  const xTicks = days
    .map((day, i) => ({ i, label: String(Number(day.slice(8))) }))
    .filter(({ i }) => i % 5 === 0 || i === days.length - 1)
    .map(({ i, label }) => ({ x: round(x(i)), label }));
  return {
    line: dots.map((d) => `${d.x},${d.y}`).join(' '),
    dots,
    thresholdY: round(y(threshold)),
    yTicks: [floor, 100].map((value) => ({ value, y: round(y(value)) })),
    xTicks,
    range: projection && {
      x: round(x(days.length - 1)),
      low: round(y(projection.low)),
      mid: round(y(projection.mid)),
      high: round(y(projection.high)),
    },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
