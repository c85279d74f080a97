import { Text, View } from '@tarojs/components';
import type { TimelineEntryView } from '@core/actions';
import { formatTime, timelineLabel } from '@/utils/format';
import './Timeline.css';

/** A request's steps and messages, newest last; the team also sees why the system routed it as it did. */
export function Timeline({ entries, audience }: { entries: TimelineEntryView[]; audience: 'resident' | 'team' }) {
  return (
    <View className='timeline'>
      {entries.map((e, index) => (
        <View key={`${e.type}-${e.at}-${index}`} className='timeline__item'>
          <View className='timeline__dot' />
          <View>
            <Text className='timeline__label'>{timelineLabel(e, audience)}</Text>
            <Text className='muted'>{formatTime(e.at)}</Text>
            {e.text && <Text className={`timeline__text ${e.type === 'note' ? 'timeline__text--note' : ''}`}>{e.text}</Text>}
            {audience === 'team' && e.reason && <Text className='timeline__reason'>{e.reason}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
