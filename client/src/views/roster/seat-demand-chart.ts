import type { SeatDemandHour } from '../../../../shared/planning/seat-demand';
import { LegendComponent, MarkAreaComponent } from 'echarts/components';
import { echarts } from '../wall/panels/score-charts';

echarts.use([LegendComponent, MarkAreaComponent]);

const FONT = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif';

export interface SeatDemandLabels {
  needed: string;
  planned: string;
  minimum: string;
  hourLabel: (iso: string) => string;
}

/**
 * The week as three step lines over the hours: seats the service target needs, seats planned on
 * duty, and the contract's own on-duty minimum (dashed). Hours where the plan falls short of the
 * need are shaded red, so a gap reads from across the desk without hovering.
 */
export function seatDemandOption(rows: readonly SeatDemandHour[], labels: SeatDemandLabels): echarts.EChartsCoreOption {
  const hours = rows.map((r) => labels.hourLabel(r.hour));
  const shortAreas = rows.flatMap((r, i) => (r.short ? [[{ xAxis: hours[i] }, { xAxis: hours[Math.min(i + 1, hours.length - 1)] }]] : []));
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    legend: { top: 0, textStyle: { color: '#e6edf7', fontSize: 13 } },
    grid: { left: 36, right: 12, top: 28, bottom: 40 },
    xAxis: { type: 'category', data: hours, axisLabel: { color: '#8fa3c7', interval: 23 }, axisTick: { interval: 23 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#8fa3c7' }, splitLine: { lineStyle: { color: '#23335e' } } },
    series: [
      {
        name: labels.needed,
        type: 'line',
        step: 'start',
        symbol: 'none',
        data: rows.map((r) => r.seatsNeeded),
        lineStyle: { color: '#f5a623', width: 2 },
        itemStyle: { color: '#f5a623' },
        markArea: { silent: true, itemStyle: { color: 'rgba(255,77,79,0.28)' }, data: shortAreas },
      },
      {
        name: labels.planned,
        type: 'line',
        step: 'start',
        symbol: 'none',
        data: rows.map((r) => r.seatsPlanned),
        lineStyle: { color: '#4aa3ff', width: 2 },
        itemStyle: { color: '#4aa3ff' },
      },
      {
        name: labels.minimum,
        type: 'line',
        step: 'start',
        symbol: 'none',
        data: rows.map((r) => r.seatMinimum),
        lineStyle: { color: '#8fa3c7', width: 1, type: 'dashed' },
        itemStyle: { color: '#8fa3c7' },
      },
    ],
  };
}
