/**
 * The local server, driven by the pinned, unmodified @cloudbase/node-sdk, for every operation the functions use.
 */
import tcb from '@cloudbase/node-sdk';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { CloudbaseServer } from '../../local/cloudbase-server';
import { startCloudbaseServer } from '../../local/cloudbase-server';
import { sdkError, startTestServer, tempDataDir, useLocalSdkEnvironment } from '../support/local';

let server: CloudbaseServer;
let app: ReturnType<typeof tcb.init>;
let db: ReturnType<ReturnType<typeof tcb.init>['database']>;

beforeAll(async () => {
  server = await startTestServer();
  useLocalSdkEnvironment(server.url);
  app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  db = app.database();
  await db.createCollection('things');
});

afterAll(() => server.close());

beforeEach(async () => {
  await db.collection('things').where({ _id: db.command.exists(true) }).remove();
});

const things = () => db.collection('things');

async function addNumbered(n: number) {
  const docs = Array.from({ length: n }, (_, i) => ({ n: i, parity: i % 2 === 0 ? 'even' : 'odd' }));
  for (let i = 0; i < docs.length; i += 500) await things().add(docs.slice(i, i + 500));
}

describe('queries', () => {
  test('add one and many, then where / orderBy / skip / limit / field / get / count', async () => {
    const one = await things().add({ name: '甲', n: 1 });
    expect(one.id).toMatch(/^[0-9a-f]{32}$/);
    const many = await things().add([
      { name: '乙', n: 2 },
      { name: '丙', n: 3 },
      { name: '丁', n: 4 },
    ]);
    expect(many.ids).toHaveLength(3);

    const _ = db.command;
    const page = await things().where({ n: _.gte(2) }).orderBy('n', 'desc').skip(1).limit(2).field({ name: true }).get();
    expect(page.data).toEqual([
      { _id: expect.any(String), name: '丙' },
      { _id: expect.any(String), name: '乙' },
    ]);
    expect((await things().where({ n: _.in([1, 4]) }).count()).total).toBe(2);
    expect((await things().count()).total).toBe(4);
  });

  test('query operators: and / or / neq / nin / exists / lt', async () => {
    const _ = db.command;
    await things().add([
      { n: 1, tag: 'a' },
      { n: 2, tag: 'b' },
      { n: 3 },
    ]);
    const names = async (query: object) =>
      (await things().where(query).orderBy('n', 'asc').get()).data.map((d: { n: number }) => d.n);
    expect(await names({ n: _.gt(1).and(_.lt(3)) })).toEqual([2]);
    expect(await names(_.or([{ n: 1 }, { tag: 'b' }]))).toEqual([1, 2]);
    expect(await names({ tag: _.neq('a') })).toEqual([2, 3]);
    expect(await names({ tag: _.nin(['a', 'b']) })).toEqual([3]);
    expect(await names({ tag: _.exists(false) })).toEqual([3]);
  });

  test('a query returns 100 documents without a limit and never more than 1000; an aggregation is not capped', async () => {
    await addNumbered(1100);
    expect((await things().get()).data).toHaveLength(100);
    expect((await things().limit(5000).get()).data).toHaveLength(1000);
    expect((await things().count()).total).toBe(1100);
    const counted = await things()
      .aggregate()
      .match({ n: db.command.gte(0) })
      .group({ _id: '$parity', count: db.command.aggregate.sum(1) })
      .sort({ _id: 1 })
      .end();
    expect(counted.data).toEqual([
      { _id: 'even', count: 550 },
      { _id: 'odd', count: 550 },
    ]);
  });

  test('geoNear returns points within the distance, nearest first', async () => {
    const { Point } = db.Geo;
    await things().add([
      { name: '鞍山', location: new Point(108.6638, 24.0702) },
      { name: '城南', location: new Point(108.6702, 24.0551) },
      { name: '北海', location: new Point(109.1203, 21.4812) },
    ]);
    const near = await things()
      .where({ location: db.command.geoNear({ geometry: new Point(108.665, 24.06), maxDistance: 5000 }) })
      .get();
    expect(near.data.map((d: { name: string }) => d.name)).toEqual(['城南', '鞍山']);
  });
});

