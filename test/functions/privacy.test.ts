/**
 * Her rights over her data (issue 7, PIPL): consent records with withdrawal, seeing and deleting what is held about
 * her, and the retention period after which the scheduler anonymises ended requests.
 */
import { SENSITIVE_DATA_CONSENT } from '../../core/consent';
import type { Host } from '../../local/host/server';
import { COUNSELLOR, COUNTY_STAFF, data, EXECUTIVE, fireScheduler, functionCaller, LI, PROSECUTOR, submitInput, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let host: Host;
const call = functionCaller(() => host);
const requestDoc = (id: string) => host.cloudbase.store.find('requests', { _id: id })[0] as Record<string, any>;
/** Every stored document of the collection as text, to search for what must be gone. */
const storedText = (collection: string) => JSON.stringify(host.cloudbase.store.find(collection, {}, { limit: 1000 }));

beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

const submit = async (persona: string, overrides: Record<string, unknown> = {}) => data<{ id: string }>(await call('resident', 'submitRequest', submitInput(overrides), persona)).id;

test('her consent is recorded with purpose, text version and time, and withdrawing the request withdraws it', async () => {
  const id = await submit(WANG, { description: '想咨询离婚后孩子抚养的问题' });
  expect(requestDoc(id).consent).toEqual({ purpose: 'handleRequest', version: SENSITIVE_DATA_CONSENT.version, at: expect.any(String) });
  data(await call('resident', 'withdraw', { requestId: id, reason: '已经自己解决了' }, WANG));
  const consent = requestDoc(id).consent;
  expect(Date.parse(consent.withdrawnAt)).toBeGreaterThanOrEqual(Date.parse(consent.at));
  expect(requestDoc(id).purgeAt).toBe(new Date(Date.parse(consent.withdrawnAt) + 365 * DAY).toISOString());
});

test('she sees everything held about her, including who outside her team opened it; another woman sees none of it', async () => {
  const phone = '13911112222';
  const id = await submit(WANG, { description: '丈夫常年酗酒打人，我想了解保护令', urgency: 'distress', contact: { anonymous: false, phone, method: 'call', safeTimes: '晚上八点后' } });
  // Overdue, escalated, and opened by county staff: a view she must be able to see.
  await fireScheduler(host, new Date(Date.parse(requestDoc(id).createdAt) + 3 * HOUR));
  data(await call('county', 'getRequest', { requestId: id }, COUNTY_STAFF));

  const mine = data<any>(await call('resident', 'myData', {}, WANG));
  const request = mine.requests.find((r: { id: string }) => r.id === id);
  expect(request).toMatchObject({ description: '丈夫常年酗酒打人，我想了解保护令', contact: { phone, safeTimes: '晚上八点后' }, consent: { version: SENSITIVE_DATA_CONSENT.version } });
  expect(mine.accessLog).toEqual([expect.objectContaining({ requestId: id, viewer: '县妇联工作人员', reason: '督办' })]);

  const hers = data<any>(await call('resident', 'myData', {}, LI));
  expect(JSON.stringify(hers)).not.toContain(phone);
  expect(hers.requests.map((r: { id: string }) => r.id)).not.toContain(id);
});

test('deleting her data withdraws her open requests, anonymises all of them and removes her sign-ups', async () => {
  const phone = '13933334444';
  const contact = { anonymous: false, phone, method: 'sms', safeTimes: '周末下午' };
  const open = await submit(LI, { description: '邻居长期骚扰我和女儿', contact });
  const done = await submit(LI, { category: 'mental', urgency: 'trouble', description: '最近睡不着，心里很乱', contact });
  data(await call('team', 'accept', { requestId: done }, COUNSELLOR));
  data(await call('team', 'resolve', { requestId: done, summary: '已电话疏导并约好回访' }, COUNSELLOR));
  data(await call('resident', 'rate', { requestId: done, rating: 4, comment: '谢谢李老师' }, LI));
  const activity = data<any>(
    await call('team', 'createActivity', { pointId: 'point-xc-anshan', type: 'care', title: '周末亲子读书会', startsAt: new Date(Date.now() + 7 * DAY).toISOString(), place: '社区活动室', capacity: 20 }, EXECUTIVE),
  );
  data(await call('resident', 'signUp', { activityId: activity.id, displayName: '李姐' }, LI));

  expect(await call('resident', 'deleteMyData', { confirm: 'yes' }, LI)).toMatchObject({ ok: false, code: 'InvalidParameter' });
  expect(data(await call('resident', 'deleteMyData', { confirm: 'delete' }, LI))).toEqual({ withdrawn: 1, anonymised: 2, signUpsRemoved: 1 });

  for (const id of [open, done]) {
    const stored = requestDoc(id);
    expect(stored).toMatchObject({ residentOpenid: '', description: '', contact: { anonymous: true }, photos: [], anonymisedAt: expect.any(String) });
    expect(stored.consent.withdrawnAt).toEqual(expect.any(String));
    expect(stored.timeline.some((e: { text?: string }) => e.text)).toBe(false);
  }
  expect(requestDoc(open).status).toBe('withdrawn');
  expect(requestDoc(done).feedback).toEqual({ rating: 4, at: expect.any(String) });
  for (const word of [phone, '邻居长期骚扰', '睡不着', '谢谢李老师', '周末下午', '李姐']) {
    expect(storedText('requests') + storedText('signUps')).not.toContain(word);
  }
  // The team sees that it was withdrawn, and her seat is free again.
  expect(data<any>(await call('team', 'getRequest', { requestId: open }, PROSECUTOR)).status).toBe('withdrawn');
  expect(data<any>(await call('resident', 'getActivity', { activityId: activity.id }, WANG)).seatsLeft).toBe(20);
  expect(data<any[]>(await call('resident', 'listMyRequests', {}, LI))).toEqual([]);
  // Asking again finds nothing more to do.
  expect(data(await call('resident', 'deleteMyData', { confirm: 'delete' }, LI))).toEqual({ withdrawn: 0, anonymised: 0, signUpsRemoved: 0 });
});

test('the scheduler anonymises ended requests after the retention period, once, and leaves the rest', async () => {
  const ended = await submit(WANG, { category: 'mental', urgency: 'worry', description: '和婆婆相处很难受' });
  data(await call('team', 'accept', { requestId: ended }, COUNSELLOR));
  data(await call('team', 'resolve', { requestId: ended, summary: '已上门调解并约好回访' }, COUNSELLOR));
  // A county's new period applies to requests submitted afterwards.
  expect(data<any>(await call('county', 'setRetention', { days: 30 }, COUNTY_STAFF)).retentionDays).toBe(30);
  expect(await call('county', 'setRetention', { days: 5 }, COUNTY_STAFF)).toMatchObject({ ok: false, code: 'InvalidParameter' });
  const short = await submit(WANG, { description: '想了解妇女创业贷款政策', category: 'employment', urgency: 'worry' });
  data(await call('resident', 'withdraw', { requestId: short }, WANG));
  const stillOpen = await submit(WANG, { description: '孩子上学的补助怎么申请' });
  expect(requestDoc(ended).retentionDays).toBe(365);
  expect(requestDoc(short).retentionDays).toBe(30);

  const after = (id: string, days: number) => new Date(Date.parse(requestDoc(id).purgeAt) + days * DAY);
  const first = data<any>(await fireScheduler(host, after(short, 1)));
  expect(first.retention.anonymised).toBeGreaterThanOrEqual(1);
  expect(requestDoc(short).anonymisedAt).toEqual(expect.any(String));
  expect(requestDoc(ended).anonymisedAt).toBeUndefined();
  expect(requestDoc(stillOpen).anonymisedAt).toBeUndefined();

  const anonymisedOnce = requestDoc(short);
  await fireScheduler(host, after(ended, 1));
  expect(requestDoc(ended)).toMatchObject({ description: '', residentOpenid: '', anonymisedAt: expect.any(String) });
  expect(requestDoc(short)).toEqual(anonymisedOnce);
  expect(data<any>(await fireScheduler(host, after(ended, 2))).retention.anonymised).toBe(0);
  expect(requestDoc(stillOpen).description).toBe('孩子上学的补助怎么申请');
});
