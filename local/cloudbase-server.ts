/**
 * A local server that speaks the wire protocol of @cloudbase/node-sdk (one `POST /admin` per call, `{ action, … }`,
 * queries and documents as MongoDB Extended JSON strings), so the unmodified SDK in the functions talks to it through
 * its own endpoint setting (TCB_CONTEXT_CNFG's URL). The protocol is not documented: test/server/wire-shape pins it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EJSON } from 'bson';
import { COLLECTIONS } from '../core/schema';
import { DatabaseError, DocumentStore, type Doc } from './db/store';
import { OpenApiRecorder } from './openapi-recorder';
import { LocalStorage, StorageError } from './storage';

export interface CloudbaseServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  blockedWords?: string[];
  /** Sees every request's parameters as the SDK sent them, and each storage upload's headers (the wire-shape test uses it). */
  observe?: (params: Record<string, unknown>) => void;
}

export interface CloudbaseServer {
  url: string;
  port: number;
  store: DocumentStore;
  recorder: OpenApiRecorder;
  stats: RoundTripStats;
  close(): Promise<void>;
}

/** Counts calls per action: the number of database round trips is the server's real cost on CloudBase. */
export class RoundTripStats {
  private counts = new Map<string, number>();

  add(action: string): void {
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
  }

  snapshot(): { database: number; byAction: Record<string, number> } {
    const byAction = Object.fromEntries(this.counts);
    const database = [...this.counts].filter(([a]) => a.startsWith('database.')).reduce((sum, [, n]) => sum + n, 0);
    return { database, byAction };
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Words the local content check refuses by default, so the rejection path can be seen locally. */
export const DEFAULT_BLOCKED_WORDS = ['违禁词', '赌博', '代开发票'];

class ProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const parseEjson = (value: unknown): Doc => {
  if (value === undefined || value === null || value === '') return {};
  const parsed = typeof value === 'string' ? EJSON.parse(value, { relaxed: true }) : value;
  return resolveServerDates(parsed) as Doc;
};

/** `db.serverDate({ offset })` travels as `{ $tcb_server_date: { offset } }`; the server fills in its clock. */
function resolveServerDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveServerDates);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    if ('$tcb_server_date' in record) {
      const offset = Number((record.$tcb_server_date as { offset?: number } | null)?.offset ?? 0);
      return new Date(Date.now() + offset);
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, resolveServerDates(v)]));
  }
  return value;
}

const toEjson = (doc: Doc) => EJSON.stringify(doc, { relaxed: false });

type DatabaseHandler = (store: DocumentStore, params: Record<string, any>) => Record<string, unknown>;

const DATABASE_ACTIONS: Record<string, DatabaseHandler> = {
  'database.addCollection': (store, p) => {
    store.createCollection(String(p.collectionName));
    return { data: {} };
  },
  'database.getDocument': (store, p) => ({
    data: {
      list: store
        .find(
          p.collectionName,
          parseEjson(p.query),
          { sort: parseEjson(p.order), skip: p.offset, limit: p.limit, projection: parseEjson(p.projection) },
          p.transactionId,
        )
        .map(toEjson),
    },
  }),
  'database.calculateDocument': (store, p) => ({ data: { total: store.count(p.collectionName, parseEjson(p.query)) } }),
  'database.insertDocument': (store, p) => {
    const docs = (Array.isArray(p.data) ? p.data : [p.data]).map(parseEjson);
    return { data: { insertedIds: store.insert(p.collectionName, docs, p.transactionId) } };
  },
  'database.modifyDocument': (store, p) => {
    const { updated, upsertedId } = store.update(
      p.collectionName,
      parseEjson(p.query),
      parseEjson(p.data),
      { multi: Boolean(p.multi), upsert: Boolean(p.upsert), merge: p.merge !== false },
      p.transactionId,
    );
    return { data: { updated, ...(upsertedId ? { upsert_id: upsertedId } : {}) } };
  },
  'database.modifyAndReturnDoc': (store, p) => {
    const { updated, doc } = store.updateAndReturn(p.collectionName, parseEjson(p.query), parseEjson(p.data), p.transactionId);
    return { data: { updated, doc: doc ? toEjson(doc) : null } };
  },
  'database.removeDocument': (store, p) => ({
    data: { deleted: store.remove(p.collectionName, parseEjson(p.query), p.multi !== false, p.transactionId) },
  }),
  'database.aggregateDocuments': (store, p) => {
    const stages = (p.stages as { stageKey: string; stageValue: string }[]).map(({ stageKey, stageValue }) => ({
      [stageKey]: parseEjson(stageValue),
    }));
    return { data: { list: store.aggregate(p.collectionName, stages).map(toEjson) } };
  },
  'database.startTransaction': (store) => ({ transactionId: store.startTransaction() }),
  'database.commitTransaction': (store, p) => {
    store.commitTransaction(String(p.transactionId));
    return {};
  },
  'database.abortTransaction': (store, p) => {
    store.abortTransaction(String(p.transactionId));
    return {};
  },
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `callWxOpenApi` posts JSON; `callCompatibleWxOpenApi` (binary answers such as a code image) posts a form. */
async function readParams(req: IncomingMessage): Promise<Record<string, any>> {
  const body = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    const params: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) params[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer()).toString('utf8');
    return params;
  }
  return body.length ? (JSON.parse(body.toString('utf8')) as Record<string, any>) : {};
}

