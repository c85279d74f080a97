/**
 * The trend chart's uCharts options (no platform code, so a test can draw them on a recording context): requests as
 * bars on the left axis, the first-response median as a line on the right axis, no animation.
 */
import type { UChartsOptions } from '@qiun/ucharts';
import type { Dashboard } from '@core/actions';
import { trendSeries } from './figures';

export const BAR_COLOR = '#c8102e';
export const LINE_COLOR = '#1d39c4';

/** `width` and `height` in device pixels (the CSS size × pixelRatio), as uCharts draws in them. */
export function trendChartOptions(trend: Dashboard['trend'], canvas: { context: unknown; width: number; height: number; pixelRatio: number }): UChartsOptions {
  const series = trendSeries(trend);
  return {
    type: 'mix',
    context: canvas.context,
    canvas2d: true,
    width: canvas.width,
    height: canvas.height,
    pixelRatio: canvas.pixelRatio,
    categories: series.categories,
    series: [
      { name: '诉求数（件）', type: 'column', index: 0, data: series.requests, color: BAR_COLOR },
      { name: `首次响应中位数（${series.lineUnit}）`, type: 'line', index: 1, data: series.firstResponse, color: LINE_COLOR, style: 'straight' },
    ],
    animation: false,
    background: '#FFFFFF',
    padding: [16, 8, 4, 8],
    fontSize: 12,
    fontColor: '#555555',
    dataLabel: false,
    legend: { show: true, position: 'bottom', fontSize: 12, lineHeight: 16 },
    xAxis: { disableGrid: true, fontSize: 12 },
    yAxis: {
      gridType: 'dash',
      dashLength: 4,
      splitNumber: 4,
      showTitle: true,
      data: [
        { position: 'left', title: '件', min: 0, max: series.requestsTop, tofix: 0 },
        { position: 'right', title: series.lineUnit, min: 0, max: series.lineTop, tofix: 0 },
      ],
    },
    extra: { mix: { column: { width: 18, seriesGap: 2 } } },
  };
}
