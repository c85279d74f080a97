/** Cloud storage in the local server, through the unmodified SDK: upload, temporary links, download, delete. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startCloudbaseServer, type CloudbaseServer } from '../../local/cloudbase-server';
import { tempDataDir, useLocalSdkEnvironment } from '../support/local';

const dataDir = tempDataDir('storage');
let server: CloudbaseServer;
let app: ReturnType<typeof tcb.init>;
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  server = await startCloudbaseServer({ dataDir });
  useLocalSdkEnvironment(server.url);
  app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
});
afterAll(() => server.close());

const linkTo = async (fileID: string, maxAge = 60) => (await app.getTempFileURL({ fileList: [{ fileID, maxAge }] })).fileList[0];

test('an uploaded file comes back through a temporary link, with its type, and through downloadFile', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'request-photos/a/b/photo.png', fileContent: PHOTO });
  expect(fileID).toBe('cloud://local.local-bucket/request-photos/a/b/photo.png');
  const link = await linkTo(fileID);
  expect(link).toMatchObject({ fileID, code: 'SUCCESS' });
  const response = await fetch(link?.tempFileURL ?? '');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await response.arrayBuffer()).equals(PHOTO)).toBe(true);
  expect(Buffer.from((await app.downloadFile({ fileID })).fileContent ?? '').equals(PHOTO)).toBe(true);
});

test('a link with a changed signature, path or expiry opens nothing', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'request-photos/a/b/signed.png', fileContent: PHOTO });
  const url = new URL((await linkTo(fileID))?.tempFileURL ?? '');
  const tampered = (change: (u: URL) => void) => {
    const copy = new URL(url);
    change(copy);
    return fetch(copy).then((r) => r.status);
  };
  expect(await tampered((u) => u.searchParams.set('sign', '0'.repeat(64)))).toBe(403);
  expect(await tampered((u) => u.searchParams.set('expires', String(Date.now() + 10 ** 9)))).toBe(403);
  expect(await tampered((u) => (u.pathname = u.pathname.replace('signed.png', 'photo.png')))).toBe(403);
  const expired = new URL((await linkTo(fileID, 1))?.tempFileURL ?? '');
  await new Promise((r) => setTimeout(r, 1100));
  expect((await fetch(expired)).status).toBe(403);
});

test('a path that leaves the storage folder is refused and writes nothing', async () => {
  for (const cloudPath of ['../escape.png', 'a/../../escape.png', '/abs.png', 'a//b.png', 'a\\b.png']) {
    await expect(app.uploadFile({ cloudPath, fileContent: PHOTO })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  }
  expect(readdirSync(dataDir).filter((f) => f.includes('escape'))).toEqual([]);
  expect(existsSync(join(dataDir, 'escape.png'))).toBe(false);
});

test('a deleted file is gone: its link 404s and a new link reports it missing', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'request-photos/a/b/gone.png', fileContent: PHOTO });
  const url = (await linkTo(fileID))?.tempFileURL ?? '';
  expect((await app.deleteFile({ fileList: [fileID] })).fileList).toEqual([{ fileID, code: 'SUCCESS' }]);
  expect((await fetch(url)).status).toBe(404);
  expect(await linkTo(fileID)).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  expect((await app.deleteFile({ fileList: [fileID] })).fileList).toEqual([{ fileID, code: 'STORAGE_FILE_NONEXIST' }]);
});

test('files survive a restart of the server', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'request-photos/a/b/kept.png', fileContent: PHOTO });
  await server.close();
  server = await startCloudbaseServer({ dataDir });
  useLocalSdkEnvironment(server.url);
  app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  expect(Buffer.from((await app.downloadFile({ fileID })).fileContent ?? '').equals(PHOTO)).toBe(true);
});
