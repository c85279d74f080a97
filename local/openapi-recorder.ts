/**
 * Stands in for WeChat's open APIs (云调用) at the edge of the outside world. It answers as WeChat would and keeps
 * every call, so tests can assert on what was asked (for example: no request content in a notification).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import QRCode from 'qrcode';

export interface OpenApiCall {
  seq: number;
  at: string;
  apiName: string;
  /** The request data as the function sent it. */
  request: unknown;
}

export interface OpenApiReply {
  contentType: 'application/json' | 'image/png';
  body: Buffer | Record<string, unknown>;
}

/** WeChat names the same API by its SDK name or its path; calls are recorded under the SDK name. */
const API_ALIASES: Record<string, string> = {
  '/wxa/msg_sec_check': 'security.msgSecCheck',
  '/cgi-bin/message/subscribe/send': 'subscribeMessage.send',
  '/wxa/getwxacodeunlimit': 'wxacode.getUnlimited',
};

/** A failure WeChat would answer with, for tests of what the functions do then (e.g. 43101: the grant is gone). */
export interface OpenApiFault {
  apiName: string;
  errcode: number;
  /** Only calls for this user (`touser`) fail; all calls when left out. */
  touser?: string;
  /** How many calls fail before the API answers normally again. */
  times: number;
}

export class OpenApiRecorder {
  private calls: OpenApiCall[] = [];
  private seq = 0;
  private faults: OpenApiFault[] = [];

  constructor(
    private readonly options: {
      /** Words that make `security.msgSecCheck` answer "risky", as WeChat's content model would. */
      blockedWords: string[];
      /** A JSON-lines file that keeps the record across restarts. */
      logFile?: string;
    },
  ) {
    if (options.logFile && existsSync(options.logFile)) {
      this.calls = readFileSync(options.logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => {
          // A line cut short by a crash is skipped rather than stopping the host.
          try {
            return [JSON.parse(line) as OpenApiCall];
          } catch {
            return [];
          }
        });
      this.seq = this.calls.at(-1)?.seq ?? 0;
    }
  }

  injectFault(fault: OpenApiFault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  private takeFault(apiName: string, request: Record<string, unknown>): OpenApiFault | undefined {
    const fault = this.faults.find((f) => f.apiName === apiName && f.times > 0 && (!f.touser || f.touser === request.touser));
    if (fault) fault.times -= 1;
    return fault;
  }

  list(apiName?: string): OpenApiCall[] {
    return apiName ? this.calls.filter((c) => c.apiName === apiName) : [...this.calls];
  }

  async handle(rawApiName: string, request: Record<string, unknown>): Promise<OpenApiReply> {
    const apiName = API_ALIASES[rawApiName] ?? rawApiName;
    this.record(apiName, request);
    const fault = this.takeFault(apiName, request);
    if (fault) return { contentType: 'application/json', body: { errcode: fault.errcode, errmsg: `local fault ${fault.errcode}` } };
    switch (apiName) {
      case 'security.msgSecCheck':
        return { contentType: 'application/json', body: this.checkText(String(request.content ?? '')) };
      case 'subscribeMessage.send':
        return { contentType: 'application/json', body: { errcode: 0, errmsg: 'ok', msgid: this.seq } };
      case 'wxacode.getUnlimited': {
        const scene = String(request.scene ?? '');
        if (!scene || scene.length > 32) return { contentType: 'application/json', body: { errcode: 40169, errmsg: 'invalid length for scene' } };
        const page = String(request.page ?? 'pages/index/index');
        const png = await QRCode.toBuffer(`${page}?scene=${encodeURIComponent(scene)}`, {
          type: 'png',
          width: Number(request.width ?? 430),
          margin: 2,
          errorCorrectionLevel: 'M',
        });
        return { contentType: 'image/png', body: png };
      }
      default:
        return { contentType: 'application/json', body: { errcode: 48001, errmsg: `api unauthorized: ${apiName}` } };
    }
  }

  /** msgSecCheck v2 answers `suggest: pass | risky | review` with a label and the matched keyword. */
  private checkText(content: string): Record<string, unknown> {
    const hit = this.options.blockedWords.find((word) => word && content.includes(word));
    const result = hit ? { suggest: 'risky', label: 20001 } : { suggest: 'pass', label: 100 };
    return {
      errcode: 0,
      errmsg: 'ok',
      result,
      detail: [{ strategy: 'keyword', errcode: 0, ...result, ...(hit ? { keyword: hit } : {}) }],
      trace_id: `local-${this.seq}`,
    };
  }

  private record(apiName: string, request: unknown): void {
    const call: OpenApiCall = { seq: ++this.seq, at: new Date().toISOString(), apiName, request };
    this.calls.push(call);
    if (!this.options.logFile) return;
    // The file outlives the run: the text a woman wrote is kept in memory for the tests, not written to disk.
    const content = (request as { content?: unknown } | null)?.content;
    const kept = typeof content === 'string' ? { ...call, request: { ...(request as object), content: `（${Array.from(content).length} 字，未保存）` } } : call;
    appendFileSync(this.options.logFile, `${JSON.stringify(kept)}\n`);
  }
}
