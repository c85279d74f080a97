/**
 * The root of every screen: applies large-text mode, and on screens with private content shows a quick-exit control
 * that leaves at once to a neutral screen, with the way back cleared (reLaunch empties the page stack).
 */
import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useLargeText } from '@/hooks/useLargeText';
import './Screen.css';

export const NEUTRAL_SCREEN = '/pages/neutral/index';

export const quickExit = () => Taro.reLaunch({ url: NEUTRAL_SCREEN });

export function Screen({ className = '', quickExit: withQuickExit = false, children }: { className?: string; quickExit?: boolean; children: ReactNode }) {
  const [large] = useLargeText();
  return (
    <View className={`page ${large ? 'page--large' : ''} ${withQuickExit ? 'page--with-exit' : ''} ${className}`}>
      {withQuickExit && (
        <View className='quick-exit' role='button' aria-label='快速离开' hoverClass='quick-exit--hover' onClick={quickExit}>
          <Text>快速离开</Text>
        </View>
      )}
      {children}
    </View>
  );
}
