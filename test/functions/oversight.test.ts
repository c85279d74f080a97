/**
 * County oversight through the real functions: the scheduler, fired at moments the test chooses (its timer event's
 * `Time`), reminds before a deadline and escalates (督办) when it passes, once however often it runs; extensions move
 * the deadline; county staff set their targets and act on escalations.
 */
import { execFileSync } from 'node:child_process';
import type { Host } from '../../local/host/server';
import { COUNSELLOR, COUNTY_STAFF, data, EXECUTIVE, fireScheduler, functionCaller, LI, PROSECUTOR, submitInput, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

const OTHER_COUNTY = 'county-450225';
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

let host: Host;
const call = functionCaller(() => host);
const openid = (persona: string) => host.personas.find((p) => p.id === persona)?.openid as string;
const requestDoc = (id: string) => host.cloudbase.store.find('requests', { _id: id })[0] as Record<string, any>;
const escalationsOf = (id: string) => host.cloudbase.store.find('escalations', { requestId: id }) as Record<string, any>[];
const sends = () => host.cloudbase.recorder.list('subscribeMessage.send');
const submit = async (overrides: Record<string, unknown> = {}) => data(await call('resident', 'submitRequest', submitInput(overrides), WANG)).id as string;
const at = (id: string, offsetMs: number) => new Date(Date.parse(requestDoc(id).createdAt) + offsetMs);
const run = async (time: Date) => data(await fireScheduler(host, time));

beforeAll(async () => {
  host = await startTestHost();
  await fireScheduler(host);
});
afterAll(() => host.close());

describe('the scheduler', () => {
  test('reminds at three quarters of the time, escalates at the deadline, each once however often it runs', async () => {
    const id = await submit({ urgency: 'distress' });
    expect(requestDoc(id).due).toMatchObject({
      firstResponseBy: at(id, 2 * HOUR).toISOString(),
      remindFirstResponseAt: at(id, 1.5 * HOUR).toISOString(),
      resolveBy: at(id, 3 * DAY).toISOString(),
    });
    data(await call('team', 'subscribe', {}, PROSECUTOR));
    data(await call('team', 'subscribe', {}, EXECUTIVE));
    const before = sends().length;

    expect((await run(at(id, 1.4 * HOUR))).sla).toEqual({ reminded: 0, escalated: 0 });
    const [first, second] = await Promise.all([run(at(id, 1.6 * HOUR)), run(at(id, 1.6 * HOUR))]);
    expect(first.sla.reminded + second.sla.reminded).toBe(1);
    expect(requestDoc(id).slaMarks).toEqual(['firstResponseReminded']);
    // The assignee and the executive are told, in neutral words.
    const reminders = sends().slice(before);
    expect(reminders.map((c) => (c.request as { touser: string }).touser).sort()).toEqual([openid(EXECUTIVE), openid(PROSECUTOR)].sort());
    expect((reminders[0]?.request as { data: { thing1: { value: string } } }).data.thing1.value).toBe('您有一条待办快到时限了，请进入小程序查看');

    const late = await Promise.all([run(at(id, 2.1 * HOUR)), run(at(id, 2.1 * HOUR)), run(at(id, 2.2 * HOUR))]);
    expect(late.reduce((n, r) => n + r.sla.escalated, 0)).toBe(1);
    expect(escalationsOf(id)).toHaveLength(1);
    expect(escalationsOf(id)[0]).toMatchObject({ deadline: 'firstResponse', countyCode: '451322', pointId: 'point-xc-anshan', due: at(id, 2 * HOUR).toISOString() });
    expect(requestDoc(id).timeline.filter((e: { type: string }) => e.type === 'escalated')).toHaveLength(1);
    const hers = data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect(hers.timeline.at(-1)).toEqual({ type: 'escalated', at: expect.any(String), byResident: false, deadline: 'firstResponse' });

    // Her first response settles the escalation.
    data(await call('team', 'accept', { requestId: id }, PROSECUTOR));
    expect(escalationsOf(id)[0]?.settledAt).toEqual(expect.any(String));
  });

  test('an extension moves the resolution deadline: no escalation until the new one passes', async () => {
    const id = await submit({ urgency: 'distress' });
    data(await call('team', 'accept', { requestId: id }, PROSECUTOR));
    expect((await run(at(id, 2.3 * DAY))).sla.reminded).toBeGreaterThanOrEqual(1);
    expect(requestDoc(id).slaMarks).toContain('resolutionReminded');
    const extended = data(await call('team', 'extend', { requestId: id, days: 2, reason: '等待法律援助中心答复' }, PROSECUTOR));
    expect(extended.resolveBy).toBe(at(id, 5 * DAY).toISOString());
    // The reminder for the old deadline is forgotten: the new one gets its own.
    expect(requestDoc(id).slaMarks).toEqual([]);

    await run(at(id, 3.5 * DAY));
    expect(escalationsOf(id)).toHaveLength(0);
    await run(at(id, 5.1 * DAY));
    await run(at(id, 5.2 * DAY));
    expect(escalationsOf(id)).toEqual([expect.objectContaining({ deadline: 'resolution', due: at(id, 5 * DAY).toISOString() })]);
    data(await call('team', 'resolve', { requestId: id, summary: '已协助她申请法律援助' }, PROSECUTOR));
    expect(escalationsOf(id)[0]?.settledAt).toEqual(expect.any(String));
  });

  test('a request answered before its deadline is never escalated', async () => {
    const id = await submit({ category: 'mental', urgency: 'trouble' });
    data(await call('team', 'accept', { requestId: id }, COUNSELLOR));
    data(await call('team', 'resolve', { requestId: id, summary: '已电话疏导并约好回访' }, COUNSELLOR));
    await run(at(id, 30 * DAY));
    expect(escalationsOf(id)).toHaveLength(0);
    expect(requestDoc(id).slaMarks ?? []).toEqual([]);
  });
});

describe('county staff', () => {
  test('see the open escalations of their county only, and act on one: urge, then close', async () => {
    const id = await submit({ urgency: 'distress' });
    await run(at(id, 3 * HOUR));
    const list = data(await call('county', 'listEscalations', {}, COUNTY_STAFF));
    expect(list.find((e: { requestId: string }) => e.requestId === id)).toMatchObject({ pointName: '忻城县鞍山社区执委联系点', deadline: 'firstResponse', status: 'assigned', urgeCount: 0 });
    expect(data(await call('county', 'listEscalations', {}, OTHER_COUNTY)).map((e: { requestId: string }) => e.requestId)).not.toContain(id);
    expect(await call('county', 'listEscalations', {}, EXECUTIVE)).toMatchObject({ ok: false, code: 'Forbidden' });

    // Details of a rights request: contact masked, and the view is logged.
    const seen = data(await call('county', 'getRequest', { requestId: id }, COUNTY_STAFF));
    expect(seen.contact.phone).toBe('138****0000');
    expect(seen.contact.safeTimes).toBeUndefined();
    expect(Object.values(seen.can).some(Boolean)).toBe(false);
    expect(host.cloudbase.store.find('accessLog', { requestId: id })).toEqual([expect.objectContaining({ viewer: `county:${COUNTY_STAFF}`, reason: 'escalation' })]);
    expect(await call('county', 'getRequest', { requestId: id }, OTHER_COUNTY)).toMatchObject({ ok: false, code: 'NotFound' });

    data(await call('team', 'subscribe', {}, PROSECUTOR));
    const before = sends().length;
    const urged = data(await call('county', 'urge', { requestId: id, note: '请今天内联系她' }, COUNTY_STAFF));
    expect(urged.timeline.at(-1)).toMatchObject({ type: 'urged', actorRole: '县妇联', reason: '请今天内联系她' });
    expect(sends().slice(before).map((c) => (c.request as { touser: string }).touser)).toContain(openid(PROSECUTOR));
    expect(data(await call('team', 'inbox', {}, PROSECUTOR)).items.find((i: { id: string }) => i.id === id).unread).toBe(true);
    expect(data(await call('county', 'listEscalations', {}, COUNTY_STAFF)).find((e: { requestId: string }) => e.requestId === id).urgeCount).toBe(1);

    const closed = data(await call('county', 'close', { requestId: id, note: '多次联系不上，她已去县法律援助中心' }, COUNTY_STAFF));
    expect(closed.status).toBe('closed');
    const hers = data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect(hers).toMatchObject({ status: 'closed', unread: false, can: { message: false, withdraw: false, rate: false, reopen: false } });
    expect(hers.timeline.at(-1)).toMatchObject({ type: 'closed', text: '多次联系不上，她已去县法律援助中心' });
    expect(data(await call('county', 'listEscalations', {}, COUNTY_STAFF)).map((e: { requestId: string }) => e.requestId)).not.toContain(id);
    expect(await call('county', 'urge', { requestId: id }, COUNTY_STAFF)).toMatchObject({ ok: false, code: 'Conflict' });
  });

  test('a request that was never escalated stays out of their sight', async () => {
    const id = await submit({ urgency: 'worry' });
    for (const action of ['getRequest', 'urge']) {
      expect(await call('county', action, { requestId: id }, COUNTY_STAFF)).toMatchObject({ ok: false, code: 'NotFound' });
    }
    expect(requestDoc(id).timeline).toHaveLength(2);
  });

  test('reassign an escalated request to another point of the county: routed there with fresh deadlines', async () => {
    const id = await submit({ category: 'employment', urgency: 'distress' });
    await run(at(id, 3 * HOUR));
    expect(await call('county', 'reassignToPoint', { requestId: id, toPointId: 'point-rs-jiangmen', reason: '换到另一个县试试' }, COUNTY_STAFF)).toMatchObject({
      ok: false,
      code: 'InvalidParameter',
    });
    const moved = data(await call('county', 'reassignToPoint', { requestId: id, toPointId: 'point-xc-chengnan', reason: '城南有就业创业方面的成员' }, COUNTY_STAFF));
    expect(moved).toEqual({ id, toPointName: '忻城县城南社区执委联系点' });
    const doc = requestDoc(id);
    expect(doc).toMatchObject({ pointId: 'point-xc-chengnan', status: 'assigned', slaMarks: [] });
    expect(Date.parse(doc.due.firstResponseBy)).toBeGreaterThan(Date.parse(doc.createdAt) + 2 * HOUR);
    expect(escalationsOf(id).every((e) => e.settledAt)).toBe(true);
    expect(data(await call('resident', 'getMyRequest', { requestId: id }, WANG)).pointName).toBe('忻城县城南社区执委联系点');
  });

  test('set their targets: new requests of the county get them, other counties and old requests keep theirs', async () => {
    expect(data(await call('county', 'getSla', {}, COUNTY_STAFF))).toMatchObject({ countyName: '忻城县', isDefault: true });
    const old = await submit({ urgency: 'worry' });
    const policy = {
      distress: { firstResponse: { amount: 1, unit: 'hours' }, resolution: { amount: 2, unit: 'workingDays' } },
      trouble: { firstResponse: { amount: 12, unit: 'hours' }, resolution: { amount: 5, unit: 'workingDays' } },
      worry: { firstResponse: { amount: 2, unit: 'workingDays' }, resolution: { amount: 10, unit: 'workingDays' } },
    };
    expect(data(await call('county', 'setSla', { policy }, COUNTY_STAFF))).toMatchObject({ isDefault: false, policy });
    expect(data(await call('county', 'getSla', {}, COUNTY_STAFF)).policy).toEqual(policy);
    expect(data(await call('county', 'getSla', {}, OTHER_COUNTY)).isDefault).toBe(true);

    const fresh = await submit({ urgency: 'distress' });
    expect(requestDoc(fresh).sla).toEqual(policy.distress);
    expect(requestDoc(fresh).due.firstResponseBy).toBe(at(fresh, HOUR).toISOString());
    expect(requestDoc(old).sla).toEqual({ firstResponse: { amount: 72, unit: 'hours' }, resolution: { amount: 15, unit: 'days' } });

    const bad = { ...policy, trouble: { firstResponse: { amount: 10, unit: 'days' }, resolution: { amount: 2, unit: 'days' } } };
    expect(await call('county', 'setSla', { policy: bad }, COUNTY_STAFF)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(await call('county', 'setSla', { policy: { ...policy, worry: { firstResponse: { amount: 100, unit: 'days' }, resolution: { amount: 100, unit: 'days' } } } }, COUNTY_STAFF)).toMatchObject({
      ok: false,
      code: 'InvalidParameter',
    });
    expect(await call('county', 'setSla', { policy }, EXECUTIVE)).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(await call('county', 'setSla', { policy }, LI)).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(data(await call('county', 'getSla', {}, COUNTY_STAFF)).policy).toEqual(policy);
  });
});

describe('exports for reporting upward', () => {
  const period = () => {
    const month = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 7);
    return { from: month, to: month };
  };
  const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
  /** Reads the workbook with Python's own zip reader, an implementation independent of ours. */
  const readXlsx = (file: Buffer) => {
    const script = "import sys,zipfile,io;z=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()));assert z.testzip() is None;sys.stdout.write(z.read('xl/worksheets/sheet1.xml').decode('utf-8'))";
    return execFileSync('python3', ['-c', script], { input: file }).toString('utf8');
  };

  test('the ranking and the request list, as CSV and XLSX, carry no personal data', async () => {
    const csv = data(await call('county', 'export', { period: period(), table: 'requests', format: 'csv' }, COUNTY_STAFF));
    expect(csv.fileName).toMatch(/^忻城县诉求清单_\d{4}-\d{2}至\d{4}-\d{2}\.csv$/);
    const text = (await download(csv.url)).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('编号,联系点,类别,三事,状态,提交时间,首次响应（分钟）,办结（分钟）,按时响应,按时办结,评分,重办次数,督办');
    expect(lines.length - 1).toBe(csv.rows);
    expect(csv.rows).toBe(host.cloudbase.store.count('requests', { countyCode: '451322' }));
    for (const secret of ['13800000000', '家里有人动手打我', 'local-', '工作日上午', '王']) expect(text).not.toContain(secret);

    const xlsx = data(await call('county', 'export', { period: period(), table: 'points', format: 'xlsx', urgency: 'distress' }, COUNTY_STAFF));
    const sheet = readXlsx(await download(xlsx.url));
    expect(sheet).toContain('<t xml:space="preserve">忻城县鞍山社区执委联系点</t>');
    expect(sheet).toContain('<t xml:space="preserve">全县合计</t>');
    const board = data(await call('county', 'dashboard', { period: period(), urgency: 'distress' }, COUNTY_STAFF));
    const anshan = board.rows.find((r: { pointId: string }) => r.pointId === 'point-xc-anshan');
    expect(sheet).toMatch(new RegExp(`忻城县鞍山社区执委联系点</t></is></c><c r="B\\d+"><v>${anshan.requests}</v>`));
    expect(xlsx.rows).toBe(board.rows.length + 1);

    expect(await call('county', 'export', { period: period(), table: 'requests', format: 'csv' }, EXECUTIVE)).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(await call('county', 'export', { period: period(), table: 'everything', format: 'csv' }, COUNTY_STAFF)).toMatchObject({ ok: false, code: 'InvalidParameter' });
  });
});

test('重办 gives a fresh resolution deadline and leaves the first response’s as it was', async () => {
  const id = await submit({ category: 'mental', urgency: 'trouble' });
  const firstDue = requestDoc(id).due;
  data(await call('team', 'accept', { requestId: id }, COUNSELLOR));
  data(await call('team', 'resolve', { requestId: id, summary: '已电话疏导并约好回访' }, COUNSELLOR));
  data(await call('resident', 'rate', { requestId: id, rating: 1 }, WANG));
  data(await call('resident', 'reopen', { requestId: id, reason: '问题还是没有解决' }, WANG));
  const due = requestDoc(id).due;
  expect({ firstResponseBy: due.firstResponseBy, remindFirstResponseAt: due.remindFirstResponseAt }).toEqual({
    firstResponseBy: firstDue.firstResponseBy,
    remindFirstResponseAt: firstDue.remindFirstResponseAt,
  });
  expect(Date.parse(due.resolveBy)).toBeGreaterThan(Date.parse(firstDue.resolveBy) - 1);
  expect(Date.parse(due.resolveBy) - Date.now()).toBeGreaterThan(6.9 * DAY);
});
