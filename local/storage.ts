/**
 * Cloud storage as @cloudbase/node-sdk 3.x uses it: `storage.getUploadMetadata` answers a COS-style upload URL and
 * authorization, the SDK PUTs the bytes there, `storage.batchGetDownloadUrl` answers temporary links and
 * `storage.batchDeleteFile` removes files. Files are kept under `<dataDir>/storage/<env>/<cloudPath>`. Links carry an
 * expiry and an HMAC made with a secret that lives only as long as the server, so a file ID alone opens nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve, sep } from 'node:path';

export const UPLOAD_BYTES_MAX = 10 * 1024 * 1024;
/** COS's pre-signed upload authorizations are short-lived too. */
const UPLOAD_AUTH_SECONDS = 10 * 60;
/** What CloudBase gives a link when the caller passes a bare file ID (no maxAge). */
const DEFAULT_LINK_SECONDS = 24 * 3600;
/** The SDK's own rule for environment IDs. */
const ENV_PATTERN = /^[a-z0-9_-]{1,40}$/;
/** Whatever the host OS would read specially, or what a link could not carry unambiguously through `encodeURI`. */
const UNSAFE_PATH_CHARS = /[\u0000-\u001f\u007f\\%#?]/;

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

const FILE_NONEXIST = { code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exist' };

export class StorageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A cloud path is relative with plain segments: no `..` or `.`, no backslashes, no empty segments. */
export function checkCloudPath(path: unknown): string {
  if (typeof path !== 'string' || path.length === 0) throw new StorageError('INVALID_PARAM', 'cloudPath is required');
  if (Buffer.byteLength(path) > 850) throw new StorageError('INVALID_PARAM', 'cloudPath is longer than 850 bytes');
  const segments = path.split('/');
  if (UNSAFE_PATH_CHARS.test(path) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new StorageError('INVALID_PARAM', `cloudPath ${JSON.stringify(path)} is not allowed`);
  }
  return path;
}

/** CloudBase names an environment's bucket `<hex of the env's first two letters>-<env>-<app id>`. */
const bucketOf = (env: string) => `${Buffer.from(env.slice(0, 2)).toString('hex')}-${env}-1250000000`;

const envOf = (params: Record<string, unknown>): string => {
  const env = typeof params.envName === 'string' && params.envName ? params.envName : 'local';
  if (!ENV_PATTERN.test(env)) throw new StorageError('INVALID_PARAM', `env ${env} is not a valid environment id`);
  return env;
};

const sniffType = (bytes: Buffer): string | undefined => {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (/^GIF8[79]a/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
};

const nowSeconds = () => Date.now() / 1000;

export class LocalStorage {
  private readonly root: string;
  private readonly secret = randomBytes(32);

  constructor(
    dataDir: string,
    private readonly baseUrl: () => string,
    /** Sees each upload PUT's headers, so the wire-shape test can pin them as it pins the `/admin` calls. */
    private readonly observe?: (params: Record<string, unknown>) => void,
  ) {
    this.root = join(dataDir, 'storage');
    mkdirSync(join(this.root, '.uploads'), { recursive: true });
  }

  private fileOf(env: string, cloudPath: string): string {
    const envRoot = join(this.root, env);
    const file = resolve(envRoot, checkCloudPath(cloudPath));
    if (!file.startsWith(envRoot + sep)) throw new StorageError('INVALID_PARAM', 'cloudPath leaves the storage folder');
    return file;
  }

  private isFile(file: string): boolean {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  }

  /** The env's path of a file ID of this env's bucket; undefined for any other file ID. */
  private pathOf(env: string, fileId: unknown): string | undefined {
    const prefix = `cloud://${env}.${bucketOf(env)}/`;
    if (typeof fileId !== 'string' || !fileId.startsWith(prefix)) return undefined;
    try {
      return checkCloudPath(fileId.slice(prefix.length));
    } catch {
      return undefined;
    }
  }

  private sign(method: 'GET' | 'PUT', bucket: string, cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${method}\n${bucket}/${cloudPath}\n${expires}`).digest('hex');
  }

  private signatureHolds(method: 'GET' | 'PUT', bucket: string, cloudPath: string, expires: number, signature: string): boolean {
    if (!Number.isInteger(expires)) return false;
    const expected = Buffer.from(this.sign(method, bucket, cloudPath, expires), 'hex');
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The raw path, as CloudBase's links carry it: the SDK runs `encodeURI` over a link before fetching it. */
  private objectUrl(bucket: string, cloudPath: string): string {
    return `${this.baseUrl()}/__storage/${bucket}/${cloudPath}`;
  }

  /** Answers the storage `/admin` actions; undefined when the action is not one of them. */
  handleAction(action: string, params: Record<string, any>): Record<string, unknown> | undefined {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const env = envOf(params);
        const cloudPath = checkCloudPath(params.path);
        this.fileOf(env, cloudPath);
        const bucket = bucketOf(env);
        const expires = Math.floor(nowSeconds()) + UPLOAD_AUTH_SECONDS;
        return {
          data: {
            url: this.objectUrl(bucket, cloudPath),
            token: randomBytes(16).toString('hex'),
            authorization: `t=${expires}&sign=${this.sign('PUT', bucket, cloudPath, expires)}`,
            fileId: `cloud://${env}.${bucket}/${cloudPath}`,
            cosFileId: randomBytes(16).toString('hex'),
          },
        };
      }
      case 'storage.batchGetDownloadUrl': {
        const env = envOf(params);
        const bucket = bucketOf(env);
        const list = Array.isArray(params.file_list) ? (params.file_list as { fileid?: unknown; max_age?: unknown }[]) : [];
        return {
          data: {
            download_list: list.map(({ fileid, max_age }) => {
              const cloudPath = this.pathOf(env, fileid);
              if (!cloudPath || !this.isFile(this.fileOf(env, cloudPath))) return { fileID: fileid, tempFileURL: '', ...FILE_NONEXIST };
              const seconds = typeof max_age === 'number' && max_age > 0 ? Math.floor(max_age) : DEFAULT_LINK_SECONDS;
              const expires = Math.floor(nowSeconds()) + seconds;
              const link = `${this.objectUrl(bucket, cloudPath)}?sign=${this.sign('GET', bucket, cloudPath, expires)}&t=${expires}`;
              return { fileID: fileid, tempFileURL: link, code: 'SUCCESS' };
            }),
          },
        };
      }
      case 'storage.batchDeleteFile': {
        const env = envOf(params);
        const list = Array.isArray(params.fileid_list) ? (params.fileid_list as unknown[]) : [];
        return {
          data: {
            delete_list: list.map((fileID) => {
              const cloudPath = this.pathOf(env, fileID);
              const file = cloudPath ? this.fileOf(env, cloudPath) : undefined;
              if (!file || !this.isFile(file)) return { fileID, ...FILE_NONEXIST };
              rmSync(file);
              this.pruneEmptyFolders(dirname(file), join(this.root, env));
              return { fileID, code: 'SUCCESS' };
            }),
          },
        };
      }
      default:
        return undefined;
    }
  }

  /** Empty folders left by deletes would otherwise block a later file of the same name. */
  private pruneEmptyFolders(folder: string, envRoot: string): void {
    for (let dir = folder; dir.startsWith(envRoot + sep); dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        return;
      }
    }
  }

  /** Serves the upload PUT and the link GET/HEAD under `/__storage/<bucket>/<cloudPath>`; false for other paths. */
  async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = /^\/__storage\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!match) return false;
    const bucket = match[1] as string;
    const env = /^[0-9a-f]*-(.+)-1250000000$/.exec(bucket)?.[1] ?? '';
    let cloudPath: string;
    let file: string;
    try {
      if (!ENV_PATTERN.test(env) || bucketOf(env) !== bucket) throw new StorageError('NoSuchBucket', 'no such bucket');
      cloudPath = decodeURIComponent(match[2] as string);
      file = this.fileOf(env, cloudPath);
    } catch {
      await drain(req);
      return refuse(res, 404, 'NoSuchKey', 'no such object');
    }

    if (req.method === 'PUT') return this.receiveUpload(req, res, bucket, cloudPath, file);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      await drain(req);
      return refuse(res, 405, 'MethodNotAllowed', 'method not allowed');
    }

    const expires = Number(url.searchParams.get('t'));
    if (!this.signatureHolds('GET', bucket, cloudPath, expires, url.searchParams.get('sign') ?? '')) {
      return refuse(res, 403, 'AccessDenied', 'the link is not signed for this file');
    }
    const left = Math.floor(expires - nowSeconds());
    if (left < 0) return refuse(res, 403, 'AccessDenied', 'the link has expired');
    if (!this.isFile(file)) return refuse(res, 404, 'NoSuchKey', 'no such object');
    const bytes = readFileSync(file);
    const type = CONTENT_TYPES[cloudPath.split('.').pop()?.toLowerCase() ?? ''] ?? sniffType(bytes) ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-length': bytes.length,
      // The link is the credential: only the one who holds it may keep a copy, and only while it is valid.
      'cache-control': `private, max-age=${left}`,
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
    return true;
  }

  private async receiveUpload(req: IncomingMessage, res: ServerResponse, bucket: string, cloudPath: string, file: string): Promise<true> {
    const { host: _h, connection: _c, 'transfer-encoding': _t, 'content-length': _l, ...headers } = req.headers;
    this.observe?.({ action: 'cos.putObject', ...headers });
    const auth = new URLSearchParams(String(req.headers.authorization ?? ''));
    const expires = Number(auth.get('t'));
    // Read the whole body even when refusing it: answering mid-upload would reset the SDK's connection instead.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= UPLOAD_BYTES_MAX) chunks.push(chunk as Buffer);
    }
    if (!this.signatureHolds('PUT', bucket, cloudPath, expires, auth.get('sign') ?? '')) {
      return refuse(res, 403, 'SignatureDoesNotMatch', 'the upload authorization does not match this file');
    }
    if (expires < nowSeconds()) return refuse(res, 403, 'AccessDenied', 'the upload authorization has expired');
    if (size > UPLOAD_BYTES_MAX) {
      return refuse(res, 400, 'EntityTooLarge', `the file has ${size} bytes; the local server takes at most ${UPLOAD_BYTES_MAX}`);
    }
    // Written aside and renamed, so a reader never sees half a file.
    const part = join(this.root, '.uploads', randomBytes(8).toString('hex'));
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(part, Buffer.concat(chunks));
      renameSync(part, file);
    } catch (error) {
      rmSync(part, { force: true });
      // COS keys are flat; on disk `a` and `a/b` cannot both exist.
      return refuse(res, 409, 'PathConflict', `cannot store ${cloudPath}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`);
    }
    res.writeHead(200, { 'content-length': 0 });
    res.end();
    return true;
  }
}

/** Answering before a request's body is read resets the connection under the client, so read it first. */
async function drain(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req);
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** COS answers errors as XML, which the SDK parses for Code, Message, RequestId and TraceId. */
function refuse(res: ServerResponse, status: number, code: string, message: string): true {
  const body =
    `<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>` +
    '<RequestId>local</RequestId><TraceId>local</TraceId></Error>';
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}
