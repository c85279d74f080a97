import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SENSITIVE_DATA_CONSENT } from '../../core/consent';
import { SUBSCRIBE_TEMPLATE_IDS } from '../../core/notifications';
import RequestForm from '../../src/pages/request-form/index';
import { recorded, resetTaroDouble, setCloudHandler, setRouterParams, setStoredValue, setSubscribeAnswer, storedValue } from '../support/taro-double';

const POINT = 'point-xc-anshan';

beforeEach(() => {
  resetTaroDouble();
  setRouterParams({ pointId: POINT, pointName: encodeURIComponent('忻城县鞍山社区执委联系点') });
});

const cloudCalls = () => recorded.filter((r) => r.api === 'cloud.callFunction');
const textbox = (placeholder: RegExp) => screen.getByPlaceholderText(placeholder) as HTMLInputElement;

function fillValidForm() {
  fireEvent.click(screen.getByText('维权服务'));
  fireEvent.click(screen.getByText('揪心事'));
  fireEvent.change(textbox(/写下您遇到的事情/), { target: { value: '家里有人动手，我想咨询怎么办' } });
  fireEvent.input(textbox(/手机号码/), { target: { value: '13800000000' } });
  agreeToConsent();
}

const agreeToConsent = () => fireEvent.click(screen.getByRole('checkbox', { name: /敏感个人信息处理同意/ }));

test('names every missing field and sends nothing', async () => {
  render(<RequestForm />);
  fireEvent.click(screen.getByText('提交诉求'));
  expect(await screen.findByText('请选择诉求类别')).toBeTruthy();
  expect(screen.getByText('请选择事情的轻重缓急')).toBeTruthy();
  expect(screen.getByText(/请至少写 5 个字/)).toBeTruthy();
  expect(screen.getByText('请留下联系电话，或选择匿名')).toBeTruthy();
  expect(screen.getByText('请阅读并同意敏感个人信息处理说明')).toBeTruthy();
  expect(cloudCalls()).toHaveLength(0);
});

test('shows the length against the limit, and explains each urgency in plain words', () => {
  render(<RequestForm />);
  fireEvent.change(textbox(/写下您遇到的事情/), { target: { value: '需要帮助' } });
  expect(screen.getByText('4/1000')).toBeTruthy();
  expect(screen.getByText(/需要马上有人联系/)).toBeTruthy();
});

test('submits once with the draft’s client key and opens the request', async () => {
  setCloudHandler(async () => ({ result: { ok: true, data: { id: 'req-1', duplicate: false } } }));
  render(<RequestForm />);
  fillValidForm();
  await act(async () => {
    fireEvent.click(screen.getByText('提交诉求'));
  });
  await waitFor(() => expect(recorded.some((r) => r.api === 'redirectTo')).toBe(true));
  const [call] = cloudCalls();
  expect(call?.args).toEqual({
    name: 'resident',
    data: {
      action: 'submitRequest',
      input: {
        pointId: POINT,
        category: 'rights',
        urgency: 'distress',
        description: '家里有人动手，我想咨询怎么办',
        contact: { anonymous: false, phone: '13800000000', method: 'call' },
        inDanger: false,
        consentVersion: SENSITIVE_DATA_CONSENT.version,
        clientKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      },
    },
  });
  expect(recorded.find((r) => r.api === 'redirectTo')?.args).toEqual({ url: '/pages/request-detail/index?id=req-1&submitted=1' });
  expect(storedValue(`request-draft:${POINT}`)).toBeUndefined();
});