const sendJson = (res: ServerResponse, status: number, payload: unknown) => {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

export async function startCloudbaseServer(options: CloudbaseServerOptions): Promise<CloudbaseServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const store = new DocumentStore(join(options.dataDir, 'cloudbase.sqlite'));
  store.applySchema(COLLECTIONS);
  const recorder = new OpenApiRecorder({
    blockedWords: options.blockedWords ?? DEFAULT_BLOCKED_WORDS,
    logFile: join(options.dataDir, 'openapi-calls.jsonl'),
  });
  const stats = new RoundTripStats();
  let port = 0;
  const storage = new LocalStorage(options.dataDir, () => `http://127.0.0.1:${port}`, options.observe);

  const handleAdmin = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    let params: Record<string, any>;
    try {
      params = await readParams(req);
    } catch {
      sendJson(res, 200, { requestId, code: 'INVALID_PARAM', message: 'request body is not valid JSON' });
      return;
    }
    const action = String(params.action ?? '');
    stats.add(action);
    options.observe?.(params);
    try {
      const database = DATABASE_ACTIONS[action];
      if (database) {
        sendJson(res, 200, { requestId, ...database(store, params) });
        return;
      }
      const stored = storage.handleAction(action, params);
      if (stored) {
        sendJson(res, 200, { requestId, ...stored });
        return;
      }
      if (action === 'wx.api' || action === 'wx.openApi') {
        const requestData = params.requestData ? JSON.parse(String(params.requestData)) : {};
        const reply = await recorder.handle(String(params.apiName), requestData);
        if (action === 'wx.api') {
          const body = Buffer.isBuffer(reply.body) ? { buffer: reply.body.toString('base64'), contentType: reply.contentType } : reply.body;
          sendJson(res, 200, { requestId, data: { responseData: JSON.stringify(body) } });
        } else if (Buffer.isBuffer(reply.body)) {
          res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.body.length });
          res.end(reply.body);
        } else {
          sendJson(res, 200, reply.body);
        }
        return;
      }
      throw new ProtocolError('INVALID_ACTION', `action ${action} is not supported by the local server`);
    } catch (error) {
      if (error instanceof DatabaseError || error instanceof ProtocolError || error instanceof StorageError) {
        sendJson(res, 200, { requestId, code: error.code, message: error.message });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, 200, { requestId, code: action.startsWith('storage.') ? 'STORAGE_REQUEST_FAIL' : 'DATABASE_REQUEST_FAILED', message });
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'POST' && url.pathname === '/admin') {
      void handleAdmin(req, res);
    } else if (req.method === 'GET' && url.pathname === '/__local/stats') {
      sendJson(res, 200, stats.snapshot());
    } else if (req.method === 'POST' && url.pathname === '/__local/stats/reset') {
      stats.reset();
      sendJson(res, 200, {});
    } else if (req.method === 'GET' && url.pathname === '/__local/openapi-calls') {
      sendJson(res, 200, recorder.list(url.searchParams.get('apiName') ?? undefined));
    } else {
      storage.handleHttp(req, res, url).then(
        (handled) => {
          if (!handled) sendJson(res, 404, { code: 'NOT_FOUND', message: url.pathname });
        },
        (error: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { code: 'STORAGE_REQUEST_FAIL', message: error instanceof Error ? error.message : String(error) });
          else res.destroy();
        },
      );
    }
  });
  // Function workers keep connections alive; do not let an idle one hold the server open on close.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/admin`,
    port,
    store,
    recorder,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}
