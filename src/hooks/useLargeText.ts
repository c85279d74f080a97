import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';

const STORAGE_KEY = 'large-text';
const CHANGED = 'large-text-changed';

const read = (): boolean => {
  try {
    return Taro.getStorageSync(STORAGE_KEY) === true;
  } catch {
    return false;
  }
};

/** Large-text mode: one switch, remembered on the phone, applied to every screen (pages re-read it when shown). */
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [large, setLarge] = useState(read);
  useDidShow(() => setLarge(read()));
  // The switch and every Screen on the page each hold the setting; a change reaches them all at once.
  useEffect(() => {
    const follow = (on: boolean) => setLarge(on);
    Taro.eventCenter.on(CHANGED, follow);
    return () => {
      Taro.eventCenter.off(CHANGED, follow);
    };
  }, []);
  const set = useCallback((on: boolean) => {
    try {
      Taro.setStorageSync(STORAGE_KEY, on);
    } catch {
      // Storage unavailable: the setting lasts for this screen only.
    }
    Taro.eventCenter.trigger(CHANGED, on);
  }, []);
  return [large, set];
}
