/**
 * Cloud storage as the SDK's storage calls see it: `storage.getUploadMetadata` then a PUT of the bytes to the
 * returned URL (as to COS), `storage.batchGetDownloadUrl` (temporary links) and `storage.batchDeleteFile`. Files are
 * kept under `<dataDir>/storage/`; links carry an expiry and an HMAC signature, so a file ID alone opens nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve, sep } from 'node:path';

const BUCKET = 'local.local-bucket';
const UPLOAD_BYTES_MAX = 10 * 1024 * 1024;
/** Upload URLs from getUploadMetadata are good for this long, as COS's pre-signed ones are. */
const UPLOAD_LINK_MS = 10 * 60 * 1000;
const DEFAULT_LINK_SECONDS = 24 * 3600;

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

export class StorageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A cloud path is relative, with plain segments: no '..', no backslashes, no empty segments. */
export function checkCloudPath(path: unknown): string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 512) throw new StorageError('INVALID_PARAM', 'cloudPath is required');
  const segments = path.split('/');
  if (path.includes('\\') || path.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new StorageError('INVALID_PARAM', `cloudPath ${path} is not allowed`);
  }
  return path;
}

const pathOfFileId = (fileId: unknown): string | undefined => {
  if (typeof fileId !== 'string' || !fileId.startsWith(`cloud://${BUCKET}/`)) return undefined;
  try {
    return checkCloudPath(fileId.slice(`cloud://${BUCKET}/`.length));
  } catch {
    return undefined;
  }
};

export class LocalStorage {
  private readonly root: string;
  private readonly secret = randomBytes(32);

  constructor(
    dataDir: string,
    private readonly baseUrl: () => string,
  ) {
    this.root = join(dataDir, 'storage');
    mkdirSync(this.root, { recursive: true });
  }

  private fileOf(cloudPath: string): string {
    const file = resolve(this.root, cloudPath);
    if (!file.startsWith(this.root + sep)) throw new StorageError('INVALID_PARAM', 'cloudPath leaves the storage folder');
    return file;
  }

  private sign(purpose: string, cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${cloudPath}\n${expires}`).digest('hex');
  }

  private verify(purpose: string, cloudPath: string, expires: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(purpose, cloudPath, expires), 'hex');
    const given = Buffer.from(signature, 'hex');
    return Number.isFinite(expires) && expires >= Date.now() && given.length === expected.length && timingSafeEqual(given, expected);
  }

  private link(purpose: 'upload' | 'file', cloudPath: string, expires: number): string {
    const path = cloudPath.split('/').map(encodeURIComponent).join('/');
    return `${this.baseUrl()}/__storage/${purpose}/${path}?expires=${expires}&sign=${this.sign(purpose, cloudPath, expires)}`;
  }

  /** The `/admin` actions; undefined when the action is not a storage one. */
  handleAction(action: string, params: Record<string, any>): Record<string, unknown> | undefined {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = checkCloudPath(params.path);
        this.fileOf(cloudPath);
        return {
          data: {
            url: this.link('upload', cloudPath, Date.now() + UPLOAD_LINK_MS),
            token: 'local',
            authorization: 'local',
            fileId: `cloud://${BUCKET}/${cloudPath}`,
            cosFileId: cloudPath,
          },
        };
      }
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(params.file_list) ? (params.file_list as { fileid?: unknown; max_age?: unknown }[]) : [];
        return {
          data: {
            download_list: list.map(({ fileid, max_age }) => {
              const cloudPath = pathOfFileId(fileid);
              if (!cloudPath || !existsSync(this.fileOf(cloudPath))) return { fileID: fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
              const seconds = typeof max_age === 'number' && max_age > 0 ? max_age : DEFAULT_LINK_SECONDS;
              return { fileID: fileid, tempFileURL: this.link('file', cloudPath, Date.now() + seconds * 1000), code: 'SUCCESS' };
            }),
          },
        };
      }
      case 'storage.batchDeleteFile': {
        const list = Array.isArray(params.fileid_list) ? (params.fileid_list as unknown[]) : [];
        return {
          data: {
            delete_list: list.map((fileID) => {
              const cloudPath = pathOfFileId(fileID);
              const file = cloudPath ? this.fileOf(cloudPath) : undefined;
              if (!file || !existsSync(file)) return { fileID, code: 'STORAGE_FILE_NONEXIST' };
              rmSync(file);
              return { fileID, code: 'SUCCESS' };
            }),
          },
        };
      }
      default:
        return undefined;
    }
  }

  /** The upload PUT and the download GET; false when the request is not for storage. */
  async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = /^\/__storage\/(upload|file)\/(.+)$/.exec(url.pathname);
    if (!match) return false;
    const [, purpose, encoded] = match as unknown as [string, 'upload' | 'file', string];
    let cloudPath: string;
    try {
      cloudPath = checkCloudPath(encoded.split('/').map(decodeURIComponent).join('/'));
    } catch {
      return refuse(res, 400, 'InvalidArgument', 'bad path');
    }
    const expires = Number(url.searchParams.get('expires'));
    if (!this.verify(purpose, cloudPath, expires, url.searchParams.get('sign') ?? '')) return refuse(res, 403, 'AccessDenied', 'link expired or not signed');
    const file = this.fileOf(cloudPath);

    if (purpose === 'upload' && req.method === 'PUT') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > UPLOAD_BYTES_MAX) return refuse(res, 400, 'EntityTooLarge', `files are limited to ${UPLOAD_BYTES_MAX} bytes`);
        chunks.push(chunk as Buffer);
      }
      mkdirSync(dirname(file), { recursive: true });
      // Written whole then renamed, so a reader never sees half a file.
      writeFileSync(`${file}.part`, Buffer.concat(chunks));
      renameSync(`${file}.part`, file);
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return true;
    }
    if (purpose === 'file' && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!existsSync(file)) return refuse(res, 404, 'NoSuchKey', 'no such file');
      const bytes = readFileSync(file);
      const type = CONTENT_TYPES[cloudPath.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'cache-control': 'private, max-age=300' });
      res.end(req.method === 'HEAD' ? undefined : bytes);
      return true;
    }
    return refuse(res, 405, 'MethodNotAllowed', 'method not allowed');
  }
}

/** COS answers errors as XML, which the SDK parses. */
function refuse(res: ServerResponse, status: number, code: string, message: string): true {
  const body = `<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}
