/**
 * Calls a cloud function action. In the mini-program this is `wx.cloud.callFunction`; the H5 build (local use and
 * browser tests) posts the same `{ action, input }` to the local host, which runs the same function.
 */
import Taro from '@tarojs/taro';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@core/actions';
import type { Envelope, ErrorCode } from '@core/envelope';

export type FailureCode = ErrorCode | 'Network';

export class ActionFailure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** What to tell her when an action failed: the function's own words, or `fallback` for anything else. */
export const failureText = (error: unknown, fallback = '没有成功，请稍后再试'): string => (error instanceof ActionFailure ? error.message : fallback);

async function send(fn: FunctionName, payload: { action: string; input: unknown }): Promise<Envelope<unknown>> {
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(`/api/functions/${fn}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    return (await response.json()) as Envelope<unknown>;
  }
  const { result } = await Taro.cloud.callFunction({ name: fn, data: payload });
  return result as Envelope<unknown>;
}

export async function callAction<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  let envelope: Envelope<unknown>;
  try {
    envelope = await send(fn, { action, input });
  } catch {
    throw new ActionFailure('Network', '网络不太稳定，请检查网络后重试');
  }
  if (!envelope || typeof envelope !== 'object') throw new ActionFailure('Internal', '服务暂时不可用，请稍后再试');
  if (!envelope.ok) throw new ActionFailure(envelope.code, envelope.message);
  return envelope.data as ActionOutput<F, A>;
}
