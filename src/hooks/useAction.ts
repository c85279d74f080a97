import { useCallback, useEffect, useState } from 'react';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@core/actions';
import { ActionFailure, callAction } from '@/services/cloud';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: ActionFailure };

/** Loads an action's result for a screen; `input` null waits (e.g. until route params are known). */
export function useAction<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: ActionInput<F, A> | null) {
  const [state, setState] = useState<Loadable<ActionOutput<F, A>>>({ status: 'loading' });
  const key = JSON.stringify(input);

  const load = useCallback(async () => {
    if (input === null) return;
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', data: await callAction(fn, action, input) });
    } catch (error) {
      setState({ status: 'error', error: error instanceof ActionFailure ? error : new ActionFailure('Internal', '出了点问题，请稍后再试') });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fn, action, key]);

  useEffect(() => {
    void load();
  }, [load]);

  return { state, reload: load, setState };
}
