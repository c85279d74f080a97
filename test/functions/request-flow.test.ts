/**
 * The cloud functions, called as the host calls them (bundled, in isolated workers, with the caller's OPENID in the
 * SDK context) against the local server: no fake repository anywhere.
 */
import type { ServiceRequest } from '../../core/domain';
import { statsIncrement } from '../../core/rollup';
import type { Host } from '../../local/host/server';
import { COUNSELLOR, data, EXECUTIVE, fireScheduler, functionCaller, LI, OTHER_EXECUTIVE, PROSECUTOR, submitInput, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

let host: Host;
const call = functionCaller(() => host);

const requestCount = () => host.cloudbase.store.count('requests', {});

beforeAll(async () => {
  host = await startTestHost();
  // The scheduler makes each point's monthly figures document ahead of the first event, as it does in the cloud.
  await fireScheduler(host);
});
afterAll(() => host.close());

describe('a point page', () => {
  test('shows the five displays and the public roster, and nothing private, in 1 database round trip', async () => {
    host.cloudbase.stats.reset();
    const point = data(await call('resident', 'getPoint', { code: 'XC-ANSHAN' }, WANG));
    expect(host.cloudbase.stats.snapshot()).toEqual({ database: 1, byAction: { 'database.aggregateDocuments': 1 } });
    expect(point).toMatchObject({ latitude: 24.0702, longitude: 108.6638 });
    expect(point.name).toBe('忻城县鞍山社区执委联系点');
    expect(point.displays.executive).toMatchObject({ name: '蒙晓梅', title: '全国妇联常委、自治区妇联常委' });
    expect(point.team).toHaveLength(11);
    expect(point.team.map((m: { role: string }) => m.role)).toEqual(expect.arrayContaining(['女检察官', '心理咨询师']));
    expect(point.displays.duties.length).toBeGreaterThan(0);
    expect(JSON.stringify(point)).not.toMatch(/openid|local-/i);
  });

  test('an unknown code is NotFound, a malformed one InvalidParameter', async () => {
    expect(await call('resident', 'getPoint', { code: 'NO-SUCH' }, WANG)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(await call('resident', 'getPoint', { code: { $gt: '' } }, WANG)).toMatchObject({ ok: false, code: 'InvalidParameter' });
  });
});

describe('submitting a request', () => {
  test('a rights request at 鞍山社区 reaches the prosecutor, a mental one the counsellor, in 4 database round trips', async () => {
    host.cloudbase.stats.reset();
    const rights = data(await call('resident', 'submitRequest', submitInput(), WANG));
    // The point with its team ∥ open load and her recent requests; insert; the point's monthly figures.
    expect(host.cloudbase.stats.snapshot().database).toBe(4);
    const mental = data(await call('resident', 'submitRequest', submitInput({ category: 'mental', urgency: 'worry' }), WANG));

    const prosecutorInbox = data(await call('team', 'inbox', {}, PROSECUTOR)).items;
    const counsellorInbox = data(await call('team', 'inbox', {}, COUNSELLOR)).items;
    expect(prosecutorInbox.map((i: { id: string }) => i.id)).toContain(rights.id);
    expect(prosecutorInbox.map((i: { id: string }) => i.id)).not.toContain(mental.id);
    expect(counsellorInbox.map((i: { id: string }) => i.id)).toContain(mental.id);
    expect(counsellorInbox.map((i: { id: string }) => i.id)).not.toContain(rights.id);

    const executiveInbox = data(await call('team', 'inbox', {}, EXECUTIVE)).items;
    expect(executiveInbox.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([rights.id, mental.id]));
    expect(data(await call('team', 'inbox', {}, OTHER_EXECUTIVE)).items.map((i: { id: string }) => i.id)).not.toContain(rights.id);

    const view = data(await call('team', 'getRequest', { requestId: rights.id }, PROSECUTOR));
    expect(view.timeline.find((e: { type: string }) => e.type === 'assigned')?.reason).toMatch(/维权服务/);
  });

  test('a retried submit with the same client key returns the first request and stores one', async () => {
    const input = submitInput();
    const first = data(await call('resident', 'submitRequest', input, WANG));
    const before = requestCount();
    const retry = data(await call('resident', 'submitRequest', input, WANG));
    expect(retry).toEqual({ id: first.id, duplicate: true });
    expect(requestCount()).toBe(before);
  });

  test('a retry after the first try stopped between storing and counting counts the request, once', async () => {
    const input = submitInput({ category: 'family', urgency: 'trouble' });
    const { id } = data(await call('resident', 'submitRequest', input, WANG));
    const request = host.cloudbase.store.find('requests', { _id: id })[0] as ServiceRequest;
    const { id: statsId, add } = statsIncrement(request, { type: 'submitted' });
    const [path] = Object.keys(add) as [string];
    const submitted = () => path.split('.').reduce<any>((v, key) => v?.[key], host.cloudbase.store.find('pointStats', { _id: statsId })[0]);
    const counted = submitted();
    // As if the function had been killed after the insert: the figure and its once-key not written.
    host.cloudbase.store.update('pointStats', { _id: statsId }, { $inc: { [path]: -1 }, $pull: { countedKeys: id } }, { multi: false, upsert: false, merge: true });
    expect(data(await call('resident', 'submitRequest', input, WANG))).toEqual({ id, duplicate: true });
    expect(submitted()).toBe(counted);
    expect(data(await call('resident', 'submitRequest', input, WANG))).toEqual({ id, duplicate: true });
    expect(submitted()).toBe(counted);
  });

  test('an anonymous request keeps no contact details', async () => {
    const { id } = data(await call('resident', 'submitRequest', submitInput({ contact: { anonymous: true } }), WANG));
    const stored = host.cloudbase.store.find('requests', { _id: id })[0];
    expect(stored?.contact).toEqual({ anonymous: true });
  });

  test.each([
    ['an unknown point', { pointId: 'point-none' }, 'NotFound'],
    ['empty text', { description: '   ' }, 'InvalidParameter'],
    ['over-long text', { description: '字'.repeat(1001) }, 'InvalidParameter'],
    ['a wrong category', { category: 'violence' }, 'InvalidParameter'],
    ['an operator in place of an id', { pointId: { $ne: null } }, 'InvalidParameter'],
    ['an unknown field', { residentOpenid: 'someone-else' }, 'InvalidParameter'],
    ['no phone and not anonymous', { contact: { anonymous: false } }, 'InvalidParameter'],
    ['4 photos', { photos: [1, 2, 3, 4].map((n) => `cloud://local.bucket/request-photos/x/y/${n}.jpg`) }, 'InvalidParameter'],
    ['no sensitive-data consent', { consentVersion: undefined }, 'InvalidParameter'],
    ['consent to an older text', { consentVersion: '2020-01-v0' }, 'InvalidParameter'],
    ['text WeChat rejects', { description: '有人拉我去赌博，不去就打我' }, 'ContentRejected'],
  ])('%s gets a clear error and writes nothing', async (_label, overrides, code) => {
    const before = requestCount();
    const reply = await call('resident', 'submitRequest', submitInput(overrides), WANG);
    expect(reply).toMatchObject({ ok: false, code, message: expect.stringMatching(/\S/) });
    expect(requestCount()).toBe(before);
  });

  test('a rejected text says what to change', async () => {
    const reply = await call('resident', 'submitRequest', submitInput({ description: '有人拉我去赌博，不去就打我' }), WANG);
    expect(reply).toMatchObject({ ok: false, message: expect.stringContaining('「赌博」') });
  });
});

describe('who may see what', () => {
  test('another woman cannot read her request, and learns nothing of it', async () => {
    const { id } = data(await call('resident', 'submitRequest', submitInput(), WANG));
    expect(data(await call('resident', 'getMyRequest', { requestId: id }, WANG)).description).toMatch(/动手打我/);
    const other = await call('resident', 'getMyRequest', { requestId: id }, LI);
    expect(other).toEqual({ ok: false, code: 'NotFound', message: expect.any(String) });
    expect(data(await call('resident', 'listMyRequests', {}, LI)).map((r: { id: string }) => r.id)).not.toContain(id);
  });

  test("the woman's timeline shows public roles, never the routing reason", async () => {
    const { id } = data(await call('resident', 'submitRequest', submitInput(), WANG));
    const mine = data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect(mine.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted', 'assigned']);
    expect(mine.timeline[1]).toEqual({ type: 'assigned', at: expect.any(String), byResident: false, actorRole: '女检察官' });
  });

  test('only the assignee accepts; others of the point are refused or see nothing, and nothing changes', async () => {
    const { id } = data(await call('resident', 'submitRequest', submitInput(), WANG));
    expect(await call('team', 'accept', { requestId: id }, COUNSELLOR)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(await call('team', 'getRequest', { requestId: id }, COUNSELLOR)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(await call('team', 'accept', { requestId: id }, EXECUTIVE)).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(await call('team', 'accept', { requestId: id }, OTHER_EXECUTIVE)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(await call('team', 'accept', { requestId: id }, WANG)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(host.cloudbase.store.find('requests', { _id: id })[0]?.status).toBe('assigned');

    host.cloudbase.stats.reset();
    const accepted = data(await call('team', 'accept', { requestId: id }, PROSECUTOR));
    const acceptTrips = host.cloudbase.stats.snapshot().database;
    expect(accepted.status).toBe('accepted');
    expect(accepted.contact.phone).toBe('13800000000');
    // Caller's memberships ∥ the request; the conditional write; the point's monthly figures.
    expect(acceptTrips).toBe(4);
    expect(await call('team', 'accept', { requestId: id }, PROSECUTOR)).toMatchObject({ ok: false, code: 'Conflict' });

    const mine = data(await call('resident', 'getMyRequest', { requestId: id }, WANG));
    expect(mine.status).toBe('accepted');
    expect(mine.timeline.at(-1)).toMatchObject({ type: 'accepted', actorRole: '女检察官' });
  });

  test('a call without a caller is Unauthorized and an unknown action InvalidParameter', async () => {
    expect(await host.invoke('resident', { action: 'listMyRequests', input: {} }, { openid: '' })).toMatchObject({ ok: false, code: 'Unauthorized' });
    expect(await call('resident', 'dropDatabase', {}, WANG)).toMatchObject({ ok: false, code: 'InvalidParameter' });
  });
});

describe('the host runs each call with its own caller', () => {
  test('concurrent calls from different people never see each other’s identity', async () => {
    const personas = [PROSECUTOR, COUNSELLOR, EXECUTIVE, OTHER_EXECUTIVE, WANG];
    const expected: Record<string, string[]> = {
      [PROSECUTOR]: ['point-xc-anshan-m1'],
      [COUNSELLOR]: ['point-xc-anshan-m2'],
      [EXECUTIVE]: ['point-xc-anshan-m0'],
      [OTHER_EXECUTIVE]: ['point-xc-chengnan-m0'],
      [WANG]: [],
    };
    const calls = Array.from({ length: 40 }, (_, i) => personas[i % personas.length] as string);
    const replies = await Promise.all(calls.map((p) => call('resident', 'whoami', {}, p)));
    replies.forEach((reply, i) => {
      const ids = data(reply).memberships.map((m: { memberId: string }) => m.memberId);
      expect(ids).toEqual(expected[calls[i] as string]);
    });
  });
});
