/**
 * A labelled on/off row: the whole row (at least 44 px high) is the tap target, since WeChat's switch alone is only
 * 32 px high; the switch inside only shows the state.
 */
import type { ReactNode } from 'react';
import { Switch, Text, View } from '@tarojs/components';
import './SwitchRow.css';

export function SwitchRow({ label, checked, onChange, children }: { label: string; checked: boolean; onChange: (on: boolean) => void; children?: ReactNode }) {
  return (
    <View className='switch-row row' role='switch' aria-checked={checked} aria-label={label} onClick={() => onChange(!checked)}>
      <View className='switch-row__label'>{children ?? <Text className='field__label'>{label}</Text>}</View>
      <Switch className='switch-row__switch' checked={checked} color='#c8102e' />
    </View>
  );
}
