/**
 * One function instance. CloudBase runs one invocation at a time per instance and hands the caller's identity over
 * in environment variables; this worker thread does the same with its own copy of process.env, so two callers are
 * never interleaved in one environment.
 */
import { parentPort } from 'node:worker_threads';
import { join } from 'node:path';

export interface InvocationMessage {
  id: number;
  functionsRoot: string;
  functionName: string;
  event: unknown;
  /** The invocation's context variables, as CloudBase sets them (WX_OPENID…, or TRIGGER_SRC for a timer). */
  contextEnv: Record<string, string>;
  requestId: string;
}

export type InvocationReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_CONTEXT_KEYS', 'TRIGGER_SRC'];

parentPort?.on('message', async (message: InvocationMessage) => {
  for (const key of CONTEXT_KEYS) delete process.env[key];
  Object.assign(process.env, message.contextEnv);
  let reply: InvocationReply;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn = require(join(message.functionsRoot, message.functionName, 'index.js')) as {
      main: (event: unknown, context: unknown) => Promise<unknown>;
    };
    const context = { request_id: message.requestId, function_name: message.functionName, function_version: '$LATEST', namespace: process.env.TCB_ENV };
    reply = { id: message.id, ok: true, result: await fn.main(message.event, context) };
  } catch (error) {
    reply = { id: message.id, ok: false, error: error instanceof Error ? error.name : 'Error' };
  }
  parentPort?.postMessage(reply);
});