describe('documents and updates', () => {
  test('doc get / set / update / remove', async () => {
    const _ = db.command;
    await things().doc('fixed-id').set({ name: '甲', n: 1, tags: ['x'] });
    await things().doc('fixed-id').update({ n: _.inc(2), tags: _.push(['y']), extra: '新' });
    expect((await things().doc('fixed-id').get()).data[0]).toEqual({ _id: 'fixed-id', name: '甲', n: 3, tags: ['x', 'y'], extra: '新' });

    const replaced = await things().doc('fixed-id').set({ name: '乙' });
    expect(replaced.updated).toBe(1);
    expect((await things().doc('fixed-id').get()).data[0]).toEqual({ _id: 'fixed-id', name: '乙' });

    await things().doc('fixed-id').update({ name: _.remove() });
    expect((await things().doc('fixed-id').get()).data[0]).toEqual({ _id: 'fixed-id' });

    expect((await things().doc('fixed-id').remove()).deleted).toBe(1);
    expect((await things().doc('fixed-id').get()).data).toEqual([]);
  });

  test('update operators: mul / min / max / addToSet / pull / pop / set of a nested field', async () => {
    const _ = db.command;
    const { id } = (await things().add({ n: 5, low: 5, high: 5, tags: ['a', 'b', 'c'], nested: { a: 1 } })) as { id: string };
    await things().doc(id).update({
      n: _.mul(3),
      low: _.min(2),
      high: _.max(9),
      tags: _.pull('b'),
      nested: { b: 2 },
    });
    await things().doc(id).update({ tags: _.addToSet('a') });
    await things().doc(id).update({ tags: _.pop() });
    const [doc] = (await things().doc(id).get()).data;
    expect(doc).toMatchObject({ n: 15, low: 2, high: 9, tags: ['a'], nested: { a: 1, b: 2 } });
  });

  test('bulk update and remove by query', async () => {
    await addNumbered(10);
    const updated = await things().where({ parity: 'even' }).update({ flagged: true });
    expect(updated.updated).toBe(5);
    expect((await things().where({ flagged: true }).count()).total).toBe(5);
    const removed = await things().where({ parity: 'odd' }).remove();
    expect(removed.deleted).toBe(5);
    expect((await things().count()).total).toBe(5);
  });

  test('serverDate is filled in by the server clock', async () => {
    const before = Date.now();
    const { id } = (await things().add({ at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) })) as { id: string };
    const [doc] = (await things().doc(id).get()).data;
    expect(doc.at).toBeInstanceOf(Date);
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(doc.later.getTime() - doc.at.getTime()).toBeGreaterThanOrEqual(59_000);
  });
});

describe('aggregate', () => {
  test('match / group / sort / project / lookup / unwind', async () => {
    const $ = db.command.aggregate;
    await db.createCollection('owners').catch(() => undefined);
    await db.collection('owners').add([
      { _id: 'o1', name: '甲' },
      { _id: 'o2', name: '乙' },
    ]);
    await things().add([
      { owner: 'o1', n: 1, tags: ['a', 'b'] },
      { owner: 'o1', n: 2, tags: ['c'] },
      { owner: 'o2', n: 5, tags: [] },
    ]);
    const grouped = await things()
      .aggregate()
      .match({ n: db.command.gt(0) })
      .group({ _id: '$owner', total: $.sum('$n'), count: $.sum(1) })
      .sort({ total: -1 })
      .end();
    expect(grouped.data).toEqual([
      { _id: 'o2', total: 5, count: 1 },
      { _id: 'o1', total: 3, count: 2 },
    ]);
    const joined = await things()
      .aggregate()
      .match({ owner: 'o1' })
      .lookup({ from: 'owners', localField: 'owner', foreignField: '_id', as: 'ownerDocs' })
      .unwind('$tags')
      .project({ _id: 0, tag: '$tags', ownerName: $.arrayElemAt(['$ownerDocs.name', 0]) })
      .sort({ tag: 1 })
      .end();
    expect(joined.data).toEqual([
      { tag: 'a', ownerName: '甲' },
      { tag: 'b', ownerName: '甲' },
      { tag: 'c', ownerName: '甲' },
    ]);
  });
});

describe('transactions', () => {
  test('runTransaction commits every write at once', async () => {
    await things().doc('account-a').set({ balance: 10 });
    await things().doc('account-b').set({ balance: 0 });
    const result = await db.runTransaction(async (transaction: any) => {
      const a = (await transaction.collection('things').doc('account-a').get()).data;
      await transaction.collection('things').doc('account-a').update({ balance: a.balance - 4 });
      await transaction.collection('things').doc('account-b').update({ balance: db.command.inc(4) });
      await transaction.collection('things').add({ _id: 'receipt-1', amount: 4 });
      return 'moved';
    });
    expect(result).toBe('moved');
    expect((await things().doc('account-a').get()).data[0].balance).toBe(6);
    expect((await things().doc('account-b').get()).data[0].balance).toBe(4);
    expect((await things().doc('receipt-1').get()).data).toHaveLength(1);
  });

  test('a rollback leaves nothing behind, and writes are invisible outside until commit', async () => {
    await things().doc('account-a').set({ balance: 10 });
    const transaction: any = await db.startTransaction();
    await transaction.collection('things').doc('account-a').update({ balance: 0 });
    await transaction.collection('things').add({ _id: 'half-written' });
    expect((await things().doc('account-a').get()).data[0].balance).toBe(10);
    expect((await transaction.collection('things').doc('account-a').get()).data.balance).toBe(0);
    await transaction.rollback('changed my mind');
    expect((await things().doc('account-a').get()).data[0].balance).toBe(10);
    expect((await things().doc('half-written').get()).data).toEqual([]);

    await expect(
      db.runTransaction(async (t: any) => {
        await t.collection('things').doc('account-a').update({ balance: 1 });
        await t.rollback('refused');
      }),
    ).rejects.toBe('refused');
    expect((await things().doc('account-a').get()).data[0].balance).toBe(10);
  });

  test('a document changed by someone else makes the commit fail with a conflict, and runTransaction retries', async () => {
    await things().doc('counter').set({ n: 0 });
    const transaction: any = await db.startTransaction();
    const seen = (await transaction.collection('things').doc('counter').get()).data.n;
    await things().doc('counter').update({ n: db.command.inc(1) });
    await transaction.collection('things').doc('counter').update({ n: seen + 10 });
    const conflict = await sdkError(transaction.commit());
    expect(conflict.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await things().doc('counter').get()).data[0].n).toBe(1);

    let attempts = 0;
    await db.runTransaction(async (t: any) => {
      attempts += 1;
      const current = (await t.collection('things').doc('counter').get()).data.n;
      if (attempts === 1) await things().doc('counter').update({ n: db.command.inc(1) });
      await t.collection('things').doc('counter').update({ n: current + 10 });
    });
    expect(attempts).toBe(2);
    expect((await things().doc('counter').get()).data[0].n).toBe(12);
  });
});

