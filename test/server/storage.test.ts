/** Cloud storage in the local server, through the unmodified SDK: upload, temporary links, download, delete. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import type { CloudbaseServer } from '../../local/cloudbase-server';
import { sdkError, startTestServer, tempDataDir, useLocalSdkEnvironment } from '../support/local';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const FILE_ID = /^cloud:\/\/local-test\.6c6f-local-test-1250000000\//;

const dataDir = tempDataDir('storage');
let server: CloudbaseServer;
let app: ReturnType<typeof tcb.init>;

async function start() {
  server = await startTestServer({ dataDir });
  useLocalSdkEnvironment(server.url);
  app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
}

beforeAll(start);
afterAll(() => server.close());

const linkTo = async (fileID: string, maxAge = 60) => (await app.getTempFileURL({ fileList: [{ fileID, maxAge }] })).fileList[0];
const urlOf = async (fileID: string, maxAge = 60) => (await linkTo(fileID, maxAge))?.tempFileURL ?? '';
const downloaded = async (fileID: string) => Buffer.from((await app.downloadFile({ fileID })).fileContent as Buffer);
const upload = async (cloudPath: string, fileContent = PNG) => (await app.uploadFile({ cloudPath, fileContent })).fileID;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

test('an uploaded file comes back through a temporary link, with its type, and through downloadFile', async () => {
  const fileID = await upload('request-photos/a/b/photo.png');
  expect(fileID).toMatch(FILE_ID);
  expect(fileID.endsWith('/request-photos/a/b/photo.png')).toBe(true);
  const link = await linkTo(fileID);
  expect(link).toMatchObject({ fileID, code: 'SUCCESS' });
  const response = await fetch(link?.tempFileURL ?? '');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(response.headers.get('cache-control')).toMatch(/^private\b/);
  expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
  expect(await downloaded(fileID)).toEqual(PNG);
});

test('a file without a known extension gets its type from its bytes', async () => {
  const fileID = await upload('request-photos/a/b/camera-raw', JPEG);
  const response = await fetch(await urlOf(fileID));
  expect(response.headers.get('content-type')).toBe('image/jpeg');
  expect(Buffer.from(await response.arrayBuffer()).equals(JPEG)).toBe(true);
  expect((await app.getFileInfo({ fileList: [{ fileID, maxAge: 60 }] })).fileList[0]).toMatchObject({ mime: 'image/jpeg', size: JPEG.length });
});

test('paths with spaces and Chinese travel the way CloudBase links do', async () => {
  const fileID = await upload('request-photos/照片 1.png');
  expect(await downloaded(fileID)).toEqual(PNG);
  expect((await fetch(await urlOf(fileID))).status).toBe(200);
});

test('a link with a changed signature, path or expiry, or none at all, opens nothing', async () => {
  await upload('request-photos/a/b/other.png');
  const url = new URL(await urlOf(await upload('request-photos/a/b/signed.png')));
  const statusOf = (change: (u: URL) => void) => {
    const copy = new URL(url);
    change(copy);
    return fetch(copy).then((r) => r.status);
  };
  expect(await statusOf(() => undefined)).toBe(200);
  expect(await statusOf((u) => u.searchParams.set('sign', '0'.repeat(64)))).toBe(403);
  expect(await statusOf((u) => u.searchParams.set('t', String(Number(u.searchParams.get('t')) + 3600)))).toBe(403);
  expect(await statusOf((u) => (u.pathname = u.pathname.replace('signed.png', 'other.png')))).toBe(403);
  expect(await statusOf((u) => (u.search = ''))).toBe(403);
});

test('a link stops working after its maxAge', async () => {
  const url = await urlOf(await upload('request-photos/a/b/brief.png'), 1);
  await new Promise((r) => setTimeout(r, 1100));
  expect((await fetch(url)).status).toBe(403);
});

test('a path that leaves the storage folder is refused and writes nothing', async () => {
  const before = filesUnder(dataDir);
  for (const cloudPath of ['../escape.png', 'a/../../escape.png', '/abs.png', 'a//b.png', 'a\\b.png', './a.png', 'a/', '']) {
    expect(await sdkError(app.uploadFile({ cloudPath, fileContent: PNG }))).toMatchObject({ code: 'INVALID_PARAM' });
  }
  // A hand-made upload straight to the storage URL cannot climb out either.
  const bucketUrl = new URL(await urlOf(await upload('request-photos/a/b/anchor.png')));
  const bucketPath = bucketUrl.pathname.split('/').slice(0, 3).join('/');
  const put = await fetch(`${bucketUrl.origin}${bucketPath}/..%2F..%2F..%2Fescape.png`, { method: 'PUT', body: PNG });
  expect(put.status).toBe(404);
  const written = filesUnder(dataDir).filter((f) => !before.includes(f));
  expect(written.map((f) => relative(dataDir, f))).toEqual([join('storage', 'local-test', 'request-photos', 'a', 'b', 'anchor.png')]);
  for (const outside of [dirname(dataDir), dataDir, join(dataDir, 'storage')]) expect(existsSync(join(outside, 'escape.png'))).toBe(false);
});

test('a deleted file is gone: its link 404s, a new link and downloadFile report it missing', async () => {
  const fileID = await upload('request-photos/a/b/gone.png');
  const url = await urlOf(fileID);
  expect((await app.deleteFile({ fileList: [fileID] })).fileList).toEqual([{ fileID, code: 'SUCCESS' }]);
  expect((await fetch(url)).status).toBe(404);
  expect(await linkTo(fileID)).toMatchObject({ fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' });
  expect(await sdkError(app.downloadFile({ fileID }))).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  expect((await app.deleteFile({ fileList: [fileID] })).fileList).toEqual([{ fileID, code: 'STORAGE_FILE_NONEXIST', message: expect.any(String) }]);
});

test('each file in a batch gets its own code; file IDs of other environments or shapes are unknown', async () => {
  const kept = await upload('request-photos/a/b/kept-in-batch.png');
  const strangers = ['cloud://other-env.6f74-other-env-1250000000/request-photos/a/b/kept-in-batch.png', 'cloud://local-test.bucket/x.png', 'not-a-file-id'];
  const { fileList } = await app.getTempFileURL({ fileList: [kept, ...strangers].map((fileID) => ({ fileID, maxAge: 60 })) });
  expect(fileList.map((f) => f.code)).toEqual(['SUCCESS', 'STORAGE_FILE_NONEXIST', 'STORAGE_FILE_NONEXIST', 'STORAGE_FILE_NONEXIST']);
  const deleted = await app.deleteFile({ fileList: [...strangers, kept] });
  expect(deleted.fileList.map((f) => [f.fileID, f.code])).toEqual([...strangers.map((id) => [id, 'STORAGE_FILE_NONEXIST']), [kept, 'SUCCESS']]);
});

test('an upload over 10 MB is refused with a clear error and stores nothing', async () => {
  const error = await sdkError(app.uploadFile({ cloudPath: 'request-photos/a/b/huge.png', fileContent: Buffer.alloc(10 * 1024 * 1024 + 1) }));
  expect(error).toMatchObject({ code: 'STORAGE_REQUEST_FAIL' });
  expect(error.message).toMatch(/EntityTooLarge.*10485760/);
  const hugeId = (await upload('request-photos/a/b/small.png')).replace('small.png', 'huge.png');
  expect(await linkTo(hugeId)).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
});

test('storage calls are counted by action, apart from database round trips', async () => {
  server.stats.reset();
  const fileID = await upload('request-photos/a/b/counted.png');
  await app.downloadFile({ fileID });
  await app.deleteFile({ fileList: [fileID] });
  expect(server.stats.snapshot()).toEqual({
    database: 0,
    byAction: { 'storage.getUploadMetadata': 1, 'storage.batchGetDownloadUrl': 1, 'storage.batchDeleteFile': 1 },
  });
});

test('files survive a restart of the server; links from before it do not', async () => {
  const fileID = await upload('request-photos/a/b/kept.png');
  const oldUrl = await urlOf(fileID);
  await server.close();
  await start();
  expect(await downloaded(fileID)).toEqual(PNG);
  const fresh = new URL(await urlOf(fileID));
  const stale = new URL(oldUrl);
  stale.host = fresh.host;
  expect((await fetch(stale)).status).toBe(403);
});
