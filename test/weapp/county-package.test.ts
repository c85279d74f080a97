/**
 * The county's staff pages in the real mini-program build (dist/weapp, made by `npm test` before jest runs): a
 * subpackage of its own, well under its size budget, with the chart library inside it and nowhere else; and the chart
 * library, as shipped, drawing the trend with nothing but the standard 2D context a WeChat `<canvas type="2d">` node
 * gives (no legacy wx canvas calls), with the same options the dashboard passes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import type { Dashboard } from '../../core/actions';
import { packedFiles, SUBPACKAGE_BUDGET_BYTES, weappPackageSizes } from '../../scripts/lib/weapp-size';
import { BAR_COLOR, LINE_COLOR, trendChartOptions } from '../../src/packages/county/shared/chart-options';

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist', 'weapp');
const COUNTY = 'packages/county';
/** The budget this subpackage is held to (WeChat's own limit is 2 MB). */
const COUNTY_BUDGET = SUBPACKAGE_BUDGET_BYTES;
/** A string of uCharts' own that survives minification. */
const UCHARTS_MARK = '[uCharts] Cannot convert undefined or null to object';

describe('the weapp build', () => {
  beforeAll(() => {
    if (!existsSync(join(dist, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` (npm test does it first)');
  });

  test('the county pages are a subpackage of their own', () => {
    const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] };
    expect(app.subPackages.find((p) => p.root.replace(/\/$/, '') === COUNTY)?.pages).toEqual(['dashboard/index', 'escalations/index', 'request/index', 'sla/index']);
    expect(app.pages.filter((p) => p.includes('county'))).toEqual([]);
    for (const page of ['dashboard', 'escalations', 'request', 'sla']) {
      for (const ext of ['.js', '.json', '.wxml']) expect(existsSync(join(dist, COUNTY, page, `index${ext}`))).toBe(true);
    }
  });

  test(`the county subpackage stays under ${COUNTY_BUDGET / 1024} KiB and holds the chart library, which nothing else does`, () => {
    const bytes = weappPackageSizes(dist).find((p) => p.name === COUNTY)?.bytes;
    expect(bytes).toBeLessThan(COUNTY_BUDGET);
    const withChart = packedFiles(dist).filter((f) => f.endsWith('.js') && readFileSync(join(dist, f), 'utf8').includes(UCHARTS_MARK));
    expect(withChart).toEqual([`${COUNTY}/dashboard/index.js`]);
    // The page asks for a 2D canvas, which WeChat's base template renders with its `type`.
    expect(readFileSync(join(dist, 'base.wxml'), 'utf8')).toMatch(/<canvas [^>]*type="\{\{i\.\w+\}\}"/);
  });
});

/**
 * A 2D context with only the standard CanvasRenderingContext2D members (what WeChat's Canvas 2D node returns):
 * calling anything else fails, as it would on a phone. Records what is filled and stroked, in which colour.
 */
const STANDARD_METHODS = new Set([
  'arc', 'arcTo', 'beginPath', 'bezierCurveTo', 'clearRect', 'clip', 'closePath', 'createImageData', 'createLinearGradient',
  'createPattern', 'createRadialGradient', 'drawImage', 'ellipse', 'fill', 'fillRect', 'fillText', 'getImageData', 'getLineDash',
  'getTransform', 'isPointInPath', 'isPointInStroke', 'lineTo', 'measureText', 'moveTo', 'putImageData', 'quadraticCurveTo', 'rect',
  'resetTransform', 'restore', 'rotate', 'save', 'scale', 'setLineDash', 'setTransform', 'stroke', 'strokeRect', 'strokeText',
  'transform', 'translate',
]);

function recordingContext() {
  const state: Record<string, unknown> = { fillStyle: '#000000', strokeStyle: '#000000', font: '10px sans-serif', lineWidth: 1 };
  const calls: { method: string; fillStyle: unknown; strokeStyle: unknown; args: unknown[] }[] = [];
  const added = new Map<string, unknown>();
  const context = new Proxy({} as Record<string, unknown>, {
    get(_target, name: string) {
      if (added.has(name)) return added.get(name);
      if (STANDARD_METHODS.has(name)) {
        return (...args: unknown[]) => {
          calls.push({ method: name, fillStyle: state.fillStyle, strokeStyle: state.strokeStyle, args });
          if (name === 'measureText') return { width: String(args[0]).length * (parseInt(String(state.font), 10) || 10) };
          return undefined;
        };
      }
      return state[name];
    },
    set(_target, name: string, value: unknown) {
      // A library may add helpers of its own onto the context (uCharts adds setFillStyle and the like on a 2D one).
      if (typeof value === 'function') added.set(name, value);
      else state[name] = value;
      return true;
    },
  });
  return { context, calls };
}

/** The uCharts module exactly as installed and bundled, as CommonJS for this test. */
function loadUCharts(): new (options: unknown) => unknown {
  const pkg = join(root, 'node_modules', '@qiun', 'ucharts');
  const file = join(pkg, (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { main: string }).main);
  const { code } = transformSync(readFileSync(file, 'utf8'), { format: 'cjs', loader: 'js' });
  const module = { exports: {} as { default?: unknown } };
  // eslint-disable-next-line no-new-func
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports.default as new (options: unknown) => unknown;
}

const month = (period: string, requests: number, firstResponseMedian?: number | null) => ({ period, requests, ...(firstResponseMedian !== undefined ? { firstResponseMedian } : {}) });

test('uCharts draws the trend (bars and a line) through the standard 2D API only', async () => {
  const UCharts = loadUCharts();
  const { context, calls } = recordingContext();
  const trend: Dashboard['trend'] = [month('2026-09', 2, 120), month('2026-10', 4, 720), month('2026-11', 3, 15), month('2026-12', 0)];
  new UCharts(trendChartOptions(trend, { context, width: 351 * 3, height: 240 * 3, pixelRatio: 3 }));
  // Without animation uCharts still draws on its next timer tick.
  await new Promise((resolve) => setTimeout(resolve, 100));

  // Three bars in the bars' colour (the empty month has none), and the line through the three measured months.
  const bars = calls.filter((c) => c.method === 'fill' && c.fillStyle === BAR_COLOR);
  expect(bars.length).toBeGreaterThanOrEqual(3);
  const lineStrokes = calls.filter((c) => c.method === 'stroke' && c.strokeStyle === LINE_COLOR);
  expect(lineStrokes.length).toBeGreaterThan(0);
  // Axis labels and the legend are text on the canvas.
  const texts = calls.filter((c) => c.method === 'fillText').map((c) => String(c.args[0]));
  expect(texts).toEqual(expect.arrayContaining(['9月', '10月', '11月', '12月', '诉求数（件）', '首次响应中位数（小时）']));
  expect(texts).toEqual(expect.arrayContaining(['0', '1', '2', '3', '4', '12']));
});
