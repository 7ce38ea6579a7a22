import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BlockScore } from '../../../../../shared/scoring/types';
import { daysOfMonth } from '../../../../../shared/time';
import { points as fmt } from '../../score/score-format';

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent, CanvasRenderer]);
export { echarts };

const FONT = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif';
const MUTED = '#8fa3c7';
const TEXT = '#e6edf7';

/** Colour of a block by points lost: none green, some amber, all red (state only). */
const blockColor = (b: BlockScore) => (b.deducted === 0 ? '#2ecc71' : b.remaining > 0 ? '#f5a623' : '#ff4d4f');

/** Seven horizontal bars: points kept against the block's max, the label and "kept/max" beside. */
export function blocksOption(blocks: readonly BlockScore[], label: (id: string) => string, scale: number): echarts.EChartsCoreOption {
  const rows = [...blocks].reverse();
  return {
    animation: false,
    grid: { left: 150 * scale, right: 70 * scale, top: 2 * scale, bottom: 2 * scale },
    xAxis: { type: 'value', max: 1, show: false },
    yAxis: {
      type: 'category',
      data: rows.map((b) => label(b.block)),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: TEXT, fontSize: 18 * scale, fontFamily: FONT },
    },
    series: [
      {
        type: 'bar',
        barWidth: '58%',
        showBackground: true,
        backgroundStyle: { color: '#1b2a4f' },
        data: rows.map((b) => ({
          value: b.max ? b.remaining / b.max : 0,
          itemStyle: { color: blockColor(b) },
          label: { color: b.remaining > 0 ? TEXT : blockColor(b) },
        })),
        label: {
          show: true,
          position: [`${100}%`, '50%'],
          offset: [10 * scale, -10 * scale],
          fontSize: 18 * scale,
          fontFamily: FONT,
          formatter: (p: { dataIndex: number }) => `${fmt(rows[p.dataIndex].remaining)}/${rows[p.dataIndex].max}`,
        },
      },
    ],
  };
}

/** The month's daily total so far on the whole month's axis, with the termination threshold dashed. */
export function trendOption(month: string, points: readonly { day: string; total: number }[], threshold: number, scale: number): echarts.EChartsCoreOption {
  const byDay = new Map(points.map((p) => [p.day, p.total]));
  const days = daysOfMonth(month).map((day) => ({ day, total: byDay.get(day) ?? null }));
  return {
    animation: false,
    grid: { left: 40 * scale, right: 12 * scale, top: 8 * scale, bottom: 24 * scale },
    xAxis: {
      type: 'category',
      data: days.map((d) => d.day.slice(8)),
      axisLine: { lineStyle: { color: '#23335e' } },
      axisTick: { show: false },
      axisLabel: { color: MUTED, fontSize: 14 * scale, fontFamily: FONT, interval: 4 },
    },
    yAxis: {
      type: 'value',
      min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(Number.isFinite(v.min) ? v.min : 100, threshold) - 2)),
      max: 100,
      splitNumber: 3,
      splitLine: { lineStyle: { color: '#1b2a4f' } },
      axisLabel: { color: MUTED, fontSize: 14 * scale, fontFamily: FONT },
    },
    series: [
      {
        type: 'line',
        data: days.map((d) => d.total),
        symbol: 'circle',
        symbolSize: 6 * scale,
        connectNulls: true,
        itemStyle: { color: '#4aa3ff' },
        lineStyle: { color: '#4aa3ff', width: 3 * scale },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#ff4d4f', type: 'dashed', width: 1.5 * scale },
          label: { color: '#ff4d4f', fontSize: 14 * scale, position: 'insideStartTop', formatter: String(threshold) },
          data: [{ yAxis: threshold }],
        },
      },
    ],
  };
}
