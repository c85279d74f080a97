import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { ActionInput, ActionName, FunctionName } from '@core/actions';
import { useAction } from './useAction';

/** A list screen: loads on open, reloads when she comes back to it, and on pull-down. */
export function useListScreen<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: ActionInput<F, A>) {
  const loaded = useAction(fn, action, input);
  useDidShow(() => {
    if (loaded.state.status !== 'loading') void loaded.reload();
  });
  usePullDownRefresh(() => {
    void loaded.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return loaded;
}
