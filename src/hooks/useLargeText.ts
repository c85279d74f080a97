import { useCallback, useState } from 'react';
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
  const set = useCallback((on: boolean) => {
    try {
      Taro.setStorageSync(STORAGE_KEY, on);
    } catch {
      // Storage unavailable: the setting lasts for this screen only.
    }
    setLarge(on);
    Taro.eventCenter.trigger(CHANGED, on);
  }, []);
  return [large, set];
}