test('a lost network keeps her text, and the retry reuses the same client key', async () => {
  let attempts = 0;
  setCloudHandler(async () => {
    attempts += 1;
    if (attempts === 1) throw new Error('network down');
    return { result: { ok: true, data: { id: 'req-2', duplicate: true } } };
  });
  render(<RequestForm />);
  fillValidForm();
  await act(async () => {
    fireEvent.click(screen.getByText('提交诉求'));
  });
  expect(await screen.findByText(/您写的内容已保存在手机上/)).toBeTruthy();
  expect(textbox(/写下您遇到的事情/).value).toBe('家里有人动手，我想咨询怎么办');
  expect((storedValue(`request-draft:${POINT}`) as { description: string }).description).toBe('家里有人动手，我想咨询怎么办');

  await act(async () => {
    fireEvent.click(screen.getByText('提交诉求'));
  });
  await waitFor(() => expect(cloudCalls()).toHaveLength(2));
  const keys = cloudCalls().map((c) => (c.args as { data: { input: { clientKey: string } } }).data.input.clientKey);
  expect(keys[0]).toBe(keys[1]);
});

test('a content rejection shows what to change and keeps her text', async () => {
  setCloudHandler(async () => ({
    result: { ok: false, code: 'ContentRejected', message: '诉求内容中的「赌博」未通过微信内容安全检查，请换一种说法后再提交，其余内容已为您保留' },
  }));
  render(<RequestForm />);
  fillValidForm();
  await act(async () => {
    fireEvent.click(screen.getByText('提交诉求'));
  });
  expect(await screen.findByText(/「赌博」未通过微信内容安全检查/)).toBeTruthy();
  expect(textbox(/写下您遇到的事情/).value).toBe('家里有人动手，我想咨询怎么办');
});

test('anonymous needs no phone and sends no contact details', async () => {
  setCloudHandler(async () => ({ result: { ok: true, data: { id: 'req-3', duplicate: false } } }));
  render(<RequestForm />);
  fireEvent.click(screen.getByText('心理健康'));
  fireEvent.click(screen.getByText('操心事'));
  fireEvent.change(textbox(/写下您遇到的事情/), { target: { value: '最近总是睡不着觉' } });
  fireEvent.click(screen.getByRole('switch', { name: '匿名提交' }));
  expect(screen.queryByPlaceholderText(/手机号码/)).toBeNull();
  agreeToConsent();
  await act(async () => {
    fireEvent.click(screen.getByText('提交诉求'));
  });
  await waitFor(() => expect(cloudCalls()).toHaveLength(1));
  expect((cloudCalls()[0]?.args as { data: { input: { contact: unknown } } }).data.input.contact).toEqual({ anonymous: true });
});

test('“I am in danger now” is offered with rights only, shows 110 and 12338 at once, and still lets her submit', async () => {
  setCloudHandler(async () => ({ result: { ok: true, data: { id: 'req-4', duplicate: false } } }));
  render(<RequestForm />);
  fireEvent.click(screen.getByText('心理健康'));
  expect(screen.queryByRole('switch', { name: '我现在有危险' })).toBeNull();
  fireEvent.click(screen.getByText('维权服务'));
  fireEvent.click(screen.getByRole('switch', { name: '我现在有危险' }));
  expect(screen.getByRole('radio', { name: /揪心事/ }).getAttribute('aria-checked')).toBe('true');

  fireEvent.click(screen.getByText(/拨打 报警电话 110/));
  fireEvent.click(screen.getByText(/拨打 妇女维权公益服务热线 12338/));
  expect(recorded.filter((r) => r.api === 'makePhoneCall').map((r) => r.args)).toEqual([{ phoneNumber: '110' }, { phoneNumber: '12338' }]);

  fireEvent.change(textbox(/写下您遇到的事情/), { target: { value: '他现在在门外砸门' } });
  fireEvent.click(screen.getByRole('switch', { name: '匿名提交' }));
  agreeToConsent();
  await act(async () => {
    fireEvent.click(screen.getByText('提交诉求'));
  });
  await waitFor(() => expect(cloudCalls()).toHaveLength(1));
  expect((cloudCalls()[0]?.args as { data: { input: unknown } }).data.input).toMatchObject({ category: 'rights', urgency: 'distress', inDanger: true });
});

