import { Text, View } from '@tarojs/components';
import type { TimelineEntryView } from '@core/actions';
import { formatTime, shownTo, textShownTo, timelineLabel } from '@/utils/format';
import './Timeline.css';

/**
 * A request's steps and messages, newest last; the team also sees why the system routed it as it did, why it was
 * reassigned or transferred, and what an outside agency reported back.
 */
export function Timeline({ entries, audience }: { entries: TimelineEntryView[]; audience: 'resident' | 'team' }) {
  let assignedSeen = false;
  const rows = entries.map((entry, index) => {
    // A later assignment is a reassignment (改派, or routed again when a member left); after a transfer it is the
    // new point's own first assignment.
    const reassignment = entry.type === 'assigned' && assignedSeen && entries[index - 1]?.type !== 'transferred';
    if (entry.type === 'assigned') assignedSeen = true;
    return { entry, index, reassignment };
  });
  return (
    <View className='timeline'>
      {rows
        .filter(({ entry }) => shownTo(entry, audience))
        .map(({ entry: e, index, reassignment }) => (
          <View key={`${e.type}-${e.at}-${index}`} className='timeline__item'>
            <View className='timeline__dot' />
            <View>
              <Text className='timeline__label'>{timelineLabel(e, audience, reassignment)}</Text>
              <Text className='muted'>{formatTime(e.at)}</Text>
              {e.text && textShownTo(e, audience) && <Text className={`timeline__text ${e.type === 'note' ? 'timeline__text--note' : ''}`}>{e.text}</Text>}
              {audience === 'team' && e.reason && <Text className='timeline__reason'>{e.reason}</Text>}
            </View>
          </View>
        ))}
    </View>
  );
}
