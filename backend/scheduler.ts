/**
 * The timer-triggered jobs. CloudBase retries a failed timer invocation, so every job is idempotent: run twice, it
 * does its work once.
 */
import { retryFailedPushes, type RetryRun } from './notify';

export interface SchedulerRun {
  at: string;
  pushRetries: RetryRun;
}

export async function runScheduledJobs(now: Date): Promise<SchedulerRun> {
  return { at: now.toISOString(), pushRetries: await retryFailedPushes(now) };
}
