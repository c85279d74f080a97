/** Loading, empty and error states, the same on every screen. */
import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Loadable } from '@/hooks/useAction';
import './StateView.css';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='state state--loading' aria-busy='true'>
      <View className='state__spinner' />
      <Text>{text}</Text>
    </View>
  );
}

export function Empty({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <View className='state state--empty'>
      <Text>{text}</Text>
      {children}
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='state state--error' role='alert'>
      <Text>{message}</Text>
      {onRetry && (
        <Button className='btn btn--secondary' onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}

/** Renders the state of a load: a spinner, an error with retry, or the content. */
export function StateView<T>({ state, onRetry, children }: { state: Loadable<T>; onRetry: () => void; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={state.error.code === 'NotFound' ? undefined : onRetry} />;
  return <>{children(state.data)}</>;
}
