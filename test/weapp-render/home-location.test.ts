/**
 * "Nearby" on the home page of the real weapp build: the location call waits for WeChat's privacy button, the
 * position leaves the phone rounded to 0.01°, and a platform privacy prompt is answered by this page's dialog only
 * while the page is in front.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
 */
import type { Host } from '../../local/host/server';
import { startTestHost } from '../support/local';
import { createWxDouble, eventually, findByText, installWeapp, openPage, type WxCall } from '../support/weapp-simulate';

type PrivacyListener = (resolve: (answer: unknown) => void) => void;

let host: Host;
let calls: WxCall[];

beforeAll(async () => {
  host = await startTestHost();
  const double = createWxDouble((name, data) => host.invoke(name, data, { openid: 'local-resident-wang' }));
  calls = double.calls;
  double.wx.getFuzzyLocation = (o: { success: (r: unknown) => void; complete?: (r: unknown) => void; type: string }) => {
    calls.push({ api: 'getFuzzyLocation', options: { type: o.type } });
    const res = { errMsg: 'getFuzzyLocation:ok', latitude: 24.06851, longitude: 108.66489 };
    setTimeout(() => {
      o.success(res);
      o.complete?.(res);
    }, 0);
  };
  installWeapp(double.wx);
});

afterAll(() => host?.close());

const latestPrivacyListener = () => calls.filter((c) => c.api === 'onNeedPrivacyAuthorization').pop()?.options as PrivacyListener;

test('she agrees with the privacy button, the rounded position finds points, and a hidden page refuses prompts', async () => {
  const page = openPage('pages/index/index', {});
  await eventually(() => expect(page.text()).toContain('查找附近的联系点'));
  expect(latestPrivacyListener()).toBeInstanceOf(Function);
  findByText(page.root, 'wx-button', '查找附近的联系点').dispatchEvent('tap');
  await eventually(() => expect(page.text()).toContain('同意并查找'));

  // A platform prompt while the page is shown: the dialog takes it over and answers it.
  const answers: unknown[] = [];
  latestPrivacyListener()((answer) => answers.push(answer));
  await eventually(() => expect(answers).toEqual([{ event: 'exposureAuthorization' }]));

  // A plain tap is not consent: only the privacy button's own event starts the location call.
  findByText(page.root, 'wx-button', '同意并查找').dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 50));
  expect(calls.some((c) => c.api === 'getFuzzyLocation')).toBe(false);
  findByText(page.root, 'wx-button', '同意并查找').dispatchEvent('agreeprivacyauthorization');
  await eventually(() => expect(page.text()).toContain('按距离由近到远'));
  expect(page.text()).toContain('忻城县鞍山社区执委联系点约 400 米');
  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'agree-location' }]);
  const search = calls.find((c) => c.api === 'cloud.callFunction' && JSON.stringify(c.options).includes('listNearbyPoints'));
  expect((search?.options as { data: { input: unknown } }).data.input).toEqual({ latitude: 24.07, longitude: 108.66 });

  // Hidden behind another page: a prompt is refused at once instead of waiting out of her sight.
  (page.root.instance.onHide as () => void).call(page.root.instance);
  const whileHidden: unknown[] = [];
  latestPrivacyListener()((answer) => whileHidden.push(answer));
  expect(whileHidden).toEqual([{ event: 'disagree' }]);

  // Shown again: the page listens again and answers through its dialog.
  (page.root.instance.onShow as () => void).call(page.root.instance);
  const afterShow: unknown[] = [];
  await eventually(() => {
    latestPrivacyListener()((answer) => afterShow.push(answer));
    expect(afterShow).toContainEqual({ event: 'exposureAuthorization' });
  });
  page.close();
});
