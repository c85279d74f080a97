/** The functions' timer triggers (config.json `triggers`), fired by the local host on their cron schedules. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nextFire, parseCron } from '../cron';

interface TriggerConfig {
  name: string;
  type: string;
  config: string;
}

export function startTimerTriggers(functionsRoot: string, functionNames: string[], fire: (functionName: string, event: unknown) => Promise<unknown>): () => void {
  const timeouts = new Set<NodeJS.Timeout>();
  let stopped = false;
  for (const name of functionNames) {
    const configFile = join(functionsRoot, name, 'config.json');
    if (!existsSync(configFile)) continue;
    const triggers = ((JSON.parse(readFileSync(configFile, 'utf8')) as { triggers?: TriggerConfig[] }).triggers ?? []).filter((t) => t.type === 'timer');
    for (const trigger of triggers) {
      const schedule = parseCron(trigger.config);
      const arm = () => {
        if (stopped) return;
        const at = nextFire(schedule, new Date());
        const timeout = setTimeout(() => {
          timeouts.delete(timeout);
          // CloudBase's timer event: the trigger's name and the time it fired.
          void fire(name, { Type: 'Timer', TriggerName: trigger.name, Time: at.toISOString() }).catch(() => undefined).finally(arm);
        }, at.getTime() - Date.now());
        timeout.unref();
        timeouts.add(timeout);
      };
      arm();
    }
  }
  return () => {
    stopped = true;
    for (const timeout of timeouts) clearTimeout(timeout);
  };
}