describe('errors and the schema', () => {
  test('a missing collection is an error, for reads and writes', async () => {
    expect((await sdkError(db.collection('no_such').get())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await sdkError(db.collection('no_such').add({ a: 1 }))).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });

  test("unique indexes come from the project's schema: a duplicate point code is refused", async () => {
    await db.collection('points').add({ code: 'UNIQ-1' });
    expect(await sdkError(db.collection('points').add({ code: 'UNIQ-1' }))).toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect((await db.collection('points').where({ code: 'UNIQ-1' }).count()).total).toBe(1);
    expect((await sdkError(things().add([{ _id: 'same' }, { _id: 'same' }]))).code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await things().doc('same').get()).data).toEqual([]);
  });

  test('data survives a restart of the server', async () => {
    const dataDir = tempDataDir('restart');
    const first = await startCloudbaseServer({ dataDir });
    useLocalSdkEnvironment(first.url);
    const firstDb = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
    await firstDb.collection('points').add({ _id: 'kept', code: 'KEPT' });
    await first.close();

    const second = await startCloudbaseServer({ dataDir });
    useLocalSdkEnvironment(second.url);
    const secondDb = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
    expect((await secondDb.collection('points').doc('kept').get()).data[0]).toEqual({ _id: 'kept', code: 'KEPT' });
    await second.close();
    useLocalSdkEnvironment(server.url);
  });
});

describe('WeChat open APIs are answered by the local recorder', () => {
  test('msgSecCheck passes ordinary text and rejects a listed word, and every call is kept', async () => {
    const pass = (await app.callWxOpenApi({
      apiName: 'security.msgSecCheck',
      requestData: { content: '想咨询就业培训', version: 2, scene: 2, openid: 'o-test' },
    })) as { result: { result: { suggest: string } } };
    expect(pass.result.result.suggest).toBe('pass');
    const risky = (await app.callWxOpenApi({
      apiName: 'security.msgSecCheck',
      requestData: { content: '有人拉我去赌博', version: 2, scene: 2, openid: 'o-test' },
    })) as { result: { result: { suggest: string }; detail: { keyword?: string }[] } };
    expect(risky.result.result.suggest).toBe('risky');
    expect(risky.result.detail[0]?.keyword).toBe('赌博');
    const calls = server.recorder.list('security.msgSecCheck');
    expect(calls.slice(-2).map((c) => (c.request as { content: string }).content)).toEqual(['想咨询就业培训', '有人拉我去赌博']);
  });

  test('wxacode.getUnlimited returns a real QR image that decodes to the page and scene', async () => {
    const png = (await app.callCompatibleWxOpenApi({
      apiName: 'wxacode.getUnlimited',
      requestData: Buffer.from(JSON.stringify({ scene: 'XC-ANSHAN', page: 'pages/point/index' })),
    })) as Buffer;
    const image = PNG.sync.read(png);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(decoded?.data).toBe('pages/point/index?scene=XC-ANSHAN');
  });

  test('subscribeMessage.send is acknowledged and recorded', async () => {
    const sent = (await app.callWxOpenApi({
      apiName: 'subscribeMessage.send',
      requestData: { touser: 'o-test', templateId: 'tmpl-1', data: { thing1: { value: '您的诉求有新进展' } } },
    })) as { result: { errcode: number } };
    expect(sent.result.errcode).toBe(0);
    expect(server.recorder.list('subscribeMessage.send').at(-1)?.request).toMatchObject({ touser: 'o-test', templateId: 'tmpl-1' });
  });
});
