import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { MyRequestView } from '../../core/actions';
import { SUBSCRIBE_TEMPLATE_IDS } from '../../core/notifications';
import RequestDetail from '../../src/pages/request-detail/index';
import { recorded, resetTaroDouble, setCloudHandler, setRouterParams, setSubscribeAnswer } from '../support/taro-double';

const view = (overrides: Partial<MyRequestView> = {}): MyRequestView => ({
  id: 'req-1',
  pointName: '忻城县鞍山社区执委联系点',
  category: 'family',
  urgency: 'trouble',
  status: 'accepted',
  createdAt: '2026-11-20T02:00:00.000Z',
  unread: false,
  description: '婆媳矛盾越来越大',
  anonymous: false,
  inDanger: false,
  photos: [],
  timeline: [{ type: 'submitted', at: '2026-11-20T02:00:00.000Z', byResident: true }],
  can: { message: true, withdraw: true, rate: false, reopen: false },
  notifyTokens: 0,
  ...overrides,
});

const actions = () => recorded.filter((r) => r.api === 'cloud.callFunction').map((r) => (r.args as { data: { action: string } }).data.action);
const previousEnv = process.env.TARO_ENV;

beforeEach(() => {
  resetTaroDouble();
  setRouterParams({ id: 'req-1' });
  process.env.TARO_ENV = 'weapp';
});
afterEach(() => {
  process.env.TARO_ENV = previousEnv;
});

test('接收进展提醒 asks WeChat inside the tap, then records the grant; the remaining count is shown', async () => {
  setSubscribeAnswer({ [SUBSCRIBE_TEMPLATE_IDS.requestUpdate]: 'accept' });
  setCloudHandler(async ({ data }) => {
    const { action } = data as { action: string };
    return { result: { ok: true, data: view(action === 'subscribeUpdates' ? { notifyTokens: 1 } : {}) } };
  });
  render(<RequestDetail />);
  const button = await screen.findByText('接收进展提醒');
  recorded.length = 0;
  fireEvent.click(button);
  expect(recorded.map((r) => r.api)).toEqual(['requestSubscribeMessage']);
  await waitFor(() => expect(actions()).toEqual(['subscribeUpdates']));
  expect(await screen.findByText(/还会提醒您 1 次/)).toBeTruthy();
});

test('declined, nothing is recorded', async () => {
  setSubscribeAnswer({ [SUBSCRIBE_TEMPLATE_IDS.requestUpdate]: 'reject' });
  setCloudHandler(async () => ({ result: { ok: true, data: view() } }));
  render(<RequestDetail />);
  const button = await screen.findByText('接收进展提醒');
  await act(async () => {
    fireEvent.click(button);
  });
  expect(actions()).toEqual(['getMyRequest']);
  expect(screen.queryByText(/还会提醒您/)).toBeNull();
});

test('outside the mini-program there is no reminder button', async () => {
  // Not the mini-program (and not the H5 build, whose calls would go to a host over fetch): the Taro double answers.
  Reflect.deleteProperty(process.env, 'TARO_ENV');
  setCloudHandler(async () => ({ result: { ok: true, data: view() } }));
  render(<RequestDetail />);
  expect(await screen.findByText('婆媳矛盾越来越大')).toBeTruthy();
  expect(screen.queryByText('接收进展提醒')).toBeNull();
});
