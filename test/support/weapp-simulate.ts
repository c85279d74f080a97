/**
 * Runs pages of the real mini-program build (dist/weapp) in jsdom with miniprogram-simulate: WeChat's official WXML
 * compiler renders the page's templates, Taro's runtime and the app's code run unchanged, and `wx` is a recording
 * double whose cloud calls go wherever the test sends them. Needs a jsdom test environment.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const WEAPP_DIST = join(__dirname, '..', '..', 'dist', 'weapp');

export interface WxCall {
  api: string;
  options: unknown;
}

export type CallFunctionHandler = (name: string, data: unknown) => Promise<unknown>;

interface AsyncOptions {
  success?: (res: unknown) => void;
  fail?: (err: unknown) => void;
  complete?: (res: unknown) => void;
  [key: string]: unknown;
}

type PageInstance = Record<string, unknown> & { route?: string };
type Lifecycle = (this: PageInstance, ...args: unknown[]) => unknown;

/** The slice of miniprogram-simulate's (j-component's) rendered component that these tests use. */
export interface RenderedNode {
  readonly dom: HTMLElement | undefined;
  readonly instance: PageInstance;
  querySelectorAll(selector: string): RenderedNode[];
  dispatchEvent(eventName: string, options?: object): void;
  toJSON(): RenderedJson;
}

export interface RenderedJson {
  tagName: string;
  attrs: { name: string; value: unknown }[];
  children: (RenderedJson | string)[];
}

interface RootNode extends RenderedNode {
  attach(parent: Element): void;
  detach(): void;
}

interface Simulate {
  load(componentPath: string, options: { rootPath: string; compilerOptions?: { maxBuffer?: number } }): string;
  render(componentId: string): RootNode;
}

// Its own .d.ts pulls in an older global copy of WeChat's typings (3.x, through j-component) beside the project's 5.x.
const simulate = require('miniprogram-simulate') as Simulate;

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 12',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 844,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 17.0',
  platform: 'devtools',
  SDKVersion: '3.4.0',
  safeArea: { top: 47, left: 0, right: 390, bottom: 810, width: 390, height: 763 },
};

/**
 * The wx APIs the app and Taro's runtime touch. Taro copies `Object.keys(wx)` once when taro.js loads, so every API
 * the app may call must be a key here from the start; an absent one would become Taro's "not supported" stub.
 */
const ASYNC_APIS = [
  'navigateTo',
  'redirectTo',
  'reLaunch',
  'switchTab',
  'navigateBack',
  'showToast',
  'hideToast',
  'showModal',
  'showLoading',
  'hideLoading',
  'showShareMenu',
  'setClipboardData',
  'openLocation',
  'makePhoneCall',
  'previewImage',
  'getLocation',
  'getFuzzyLocation',
  'chooseMedia',
  'requestSubscribeMessage',
  'stopPullDownRefresh',
  'setNavigationBarTitle',
] as const;

export function createWxDouble(callFunction: CallFunctionHandler) {
  const calls: WxCall[] = [];
  const storage = new Map<string, unknown>();
  const record = (api: string, options: unknown) => calls.push({ api, options });

  // WeChat answers on a later turn, as success then complete; Taro turns that into its promise.
  const asyncApi = (api: string) => (options: AsyncOptions = {}) => {
    const { success, fail: _fail, complete, ...rest } = options;
    record(api, rest);
    const res = { errMsg: `${api}:ok` };
    setTimeout(() => {
      success?.(res);
      complete?.(res);
    }, 0);
  };

  const wx: Record<string, unknown> = {
    ...Object.fromEntries(ASYNC_APIS.map((api) => [api, asyncApi(api)])),
    getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
    getWindowInfo: () => ({ ...SYSTEM_INFO }),
    getDeviceInfo: () => ({ ...SYSTEM_INFO }),
    getAppBaseInfo: () => ({ ...SYSTEM_INFO }),
    getMenuButtonBoundingClientRect: () => ({ top: 51, left: 295, right: 382, bottom: 83, width: 87, height: 32 }),
    // WeChat returns '' for a key never set.
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => {
      record('setStorageSync', { key, value });
      storage.set(key, value);
    },
    removeStorageSync: (key: string) => {
      record('removeStorageSync', { key });
      storage.delete(key);
    },
    onNeedPrivacyAuthorization: (listener: unknown) => record('onNeedPrivacyAuthorization', listener),
    canIUse: () => true,
    nextTick: (cb: () => void) => void Promise.resolve().then(cb),
    cloud: {
      init: (options: unknown) => record('cloud.init', options),
      callFunction: async ({ name, data }: { name: string; data: unknown }) => {
        record('cloud.callFunction', { name, data });
        return { errMsg: 'cloud.callFunction:ok', result: await callFunction(name, data) };
      },
    },
  };
  return { wx, calls, storage };
}

