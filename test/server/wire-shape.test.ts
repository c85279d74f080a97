/**
 * The SDK's protocol is not documented, so its request shapes are pinned here: an SDK upgrade that changes them
 * fails this test before it can break the local server. Shapes are the action, and each field's name and JSON type.
 */
import tcb from '@cloudbase/node-sdk';
import type { CloudbaseServer } from '../../local/cloudbase-server';
import { startTestServer, useLocalSdkEnvironment } from '../support/local';

const VOLATILE = new Set(['envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken', 'sessionToken']);

const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

function shapeOf(params: Record<string, unknown>): string {
  const fields = Object.keys(params)
    .filter((k) => !VOLATILE.has(k) && k !== 'action')
    .sort()
    .map((k) => `${k}:${typeOf(params[k])}`);
  return `${String(params.action)} ${fields.join(' ')}`;
}

let server: CloudbaseServer;
const seen: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = await startTestServer({ observe: (params) => seen.push(params) });
  useLocalSdkEnvironment(server.url);
});
afterAll(() => server.close());

const run = async (work: () => Promise<unknown>) => {
  seen.length = 0;
  await work();
  return seen.map(shapeOf);
};

test('the SDK sends the request shapes the local server was written against', async () => {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const db = app.database();
  const _ = db.command;
  const requests = db.collection('requests');

  expect(await run(() => db.createCollection('shapes'))).toEqual(['database.addCollection collectionName:string']);
  expect(await run(() => requests.add({ _id: 'r1', status: 'assigned', at: db.serverDate() }))).toEqual([
    'database.insertDocument collectionName:string data:array',
  ]);
  expect(await run(() => requests.where({ status: 'assigned' }).orderBy('at', 'desc').skip(1).limit(5).field({ status: true }).get())).toEqual([
    'database.getDocument collectionName:string limit:number offset:number order:string projection:string query:string queryType:string',
  ]);
  expect(await run(() => requests.where({ status: 'assigned' }).count())).toEqual([
    'database.calculateDocument collectionName:string query:string queryType:string',
  ]);
  expect(await run(() => requests.doc('r1').get())).toEqual([
    'database.getDocument collectionName:string multi:boolean query:string queryType:string',
  ]);
  expect(await run(() => requests.doc('r1').update({ status: 'accepted', timeline: _.push(['x']) }))).toEqual([
    'database.modifyDocument collectionName:string data:string merge:boolean multi:boolean query:string queryType:string upsert:boolean',
  ]);
  expect(await run(() => requests.doc('r2').set({ status: 'assigned' }))).toEqual([
    'database.modifyDocument collectionName:string data:string merge:boolean multi:boolean query:string queryType:string upsert:boolean',
  ]);
  expect(await run(() => requests.where({ status: 'assigned' }).update({ status: 'accepted' }))).toEqual([
    'database.modifyDocument collectionName:string data:string merge:boolean multi:boolean query:string queryType:string upsert:boolean',
  ]);
  expect(await run(() => requests.where({ status: 'none' }).remove())).toEqual([
    'database.removeDocument collectionName:string multi:boolean query:string queryType:string',
  ]);
  expect(await run(() => requests.doc('r2').remove())).toEqual([
    'database.removeDocument collectionName:string multi:boolean query:string queryType:string',
  ]);
  expect(await run(() => requests.aggregate().match({ status: 'accepted' }).group({ _id: '$status', n: _.aggregate.sum(1) }).end())).toEqual([
    'database.aggregateDocuments collectionName:string stages:array',
  ]);
  expect(
    await run(() =>
      db.runTransaction(async (t: any) => {
        await t.collection('requests').doc('r1').get();
        await t.collection('requests').doc('r1').update({ status: 'resolved' });
      }),
    ),
  ).toEqual([
    'database.startTransaction ',
    'database.getDocument collectionName:string multi:boolean query:string queryType:string transactionId:string',
    'database.modifyDocument collectionName:string data:string merge:boolean multi:boolean query:string queryType:string transactionId:string upsert:boolean',
    'database.commitTransaction transactionId:string',
  ]);
  expect(await run(() => app.callWxOpenApi({ apiName: 'security.msgSecCheck', requestData: { content: 'x', version: 2, scene: 2, openid: 'o' } }))).toEqual([
    'wx.api apiName:string requestData:string',
  ]);
});

test('queries and documents travel as canonical Extended JSON strings', async () => {
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  seen.length = 0;
  await db.collection('requests').add({ _id: 'r9', n: 1, at: new Date(0), location: new db.Geo.Point(1, 2) });
  await db.collection('requests').where({ n: db.command.gt(0), location: db.command.geoNear({ geometry: new db.Geo.Point(1, 2), maxDistance: 10 }) }).get();
  const [insert, query] = seen;
  expect(JSON.parse((insert?.data as string[])[0] as string)).toEqual({
    _id: 'r9',
    n: { $numberInt: '1' },
    at: { $date: { $numberLong: '0' } },
    location: { type: 'Point', coordinates: [{ $numberInt: '1' }, { $numberInt: '2' }] },
  });
  expect(JSON.parse(query?.query as string)).toEqual({
    n: { $gt: { $numberInt: '0' } },
    location: { $nearSphere: { $geometry: { type: 'Point', coordinates: [{ $numberInt: '1' }, { $numberInt: '2' }] }, $maxDistance: { $numberInt: '10' } } },
  });
});

test('storage calls: upload metadata, then a COS-style PUT of the bytes; links and deletes in batches', async () => {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const cloudPath = 'shapes/照片 1.png';
  let fileID = '';
  expect(
    await run(async () => {
      fileID = (await app.uploadFile({ cloudPath, fileContent: Buffer.from('png') })).fileID;
    }),
  ).toEqual([
    'storage.getUploadMetadata method:string path:string',
    'cos.putObject authorization:string key:string signature:string x-cos-meta-fileid:string x-cos-security-token:string',
  ]);
  const [metadata, put] = seen;
  expect(metadata).toMatchObject({ path: cloudPath, method: 'put' });
  expect(put).toMatchObject({ key: encodeURIComponent(cloudPath), signature: put?.authorization });

  expect(await run(() => app.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }, fileID] }))).toEqual(['storage.batchGetDownloadUrl file_list:array']);
  expect(seen[0]?.file_list).toEqual([{ fileid: fileID, max_age: 60 }, { fileid: fileID }]);
  expect(await run(() => app.downloadFile({ fileID }))).toEqual(['storage.batchGetDownloadUrl file_list:array']);
  expect(seen[0]?.file_list).toEqual([{ fileid: fileID, max_age: 600 }]);
  expect(await run(() => app.deleteFile({ fileList: [fileID] }))).toEqual(['storage.batchDeleteFile fileid_list:array']);
  expect(seen[0]?.fileid_list).toEqual([fileID]);
});
