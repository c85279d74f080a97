/** The few parts of uCharts (@qiun/ucharts, which ships no types) the county's trend chart uses. */
declare module '@qiun/ucharts' {
  export interface UChartsSeries {
    name: string;
    type?: 'column' | 'line' | 'area' | 'point';
    /** Which y axis (yAxis.data) the series is drawn against. */
    index?: number;
    data: (number | null)[];
    color?: string;
    style?: 'straight' | 'curve';
    pointShape?: string;
    textColor?: string;
  }

  export interface UChartsYAxis {
    position?: 'left' | 'right';
    title?: string;
    min?: number;
    max?: number;
    disabled?: boolean;
    fontColor?: string;
    titleFontColor?: string;
    /** Decimals of the axis labels. */
    tofix?: number;
    unit?: string;
    formatter?: (value: number, index: number) => string;
  }

  export interface UChartsOptions {
    type: 'mix' | 'column' | 'line';
    /** A 2D context: an HTML canvas's in H5, a Canvas 2D node's in the mini-program. */
    context: unknown;
    canvas2d?: boolean;
    /** In device pixels (CSS size × pixelRatio). */
    width: number;
    height: number;
    pixelRatio?: number;
    categories: string[];
    series: UChartsSeries[];
    animation?: boolean;
    background?: string;
    color?: string[];
    padding?: number[];
    fontSize?: number;
    fontColor?: string;
    dataLabel?: boolean;
    dataPointShape?: boolean;
    enableScroll?: boolean;
    legend?: { show?: boolean; position?: 'top' | 'bottom' | 'left' | 'right'; fontSize?: number; lineHeight?: number; margin?: number };
    xAxis?: { disableGrid?: boolean; fontSize?: number; fontColor?: string; axisLineColor?: string };
    yAxis?: { gridType?: 'solid' | 'dash'; dashLength?: number; gridColor?: string; showTitle?: boolean; splitNumber?: number; data?: UChartsYAxis[] };
    extra?: Record<string, unknown>;
  }

  export default class UCharts {
    constructor(options: UChartsOptions);
    opts: UChartsOptions;
    updateData(data: Partial<UChartsOptions>): void;
  }
}
