/** The team's inbox: what waits for her first, then what is in hand, then the rest of the point's requests. */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { InboxItem } from '@core/actions';
import { Empty, StateView } from '@/components/StateView';
import { RequestHeading } from '@/components/RequestHeading';
import { useListScreen } from '@/hooks/useListScreen';
import { formatTime } from '@/utils/format';

interface Section {
  title: string;
  items: InboxItem[];
}

export function inboxSections(items: InboxItem[]): Section[] {
  return [
    { title: '待我受理', items: items.filter((i) => i.assignedToMe && i.status === 'assigned') },
    { title: '我在办理', items: items.filter((i) => i.assignedToMe && i.status === 'accepted') },
    { title: '本联系点其他诉求', items: items.filter((i) => !i.assignedToMe) },
  ];
}

export default function Inbox() {
  const { state, reload } = useListScreen('team', 'inbox', {});

  return (
    <View className='page'>
      <StateView state={state} onRetry={reload}>
        {(items) =>
          items.length === 0 ? (
            <Empty text='暂时没有派给您的诉求' />
          ) : (
            inboxSections(items).map((section) => (
              <View key={section.title} className='card'>
                <Text className='card__title'>
                  {section.title}（{section.items.length}）
                </Text>
                {section.items.length === 0 && <Text className='muted'>无</Text>}
                {section.items.map((i) => (
                  <View
                    key={i.id}
                    className='list-item inbox__item'
                    onClick={() => Taro.navigateTo({ url: `/packages/workbench/request/index?id=${i.id}` })}
                  >
                    <RequestHeading request={i} />
                    <Text className='muted'>
                      {i.pointName} · {formatTime(i.createdAt)}
                    </Text>
                  </View>
                ))}
              </View>
            ))
          )
        }
      </StateView>
    </View>
  );
}
