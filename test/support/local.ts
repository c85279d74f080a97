/** Helpers that start the real local server or host on a fresh temporary data directory. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCloudbaseServer, type CloudbaseServerOptions } from '../../local/cloudbase-server';
import { startHost, type HostOptions } from '../../local/host/server';

export const tempDataDir = (label: string) => mkdtempSync(join(tmpdir(), `zw-${label}-`));

export const startTestServer = (options: Partial<CloudbaseServerOptions> = {}) =>
  startCloudbaseServer({ dataDir: tempDataDir('server'), ...options });

/** Tests act as the same few women many times: the rate limits are raised unless a test sets them (abuse tests use 1). */
export const startTestHost = (options: Partial<HostOptions> = {}) => startHost({ dataDir: tempDataDir('host'), poolSize: 2, rateLimitFactor: 1000, ...options });

/** Points the unmodified SDK in this process at a local server, as the host does for each function worker. */
export function useLocalSdkEnvironment(url: string): void {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
    TCB_ENV: 'local-test',
    SCF_NAMESPACE: 'local-test',
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    SILENCE: 'true',
  });
}

/** The error an SDK call throws; fails the test if the call succeeds. */
export async function sdkError(work: Promise<unknown>): Promise<{ code?: string; message?: string }> {
  try {
    await work;
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  throw new Error('expected the SDK call to fail');
}
