/**
 * `scheduler`: started by its timer trigger (config.json), never by a person. The trigger's event carries the time it
 * fired (`Time`), which is the clock the jobs use, so a test can fire it at any moment it likes.
 * https://docs.cloudbase.net/cloud-function/timer-trigger
 */
import { callerOpenid } from '../../backend/cloudbase';
import { fail, ok, type Envelope } from '../../core/envelope';
import { runScheduledJobs } from '../../backend/scheduler';

export async function main(event: unknown): Promise<Envelope<unknown>> {
  if (callerOpenid()) return fail('Forbidden', '这个云函数只由定时触发器调用');
  const fired = (event as { Time?: unknown } | null)?.Time;
  const now = typeof fired === 'string' && !Number.isNaN(Date.parse(fired)) ? new Date(fired) : new Date();
  try {
    return ok(await runScheduledJobs(now));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    console.error('[scheduler] failed', typeof code === 'string' ? code : (error as Error)?.name ?? 'Error');
    return fail('Internal', '定时任务没有完成，将在下次触发时继续');
  }
}