const globals = globalThis as unknown as Record<string, unknown>;
const pageStack: PageInstance[] = [];
let appLoaded = false;

/**
 * Stands in for the mini-program host: App() keeps the app object, Page() turns a page definition into the custom
 * component miniprogram-simulate is loading (a page is one, with its lifecycles as methods), and app.js (which
 * requires Taro's runtime, vendors and common chunks) runs once, as WeChat runs it before any page.
 */
export function installWeapp(wx: Record<string, unknown>): void {
  if (!existsSync(join(WEAPP_DIST, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` (npm test does it first)');
  // miniprogram-simulate put its own wx on import; the double replaces it so that every call is recorded.
  globals.wx = wx;
  if (appLoaded) return;
  let app: Record<string, unknown> = {};
  globals.App = (definition: Record<string, unknown>) => {
    app = definition;
  };
  globals.getApp = () => app;
  globals.getCurrentPages = () => [...pageStack];
  globals.Page = (definition: Record<string, unknown>) => {
    const { data, ...rest } = definition;
    const methods = Object.fromEntries(Object.entries(rest).filter(([, value]) => typeof value === 'function'));
    (globals.Component as (options: object) => void)({ data, methods });
  };
  require(join(WEAPP_DIST, 'app.js'));
  appLoaded = true;
  const launch = { path: 'pages/index/index', query: {}, scene: 1001 };
  (app.onLaunch as Lifecycle).call(app, launch);
  (app.onShow as Lifecycle).call(app, launch);
}

const loaded = new Map<string, string>();

/** Compiles and registers a page once; webpack runs each chunk only once, so a page cannot be loaded twice. */
export function loadPage(route: string): string {
  const cached = loaded.get(route);
  if (cached) return cached;
  const id = simulate.load(join(WEAPP_DIST, route), { rootPath: WEAPP_DIST, compilerOptions: { maxBuffer: 64 * 1024 * 1024 } });
  loaded.set(route, id);
  return id;
}

export interface OpenedPage {
  root: RenderedNode;
  text(): string;
  close(): void;
}

/** Renders a page, attaches it to the document and runs onLoad (with the page's options), onShow and onReady. */
export function openPage(route: string, options: Record<string, string>): OpenedPage {
  const root = simulate.render(loadPage(route));
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  root.attach(parent);
  const page = root.instance;
  page.route = route;
  pageStack.push(page);
  const call = (name: string, ...args: unknown[]) => (page[name] as Lifecycle).call(page, ...args);
  call('onLoad', options);
  call('onShow');
  call('onReady');
  return {
    root,
    text: () => root.dom?.textContent ?? '',
    close: () => {
      call('onUnload');
      pageStack.splice(pageStack.indexOf(page), 1);
      root.detach();
      parent.remove();
    },
  };
}

/** Polls until `check` passes (it throws until then), as the page's data arrives asynchronously. */
export async function eventually<T>(check: () => T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * The rendered component for the first node with this tag (e.g. 'wx-button') and exactly this text. Found through its
 * id, as j-component's selectors match ids and classes but not tags.
 */
export function findByText(root: RenderedNode, tagName: string, text: string): RenderedNode {
  const node = flatten(root.toJSON()).find((n) => n.tagName === tagName && n.text.trim() === text);
  const found = node && typeof node.attrs.id === 'string' ? root.querySelectorAll(`#${node.attrs.id}`)[0] : undefined;
  if (!found) throw new Error(`no ${tagName} with the text ${text}`);
  return found;
}

/** Every node of the rendered tree, flattened, with its own text (its descendants' text joined). */
export function flatten(node: RenderedJson | string): { tagName: string; attrs: Record<string, unknown>; text: string }[] {
  if (typeof node === 'string') return [];
  const text = (n: RenderedJson | string): string => (typeof n === 'string' ? n : n.children.map(text).join(''));
  return [{ tagName: node.tagName, attrs: Object.fromEntries(node.attrs.map((a) => [a.name, a.value])), text: text(node) }, ...node.children.flatMap(flatten)];
}
