/** The functions' timer triggers (config.json `triggers`), fired by the local host on their cron schedules. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nextFire, parseCron } from '../cron';

interface TriggerConfig {
  name: string;
  type: string;
  config: string;
}

/** setTimeout's longest delay (about 24.8 days); a longer one fires after 1 ms. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function startTimerTriggers(functionsRoot: string, functionNames: string[], fire: (functionName: string, event: unknown) => Promise<unknown>): () => void {
  const timeouts = new Set<NodeJS.Timeout>();
  let stopped = false;
  for (const name of functionNames) {
    const configFile = join(functionsRoot, name, 'config.json');
    if (!existsSync(configFile)) continue;
    const triggers = ((JSON.parse(readFileSync(configFile, 'utf8')) as { triggers?: TriggerConfig[] }).triggers ?? []).filter((t) => t.type === 'timer');
    for (const trigger of triggers) {
      const schedule = parseCron(trigger.config);
      /** Waits until `at` (in steps: Node fires a longer timeout at once), then fires and arms the next. */
      const wait = (at: Date) => {
        if (stopped) return;
        const delay = at.getTime() - Date.now();
        const timeout = setTimeout(() => {
          timeouts.delete(timeout);
          if (delay > MAX_TIMEOUT_MS) return wait(at);
          // CloudBase's timer event: the trigger's name and the time it fired.
          void fire(name, { Type: 'Timer', TriggerName: trigger.name, Time: at.toISOString() }).catch(() => undefined).finally(arm);
        }, Math.min(delay, MAX_TIMEOUT_MS));
        timeout.unref();
        timeouts.add(timeout);
      };
      const arm = () => wait(nextFire(schedule, new Date()));
      arm();
    }
  }
  return () => {
    stopped = true;
    for (const timeout of timeouts) clearTimeout(timeout);
  };
}
