import { Text, View } from '@tarojs/components';
import type { TimelineEntryView } from '@core/actions';
import { formatTime, timelineLabel } from '@/utils/format';
import './Timeline.css';

/** A request's steps, newest last; the team also sees why the system routed it as it did. */
export function Timeline({ entries, audience }: { entries: TimelineEntryView[]; audience: 'resident' | 'team' }) {
  return (
    <View className='timeline'>
      {entries.map((e, index) => (
        <View key={`${e.type}-${e.at}-${index}`} className='timeline__item'>
          <View className='timeline__dot' />
          <View>
            <Text className='timeline__label'>{audience === 'team' ? teamLabel(e) : timelineLabel(e)}</Text>
            <Text className='muted'>{formatTime(e.at)}</Text>
            {audience === 'team' && e.reason && <Text className='timeline__reason'>{e.reason}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}

function teamLabel(e: TimelineEntryView): string {
  switch (e.type) {
    case 'submitted':
      return '居民提交诉求';
    case 'assigned':
      return `派给${e.actorRole ?? '团队成员'}`;
    case 'accepted':
      return `${e.actorRole ?? '团队成员'}已受理`;
  }
}
