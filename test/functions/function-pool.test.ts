/**
 * The host's function pool gives every invocation the environment CloudBase would: the caller's identity, read at any
 * time during the call, is that call's own, and nothing is left over from the previous call in the same worker.
 * A probe function reads its identity before and after waiting, so a shared or stale environment shows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FunctionPool } from '../../local/host/function-pool';
import { tempDataDir } from '../support/local';

const workerFile = join(__dirname, '..', '..', 'build', 'local', 'function-worker.js');

function probeFunctionsRoot(): string {
  const root = tempDataDir('functions');
  mkdirSync(join(root, 'probe'));
  writeFileSync(
    join(root, 'probe', 'index.js'),
    `exports.main = async (event) => {
      const before = process.env.WX_OPENID;
      await new Promise((resolve) => setTimeout(resolve, event.waitMs));
      return { before, after: process.env.WX_OPENID, trigger: process.env.TRIGGER_SRC };
    };`,
  );
  writeFileSync(join(root, 'probe', 'config.json'), JSON.stringify({ timeout: 1 }));
  return root;
}

const newPool = (size: number) => new FunctionPool({ workerFile, functionsRoot: probeFunctionsRoot(), size, baseEnv: {}, appId: 'wx-test' });

test('concurrent callers each keep their own identity through the whole call', async () => {
  const pool = newPool(2);
  try {
    const callers = Array.from({ length: 8 }, (_, i) => `caller-${i}`);
    // Later callers wait less, so calls overlap and a shared environment would be overwritten mid-call.
    const replies = await Promise.all(callers.map((openid, i) => pool.invoke('probe', { waitMs: 80 - i * 10 }, { openid })));
    replies.forEach((reply, i) => {
      expect(reply).toMatchObject({ ok: true, result: { before: callers[i], after: callers[i] } });
    });
  } finally {
    await pool.close();
  }
});

test("a timer invocation has no caller, even in the worker that just ran someone's call", async () => {
  const pool = newPool(1);
  try {
    expect(await pool.invoke('probe', { waitMs: 0 }, { openid: 'caller-a' })).toMatchObject({ ok: true, result: { before: 'caller-a' } });
    const timer = await pool.invoke('probe', { waitMs: 0 }, { trigger: 'timer' });
    expect(timer).toEqual({ id: expect.any(Number), ok: true, result: { trigger: 'timer' } });
  } finally {
    await pool.close();
  }
});

test("a call past the function's configured timeout fails, and a fresh worker takes the next call", async () => {
  const pool = newPool(1);
  try {
    expect(await pool.invoke('probe', { waitMs: 2000 }, { openid: 'slow' })).toMatchObject({ ok: false, error: 'FunctionTimeout' });
    expect(await pool.invoke('probe', { waitMs: 0 }, { openid: 'next' })).toMatchObject({ ok: true, result: { before: 'next', after: 'next' } });
  } finally {
    await pool.close();
  }
});
