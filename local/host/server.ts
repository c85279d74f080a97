/**
 * The local host: serves the H5 app, runs the cloud functions in isolated workers with each call's caller identity,
 * and hosts the CloudBase-protocol server they talk to. `npm start` runs it; tests start it in-process or as a child.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listCloudFunctions } from '../cloud-functions';
import { startCloudbaseServer, type CloudbaseServer } from '../cloudbase-server';
import { buildDemoData, type Persona } from '../seed/demo-data';
import { seedIfEmpty } from '../seed/seed';
import { FunctionPool, type Identity } from './function-pool';
import { PERSONA_BAR_SCRIPT } from './persona-bar';
import { startTimerTriggers } from './timers';

export interface HostOptions {
  dataDir: string;
  port?: number;
  h5Dir?: string;
  poolSize?: number;
  projectRoot?: string;
  /** Words the local content check refuses (default: DEFAULT_BLOCKED_WORDS). */
  blockedWords?: string[];
  /** Fire the functions' timer triggers on their schedules, as CloudBase does (tests fire them on demand instead). */
  timers?: boolean;
  /** Extra residents `load-resident-1` … `load-resident-N` for load and crash tests (not listed in the persona bar). */
  loadResidents?: number;
  /** Multiplies the per-woman rate limits, for tests that act as one woman many times (1: as deployed). */
  rateLimitFactor?: number;
}

export interface Host {
  url: string;
  cloudbase: CloudbaseServer;
  personas: Persona[];
  seeded: boolean;
  invoke(functionName: string, event: unknown, identity: Identity): Promise<unknown>;
  close(): Promise<void>;
}

export const LOCAL_APP_ID = 'wx-local-demo';
const PERSONA_COOKIE = 'persona';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

const sendJson = (res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) => {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
};

async function readJson(req: IncomingMessage, limitBytes = 6 * 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // CloudBase refuses synchronous payloads over 6 MB.
    if (size > limitBytes) throw new Error('payload too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

const cookie = (req: IncomingMessage, name: string): string | undefined =>
  (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];

export async function startHost(options: HostOptions): Promise<Host> {
  const projectRoot = options.projectRoot ?? resolve(__dirname, '../..');
  const h5Dir = options.h5Dir ?? join(projectRoot, 'dist/h5');
  const cloudbase = await startCloudbaseServer({ dataDir: options.dataDir, blockedWords: options.blockedWords });
  const demo = buildDemoData();
  const seeded = seedIfEmpty(cloudbase.store, demo);
  const loadResidents: Persona[] = Array.from({ length: options.loadResidents ?? 0 }, (_, i) => ({
    id: `load-resident-${i + 1}`,
    openid: `local-load-resident-${i + 1}`,
    label: `压测居民 ${i + 1}`,
    group: '居民',
    note: '',
  }));
  const personas = [...demo.personas, ...loadResidents];
  const personaById = new Map(personas.map((p) => [p.id, p]));
  const defaultPersona = personas[0] as Persona;

  const functionsRoot = join(projectRoot, 'cloudfunctions');
  const functionNames = new Set(listCloudFunctions(functionsRoot));
  const pool = new FunctionPool({
    workerFile: join(projectRoot, 'build/local/function-worker.js'),
    functionsRoot,
    size: options.poolSize ?? 4,
    appId: LOCAL_APP_ID,
    baseEnv: {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: cloudbase.url }),
      TCB_ENV: 'local-dev',
      SCF_NAMESPACE: 'local-dev',
      // Without TENCENTCLOUD the SDK probes a cloud metadata address before every call (STACK-NOTES.md).
      TENCENTCLOUD: 'true',
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      SILENCE: 'true',
      RATE_LIMIT_FACTOR: String(options.rateLimitFactor ?? 1),
    },
  });

  const invoke = async (functionName: string, event: unknown, identity: Identity) => {
    const reply = await pool.invoke(functionName, event, identity);
    if (reply.ok) return reply.result;
    return { ok: false, code: 'Internal', message: '服务暂时不可用，请稍后再试' };
  };

  const stopTimers = options.timers ? startTimerTriggers(functionsRoot, [...functionNames], (name, event) => invoke(name, event, { trigger: 'timer' })) : () => {};

  /** Each file's body as last served, plain and gzipped, with the modification time it was read at (a rebuild replaces it). */
  const staticCache = new Map<string, { mtimeMs: number; body: Buffer }>();
  const serveStatic = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(h5Dir, relative);
    if (!file.startsWith(h5Dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(h5Dir, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('H5 应用还没有构建：请运行 npm start');
      return;
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=300', vary: 'accept-encoding' };
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const key = `${file}:${gzip}`;
    const { mtimeMs } = statSync(file);
    const cached = staticCache.get(key);
    let body = cached?.mtimeMs === mtimeMs ? cached.body : undefined;
    if (!body) {
      let content: Buffer = readFileSync(file);
      if (file.endsWith('index.html')) {
        content = Buffer.from(content.toString('utf8').replace('</body>', '<script src="/__local/persona-bar.js" defer></script></body>'));
      }
      // On a village network the bytes decide the wait: scripts shrink about threefold.
      body = gzip ? gzipSync(content, { level: 9 }) : content;
      staticCache.set(key, { mtimeMs, body });
    }
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers);
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    try {
      const fnMatch = /^\/api\/functions\/([a-z]+)$/.exec(path);
      if (fnMatch && req.method === 'POST') {
        const name = fnMatch[1] as string;
        if (!functionNames.has(name)) return sendJson(res, 404, { ok: false, code: 'NotFound', message: `没有这个云函数：${name}` });
        const persona = personaById.get(cookie(req, PERSONA_COOKIE) ?? '') ?? defaultPersona;
        const event = await readJson(req);
        return sendJson(res, 200, await invoke(name, event, { openid: persona.openid }));
      }
      if (path === '/__local/personas' && req.method === 'GET') {
        const current = personaById.get(cookie(req, PERSONA_COOKIE) ?? '') ?? defaultPersona;
        return sendJson(res, 200, { current: current.id, personas: demo.personas.map(({ openid: _, ...p }) => p) });
      }
      if (path === '/__local/persona' && req.method === 'POST') {
        const { id } = (await readJson(req)) as { id?: string };
        if (!id || !personaById.has(id)) return sendJson(res, 400, { ok: false, code: 'InvalidParameter', message: '没有这个身份' });
        return sendJson(res, 200, { ok: true }, { 'set-cookie': `${PERSONA_COOKIE}=${id}; Path=/; SameSite=Lax` });
      }
      if (path === '/__local/persona-bar.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
        return res.end(PERSONA_BAR_SCRIPT);
      }
      if (path === '/__local/stats') return sendJson(res, 200, cloudbase.stats.snapshot());
      if (path === '/__local/openapi-calls') return sendJson(res, 200, cloudbase.recorder.list(url.searchParams.get('apiName') ?? undefined));
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, res, path);
      sendJson(res, 405, { ok: false, code: 'InvalidParameter', message: 'method not allowed' });
    } catch {
      sendJson(res, 400, { ok: false, code: 'InvalidParameter', message: '请求格式不正确' });
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolveListen);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/`,
    cloudbase,
    personas,
    seeded,
    invoke,
    close: async () => {
      stopTimers();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.close();
      await cloudbase.close();
    },
  };
}
