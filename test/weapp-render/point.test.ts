/**
 * The point page of the real mini-program build, as a woman who scans a plaque sees it: dist/weapp rendered by
 * miniprogram-simulate (WeChat's WXML compiler, Taro's runtime, the app's code, unchanged), with `wx` a recording
 * double whose cloud calls run the real functions in the local host on the demo data. Proves that the build renders
 * the five displays from the function's answer, that a tap goes through Taro's event handler to navigateTo, and that
 * an unknown code shows the function's not-found message.
 */
import type { Host } from '../../local/host/server';
import { startTestHost } from '../support/local';
import { createWxDouble, eventually, findByText, flatten, installWeapp, openPage, type OpenedPage, type WxCall } from '../support/weapp-simulate';

const RESIDENT = { openid: 'local-resident-wang' };
const ROUTE = 'pages/point/index';

let host: Host;
let calls: WxCall[];
const opened: OpenedPage[] = [];

beforeAll(async () => {
  host = await startTestHost();
  const double = createWxDouble((name, data) => host.invoke(name, data, RESIDENT));
  calls = double.calls;
  installWeapp(double.wx);
});

afterEach(() => {
  for (const page of opened.splice(0)) page.close();
});

afterAll(async () => {
  await host?.close();
});

const open = (options: Record<string, string>) => {
  const page = openPage(ROUTE, options);
  opened.push(page);
  return page;
};

test('a plaque scan shows the point, its executive, team, duties and hours, and the button leads to the request form', async () => {
  const page = open({ scene: 'XC-ANSHAN' });

  const text = await eventually(() => {
    const now = page.text();
    expect(now).toContain('忻城县鞍山社区执委联系点');
    return now;
  });
  expect(text).toContain('蒙晓梅');
  expect(text).toContain('全国妇联常委、自治区妇联常委');
  expect(text).toContain('听取、收集妇女姐妹的意见和建议');
  expect(text).toContain('维护妇女儿童合法权益');
  expect(text).toContain('周一至周五 9:00–12:00、15:00–18:00；周六上午');

  const nodes = flatten(page.root.toJSON());
  // Each member's row begins with her name and shows her role.
  for (const [name, role] of [
    ['覃丽娟', '女检察官'],
    ['黄秋燕', '心理咨询师'],
    ['韦美兰', '离退休女干部'],
    ['卢海燕', '巾帼志愿者'],
  ]) expect({ name, role, shown: nodes.some((n) => n.text.startsWith(name) && n.text.includes(role)) }).toEqual({ name, role, shown: true });
  expect(nodes.filter((n) => n.tagName === 'wx-image').map((n) => n.attrs.src)).toContain('/assets/emblem.svg');

  findByText(page.root, 'wx-button', '在这里提交诉求').dispatchEvent('tap');
  const navigation = await eventually(() => {
    const call = calls.find((c) => c.api === 'navigateTo');
    expect(call).toBeDefined();
    return call?.options as { url: string };
  });
  expect(navigation.url).toMatch(/^\/pages\/request-form\/index\?pointId=point-xc-anshan(&|$)/);
});

test('an unknown code shows the not-found message from the function', async () => {
  const page = open({ scene: 'NOPE-CODE' });
  await eventually(() => expect(page.text()).toContain('没有找到这个联系点，请确认二维码或编码'));
});
