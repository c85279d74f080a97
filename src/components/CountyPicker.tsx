/** Finding a point without location: choose the county, then the community (the point) in it. */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { PointSummary } from '@core/actions';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { Empty, StateView } from '@/components/StateView';
import { useAction } from '@/hooks/useAction';
import './CountyPicker.css';

function counties(points: PointSummary[]): { code: string; name: string; points: PointSummary[] }[] {
  const byCode = new Map<string, { code: string; name: string; points: PointSummary[] }>();
  for (const p of points) {
    const county = byCode.get(p.countyCode) ?? { code: p.countyCode, name: p.countyName, points: [] };
    county.points.push(p);
    byCode.set(p.countyCode, county);
  }
  return [...byCode.values()];
}

export function CountyPicker({ onOpen }: { onOpen: (code: string) => void }) {
  const { state, reload } = useAction('resident', 'listPoints', {});
  const [countyCode, setCountyCode] = useState('');
  return (
    <StateView state={state} onRetry={reload}>
      {(points) => {
        const list = counties(points);
        if (list.length === 0) return <Empty text='暂时还没有开放的联系点' />;
        const chosen = list.find((c) => c.code === countyCode);
        return (
          <View>
            <Text className='field__label'>1. 选择县（区）</Text>
            <ChoiceGroup label='县区' options={list.map((c) => ({ value: c.code, text: c.name }))} value={countyCode} onChange={setCountyCode} />
            {chosen && (
              <View className='county-picker__points'>
                <Text className='field__label'>2. 选择社区（村）联系点</Text>
                {chosen.points.map((p) => (
                  <View key={p.id} className='list-item' hoverClass='list-item--hover' onClick={() => onOpen(p.code)}>
                    <Text className='home__point-name'>{p.name}</Text>
                    <Text className='muted'>{p.address}</Text>
                  </View>
                ))}
              </View>
            )}
          </View>
        );
      }}
    </StateView>
  );
}
