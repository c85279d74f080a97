/**
 * A static check of the real mini-program build (dist/weapp, made by `npm test` before jest runs): every page has its
 * files, every component path resolves, each package is under WeChat's 2 MB limit, and every .wxml compiles with
 * WeChat's own WXML compiler (wcc, shipped in miniprogram-compiler).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { wxmlToJs, wxssToJs } from 'miniprogram-compiler';
import { PACKAGE_LIMIT_BYTES, walk, weappPackageSizes, type AppJson } from '../../scripts/lib/weapp-size';

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist', 'weapp');


const rel = (file: string) => relative(dist, file).split(sep).join('/');

beforeAll(() => {
  if (!existsSync(join(dist, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` (npm test does it first)');
});

const app = (): AppJson => JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as AppJson;
const allPages = () => [...app().pages, ...(app().subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

test('every page in app.json has its .js, .json and .wxml', () => {
  const missing = allPages().flatMap((page) => ['.js', '.json', '.wxml'].filter((ext) => !existsSync(join(dist, page + ext))).map((ext) => page + ext));
  expect(missing).toEqual([]);
  expect(allPages()).toEqual(expect.arrayContaining(['pages/point/index', 'pages/request-form/index', 'packages/workbench/inbox/index']));
});

test('every usingComponents path resolves', () => {
  const unresolved: string[] = [];
  for (const file of walk(dist).filter((f) => f.endsWith('.json') && f !== join(dist, 'app.json') && !f.endsWith('project.config.json'))) {
    const { usingComponents = {} } = JSON.parse(readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const target of Object.values(usingComponents)) {
      if (target.startsWith('plugin://')) continue;
      const base = target.startsWith('/') ? join(dist, target) : join(dirname(file), target);
      for (const ext of ['.js', '.json', '.wxml']) if (!existsSync(base + ext)) unresolved.push(`${rel(file)} → ${target}${ext}`);
    }
  }
  expect(unresolved).toEqual([]);
});

test('the main package and each subpackage are under 2 MB', () => {
  const sizes = Object.fromEntries(weappPackageSizes(dist).map((p) => [p.name, p.bytes]));
  mkdirSync(join(root, 'test-output'), { recursive: true });
  writeFileSync(join(root, 'test-output', 'weapp-package-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
  for (const [name, bytes] of Object.entries(sizes)) expect({ name, bytes, under: bytes < PACKAGE_LIMIT_BYTES }).toEqual({ name, bytes, under: true });
});

test("every .wxml and .wxss compiles with WeChat's compilers and each page yields a render function", () => {
  const compiled = wxmlToJs(dist, { maxBuffer: 64 * 1024 * 1024 });
  // The generated code expects a page's global scope; a bare object stands in for `window`.
  // eslint-disable-next-line no-new-func
  const $gwx = new Function('global', 'window', compiled)({}, {}) as (path: string) => unknown;
  for (const page of allPages()) expect({ page, render: typeof $gwx(`${page}.wxml`) }).toEqual({ page, render: 'function' });

  const styles = wxssToJs(dist, { maxBuffer: 64 * 1024 * 1024 });
  expect(styles).toContain('wxssMap');
});
