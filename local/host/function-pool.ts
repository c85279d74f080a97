/** Runs cloud functions in a pool of worker threads, one invocation at a time per worker, with a timeout each. */
import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InvocationMessage, InvocationReply } from './function-worker';

export interface Identity {
  openid?: string;
  /** Timer-triggered invocations have no caller. */
  trigger?: 'timer';
}

export interface PoolOptions {
  workerFile: string;
  functionsRoot: string;
  size: number;
  /** The SDK's endpoint and the rest of what CloudBase injects into every instance. */
  baseEnv: Record<string, string>;
  appId: string;
}

interface Job {
  message: Omit<InvocationMessage, 'id'>;
  timeoutMs: number;
  resolve: (reply: InvocationReply) => void;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; job: Job; timer: NodeJS.Timeout };
}

export class FunctionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly timeouts = new Map<string, number>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  invoke(functionName: string, event: unknown, identity: Identity): Promise<InvocationReply> {
    const contextEnv: Record<string, string> =
      identity.trigger === 'timer'
        ? { TRIGGER_SRC: 'timer' }
        : { WX_OPENID: identity.openid ?? '', WX_APPID: this.options.appId, WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID' };
    return new Promise((resolve) => {
      this.queue.push({
        message: { functionsRoot: this.options.functionsRoot, functionName, event, contextEnv, requestId: randomUUID() },
        timeoutMs: this.timeoutOf(functionName),
        resolve,
      });
      this.drain();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /** From the function's config.json, read once; CloudBase's default is 3 s. */
  private timeoutOf(functionName: string): number {
    let timeout = this.timeouts.get(functionName);
    if (timeout === undefined) {
      try {
        const config = JSON.parse(readFileSync(join(this.options.functionsRoot, functionName, 'config.json'), 'utf8')) as { timeout?: number };
        timeout = (config.timeout ?? 3) * 1000;
      } catch {
        timeout = 3000;
      }
      this.timeouts.set(functionName, timeout);
    }
    return timeout;
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.workerFile, { env: { ...process.env, ...this.options.baseEnv } });
    const slot: Slot = { worker };
    worker.on('message', (reply: InvocationReply) => {
      if (!slot.busy || slot.busy.id !== reply.id) return;
      clearTimeout(slot.busy.timer);
      const { job } = slot.busy;
      slot.busy = undefined;
      job.resolve(reply);
      this.drain();
    });
    worker.on('error', () => this.replace(slot, 'WorkerCrashed'));
    return slot;
  }

  /** A worker that timed out or crashed is replaced, as CloudBase starts a fresh instance. */
  private replace(slot: Slot, error: string): void {
    const busy = slot.busy;
    slot.busy = undefined;
    void slot.worker.terminate();
    if (busy) {
      clearTimeout(busy.timer);
      busy.job.resolve({ id: busy.id, ok: false, error });
    }
    if (this.closed) return;
    const index = this.slots.indexOf(slot);
    this.slots[index] = this.spawn();
    this.drain();
  }

  private drain(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const job = this.queue.shift() as Job;
      const id = this.nextId++;
      slot.busy = { id, job, timer: setTimeout(() => this.replace(slot, 'FunctionTimeout'), job.timeoutMs) };
      slot.worker.postMessage({ ...job.message, id });
    }
  }
}
