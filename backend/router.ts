/**
 * Each cloud function is a typed action router: `{ action, input }` in, one envelope out. Input is checked and its
 * free text passes the content check before anything is read; errors map to stable codes, and logs carry the action
 * and code, never personal data.
 */
import { ACTION_INPUTS, type ActionInput, type ActionName, type ActionOutput, type FunctionName } from '../core/actions';
import { ActionError, fail, ok, type Envelope } from '../core/envelope';
import { parseWithFreeText } from '../core/validate';
import type { ContentCheckOutcome } from '../core/domain';
import { callerOpenid } from './cloudbase';
import { checkFreeText } from './content-check';

export interface Caller {
  openid: string;
  /** How WeChat's content check judged the input's free text (absent when it had none). */
  contentCheck?: ContentCheckOutcome;
}

export type Handlers<F extends FunctionName> = {
  [A in ActionName<F>]: (input: ActionInput<F, A>, caller: Caller) => Promise<ActionOutput<F, A>>;
};

export function createMain<F extends FunctionName>(name: F, handlers: Handlers<F>) {
  const inputs = ACTION_INPUTS[name] as Record<string, (value: unknown, path: string) => unknown>;
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const { action, input } = (typeof event === 'object' && event !== null ? event : {}) as { action?: unknown; input?: unknown };
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(inputs, action)) {
      return fail('InvalidParameter', `未知的操作：${String(action).slice(0, 40)}`);
    }
    try {
      const openid = callerOpenid();
      if (!openid) throw new ActionError('Unauthorized', '请在微信中打开小程序后再试');
      const { value: checked, freeText } = parseWithFreeText(inputs[action] as never, input);
      // Before anything is read: a refused text writes nothing, whoever sent it.
      const contentCheck = await checkFreeText(openid, freeText);
      const handler = handlers[action as ActionName<F>] as (input: unknown, caller: Caller) => Promise<unknown>;
      return ok(await handler(checked, contentCheck ? { openid, contentCheck } : { openid }));
    } catch (error) {
      if (error instanceof ActionError) return fail(error.code, error.message, error.details);
      const code = (error as { code?: unknown } | null)?.code;
      console.error(`[${name}.${action}] failed`, typeof code === 'string' ? code : (error as Error)?.name ?? 'Error');
      return fail('Internal', '服务暂时不可用，请稍后再试');
    }
  };
}
