/**
 * The team's workbench subpackage of the real mini-program build, rendered by miniprogram-simulate with the real
 * functions behind a recording `wx`: the prosecutor's inbox shows the request routed to her, and she accepts it
 * from the request page.
 */
import type { Host } from '../../local/host/server';
import { fireScheduler, submitInput } from '../support/functions';
import { startTestHost } from '../support/local';
import { createWxDouble, eventually, findByText, flatten, installWeapp, openPage, type WxCall } from '../support/weapp-simulate';

let host: Host;
let calls: WxCall[];
let requestId = '';

beforeAll(async () => {
  host = await startTestHost();
  await fireScheduler(host);
  const prosecutor = host.personas.find((p) => p.id === 'point-xc-anshan-m1')?.openid as string;
  const wang = host.personas.find((p) => p.id === 'resident-wang')?.openid as string;
  const submitted = (await host.invoke('resident', { action: 'submitRequest', input: submitInput() }, { openid: wang })) as { data: { id: string } };
  requestId = submitted.data.id;
  const double = createWxDouble((name, data) => host.invoke(name, data, { openid: prosecutor }));
  calls = double.calls;
  installWeapp(double.wx);
});

afterAll(() => host?.close());

test("the prosecutor's inbox in the weapp build lists the new request, unread, and opens it", async () => {
  const page = openPage('packages/workbench/inbox/index', {});
  await eventually(() => expect(page.text()).toContain('1 条未读'));
  expect(page.text()).toContain('维权服务');
  const item = flatten(page.root.toJSON()).find((n) => String(n.attrs.class ?? '').includes('inbox__item') && n.text.includes('维权服务'));
  expect(item?.attrs.id).toEqual(expect.any(String));
  page.root.querySelectorAll(`#${String(item?.attrs.id)}`)[0]?.dispatchEvent('tap');
  const navigation = await eventually(() => {
    const call = calls.filter((c) => c.api === 'navigateTo').pop();
    expect((call?.options as { url?: string } | undefined)?.url).toContain('/packages/workbench/request/index');
    return call?.options as { url: string };
  });
  expect(navigation.url).toContain(`id=${requestId}`);
  page.close();
});

test('on the request page she sees the contact in full and accepts it', async () => {
  const page = openPage('packages/workbench/request/index', { id: requestId });
  await eventually(() => expect(page.text()).toContain('电话：13800000000'));
  findByText(page.root, 'wx-button', '受理这条诉求').dispatchEvent('tap');
  await eventually(() => expect(host.cloudbase.store.find('requests', { _id: requestId })[0]?.status).toBe('accepted'));
  await eventually(() => expect(page.text()).toContain('女检察官已受理'));
  page.close();
});