test('a draft agreed under an older consent text asks her to agree again', () => {
  setStoredValue(`request-draft:${POINT}`, { clientKey: 'draft-key-123', description: '之前写的内容', consentVersion: '2020-01-v0' });
  render(<RequestForm />);
  expect(textbox(/写下您遇到的事情/).value).toBe('之前写的内容');
  expect(screen.getByRole('checkbox', { name: /敏感个人信息处理同意/ }).getAttribute('aria-checked')).toBe('false');
});

test('the quick-exit control leaves for the neutral screen and clears the way back', () => {
  render(<RequestForm />);
  fireEvent.click(screen.getByRole('button', { name: '快速离开' }));
  expect(recorded.find((r) => r.api === 'reLaunch')?.args).toEqual({ url: '/pages/neutral/index' });
});

describe('in the mini-program, the progress-message prompt comes first in the submit tap', () => {
  const previousEnv = process.env.TARO_ENV;
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    setCloudHandler(async () => ({ result: { ok: true, data: { id: 'req-5', duplicate: false } } }));
  });
  afterEach(() => {
    process.env.TARO_ENV = previousEnv;
  });

  const submitInput = () => (cloudCalls()[0]?.args as { data: { input: Record<string, unknown> } }).data.input;

  test('asked before anything is sent, within the tap; accepted, the request carries the grant', async () => {
    setSubscribeAnswer({ [SUBSCRIBE_TEMPLATE_IDS.requestUpdate]: 'accept' });
    render(<RequestForm />);
    fillValidForm();
    fireEvent.click(screen.getByText('提交诉求'));
    // Synchronously, in the tap itself: WeChat shows the prompt nowhere else.
    expect(recorded.map((r) => r.api)).toEqual(['requestSubscribeMessage']);
    expect(recorded[0]?.args).toEqual({ tmplIds: [SUBSCRIBE_TEMPLATE_IDS.requestUpdate] });
    await waitFor(() => expect(recorded.some((r) => r.api === 'redirectTo')).toBe(true));
    expect(recorded.map((r) => r.api)).toEqual(['requestSubscribeMessage', 'cloud.callFunction', 'redirectTo']);
    expect(submitInput().notifyGrant).toBe(true);
  });

  test.each([
    ['declined', { [SUBSCRIBE_TEMPLATE_IDS.requestUpdate]: 'reject' as const }],
    ['failing', new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture')],
  ])('a %s prompt never holds the request back, and no grant is claimed', async (_label, answer) => {
    setSubscribeAnswer(answer);
    render(<RequestForm />);
    fillValidForm();
    await act(async () => {
      fireEvent.click(screen.getByText('提交诉求'));
    });
    await waitFor(() => expect(recorded.some((r) => r.api === 'redirectTo')).toBe(true));
    expect(cloudCalls()).toHaveLength(1);
    expect(submitInput()).not.toHaveProperty('notifyGrant');
  });

  test('an incomplete form asks nothing', async () => {
    render(<RequestForm />);
    fireEvent.click(screen.getByText('提交诉求'));
    expect(await screen.findByText('请选择诉求类别')).toBeTruthy();
    expect(recorded.filter((r) => r.api === 'requestSubscribeMessage')).toHaveLength(0);
  });
});

test('outside the mini-program (the H5 build) there is no subscribe prompt and the request carries no grant', async () => {
  setCloudHandler(async () => ({ result: { ok: true, data: { id: 'req-6', duplicate: false } } }));
  render(<RequestForm />);
  fillValidForm();
  await act(async () => {
    fireEvent.click(screen.getByText('提交诉求'));
  });
  await waitFor(() => expect(cloudCalls()).toHaveLength(1));
  expect(recorded.filter((r) => r.api === 'requestSubscribeMessage')).toHaveLength(0);
  expect((cloudCalls()[0]?.args as { data: { input: Record<string, unknown> } }).data.input).not.toHaveProperty('notifyGrant');
});
