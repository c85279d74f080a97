/**
 * The woman's side of a request through the real functions: messages both ways, withdraw, rate, reopen (重办), her
 * photos and consent, and that nobody else can do any of it. A refused step leaves the stored request unchanged.
 */
import type { Host } from '../../local/host/server';
import { COUNSELLOR, data, EXECUTIVE, fireScheduler, functionCaller, LI, PROSECUTOR, submitInput, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

let host: Host;
const call = functionCaller(() => host);

beforeAll(async () => {
  host = await startTestHost();
  await fireScheduler(host);
});
afterAll(() => host.close());

const stored = (id: string) => host.cloudbase.store.find('requests', { _id: id })[0];
const submit = async (overrides: Record<string, unknown> = {}) => data(await call('resident', 'submitRequest', submitInput(overrides), WANG)).id as string;
/** A small real PNG (1×1). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function resolvedRequest() {
  const id = await submit();
  data(await call('team', 'accept', { requestId: id }, PROSECUTOR));
  data(await call('team', 'resolve', { requestId: id, summary: '已联系法律援助中心，帮您申请了人身安全保护令' }, PROSECUTOR));
  return id;
}

describe('following a request to the end', () => {
  test('replies reach her, internal notes do not; she rates, reopens when unsatisfied, and rates again', async () => {
    const id = await submit();
    data(await call('team', 'accept', { requestId: id }, PROSECUTOR));
    data(await call('team', 'reply', { requestId: id, text: '您好，我是检察官，今天下午方便通话吗？', internal: false }, PROSECUTOR));
    data(await call('team', 'reply', { requestId: id, text: '需要联系派出所了解出警记录', internal: true }, PROSECUTOR));
    host.cloudbase.stats.reset();
    let mine = data(await call('resident', 'sendMessage', { requestId: id, text: '下午三点以后可以' }, WANG));
    // One read, one conditional write, and the content check.
    expect(host.cloudbase.stats.snapshot()).toMatchObject({ database: 2, byAction: { 'wx.api': 1 } });
    expect(mine.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted', 'assigned', 'accepted', 'message', 'message']);
    expect(mine.timeline[3]).toMatchObject({ byResident: false, actorRole: '女检察官', text: '您好，我是检察官，今天下午方便通话吗？' });
    expect(mine.timeline[4]).toMatchObject({ byResident: true, text: '下午三点以后可以' });
    expect(JSON.stringify(mine)).not.toContain('出警记录');
    expect(mine.can).toEqual({ message: true, withdraw: true, rate: false, reopen: false });

    const team = data(await call('team', 'getRequest', { requestId: id }, PROSECUTOR));
    expect(team.timeline.map((e: { type: string }) => e.type)).toContain('note');

    data(await call('team', 'resolve', { requestId: id, summary: '已帮您联系法律援助中心' }, PROSECUTOR));
    mine = data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect(mine.status).toBe('resolved');
    expect(mine.can).toEqual({ message: false, withdraw: false, rate: true, reopen: false });

    mine = data(await call('resident', 'rate', { requestId: id, rating: 2, comment: '还是没有人来' }, WANG));
    expect(mine.feedback).toMatchObject({ rating: 2, comment: '还是没有人来' });
    expect(mine.can).toEqual({ message: false, withdraw: false, rate: false, reopen: true });
    expect(new Date(mine.reopenUntil).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    mine = data(await call('resident', 'reopen', { requestId: id, reason: '保护令还没有办下来' }, WANG));
    expect(mine.status).toBe('accepted');
    expect(mine.feedback).toBeUndefined();
    expect(stored(id)).toMatchObject({ status: 'accepted', reopenCount: 1 });
    expect(stored(id)?.resolvedAt).toBeUndefined();
    expect(mine.timeline.slice(-2).map((e: { type: string }) => e.type)).toEqual(['rated', 'reopened']);

    data(await call('team', 'resolve', { requestId: id, summary: '保护令已经下达' }, PROSECUTOR));
    mine = data(await call('resident', 'rate', { requestId: id, rating: 5 }, WANG));
    expect(mine.can.reopen).toBe(false);
    expect(stored(id)).toMatchObject({ status: 'resolved', reopenCount: 1, feedback: { rating: 5 } });
  });

  test('each step is refused when it does not fit, and the request stays as it was', async () => {
    const open = await submit();
    const before = JSON.stringify(stored(open));
    expect(await call('resident', 'rate', { requestId: open, rating: 5 }, WANG)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(await call('resident', 'reopen', { requestId: open, reason: '还没有解决的问题' }, WANG)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(await call('team', 'resolve', { requestId: open, summary: '还没受理就办结' }, PROSECUTOR)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(JSON.stringify(stored(open))).toBe(before);

    const satisfied = await resolvedRequest();
    data(await call('resident', 'rate', { requestId: satisfied, rating: 4 }, WANG));
    expect(await call('resident', 'rate', { requestId: satisfied, rating: 1 }, WANG)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(await call('resident', 'reopen', { requestId: satisfied, reason: '其实还是有问题' }, WANG)).toMatchObject({ ok: false, code: 'Conflict', message: expect.stringContaining('满意') });

    const late = await resolvedRequest();
    data(await call('resident', 'rate', { requestId: late, rating: 1 }, WANG));
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString();
    host.cloudbase.store.update('requests', { _id: late }, { $set: { resolvedAt: eightDaysAgo } }, { multi: false, upsert: false, merge: true });
    const lateView = data(await call('resident', 'getMyRequest', { requestId: late }, WANG));
    expect(lateView.can.reopen).toBe(false);
    expect(await call('resident', 'reopen', { requestId: late, reason: '一直没有解决' }, WANG)).toMatchObject({ ok: false, code: 'Conflict', message: expect.stringContaining('7 天') });
    expect(stored(late)?.status).toBe('resolved');
  });

  test('she can withdraw while it is open; after that nobody can add to it', async () => {
    const id = await submit();
    const mine = data(await call('resident', 'withdraw', { requestId: id, reason: '已经自己解决了' }, WANG));
    expect(mine.status).toBe('withdrawn');
    expect(mine.can).toEqual({ message: false, withdraw: false, rate: false, reopen: false });
    expect(await call('resident', 'withdraw', { requestId: id }, WANG)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(await call('resident', 'sendMessage', { requestId: id, text: '还在吗' }, WANG)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(await call('team', 'reply', { requestId: id, text: '您好', internal: false }, PROSECUTOR)).toMatchObject({ ok: false, code: 'Conflict' });
  });

  test('a message WeChat rejects says what to change and is not stored', async () => {
    const id = await submit();
    const before = JSON.stringify(stored(id));
    expect(await call('resident', 'sendMessage', { requestId: id, text: '他去赌博了' }, WANG)).toMatchObject({ ok: false, code: 'ContentRejected', message: expect.stringContaining('「赌博」') });
    expect(JSON.stringify(stored(id))).toBe(before);
  });
});

describe('another woman', () => {
  test('cannot read, message, rate, withdraw or reopen her request, learns nothing of it, and changes nothing', async () => {
    const open = await submit();
    const resolved = await resolvedRequest();
    data(await call('resident', 'rate', { requestId: resolved, rating: 1 }, WANG));
    const before = [JSON.stringify(stored(open)), JSON.stringify(stored(resolved))];
    const attempts: [string, Record<string, unknown>][] = [
      ['getMyRequest', { requestId: open }],
      ['sendMessage', { requestId: open, text: '你好' }],
      ['withdraw', { requestId: open }],
      ['rate', { requestId: resolved, rating: 5 }],
      ['reopen', { requestId: resolved, reason: '我觉得没有解决' }],
    ];
    for (const [action, input] of attempts) {
      expect(await call('resident', action, input, LI)).toEqual({ ok: false, code: 'NotFound', message: expect.any(String) });
    }
    expect([JSON.stringify(stored(open)), JSON.stringify(stored(resolved))]).toEqual(before);
  });

  test("the team's other members and other points cannot reply or resolve it", async () => {
    const id = await submit();
    data(await call('team', 'accept', { requestId: id }, PROSECUTOR));
    const before = JSON.stringify(stored(id));
    expect(await call('team', 'reply', { requestId: id, text: '你好', internal: false }, COUNSELLOR)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(await call('team', 'resolve', { requestId: id, summary: '我来办结这条' }, COUNSELLOR)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(await call('team', 'reply', { requestId: id, text: '你好', internal: false }, LI)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(JSON.stringify(stored(id))).toBe(before);
    // The executive answers for her point and may step in.
    data(await call('team', 'reply', { requestId: id, text: '我是执委，我们会跟进', internal: false }, EXECUTIVE));
  });
});

describe('photos and consent', () => {
  test('her photo is stored, shown to her and the assignee, and refused in another woman’s request', async () => {
    const clientKey = `photo-draft-${Date.now()}`;
    const photo = data(await call('resident', 'uploadPhoto', { clientKey, contentType: 'image/png', data: PNG }, WANG));
    expect(photo.fileID).toMatch(/^cloud:\/\/.+\.png$/);
    const fetched = await fetch(photo.url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(Buffer.from(PNG, 'base64'))).toBe(true);

    host.cloudbase.stats.reset();
    const id = data(await call('resident', 'submitRequest', submitInput({ clientKey, photos: [photo.fileID] }), WANG)).id;
    // Photos add nothing to submit: their owner is checked from the file ID's path.
    expect(host.cloudbase.stats.snapshot().database).toBe(4);
    host.cloudbase.stats.reset();
    expect(data(await call('resident', 'getMyRequest', { requestId: id }, WANG)).photos).toHaveLength(1);
    expect(host.cloudbase.stats.snapshot()).toEqual({ database: 1, byAction: { 'database.getDocument': 1, 'storage.batchGetDownloadUrl': 1 } });
    expect(data(await call('team', 'getRequest', { requestId: id }, PROSECUTOR)).photos).toHaveLength(1);

    const count = host.cloudbase.store.count('requests', {});
    expect(await call('resident', 'submitRequest', submitInput({ photos: [photo.fileID] }), LI)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(host.cloudbase.store.count('requests', {})).toBe(count);
  });

  test('a file that is not a JPG or PNG, or too large, is refused', async () => {
    const notImage = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');
    expect(await call('resident', 'uploadPhoto', { clientKey: 'photo-draft-x', contentType: 'image/png', data: notImage }, WANG)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    const tooLarge = Buffer.alloc(1024 * 1024 + 3, 1).toString('base64');
    expect(await call('resident', 'uploadPhoto', { clientKey: 'photo-draft-x', contentType: 'image/jpeg', data: tooLarge }, WANG)).toMatchObject({ ok: false, code: 'InvalidParameter' });
  });

  test('the consent is stored with the version of the text she agreed to', async () => {
    const id = await submit();
    expect(stored(id)?.consent).toEqual({ purpose: 'handleRequest', version: expect.stringMatching(/\S/), at: expect.any(String) });
  });
});
