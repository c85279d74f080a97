import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
import { RequestHeading } from '@/components/RequestHeading';
import { useListScreen } from '@/hooks/useListScreen';
import { formatTime } from '@/utils/format';

export default function MyRequests() {
  const { state, reload } = useListScreen('resident', 'listMyRequests', {});

  return (
    <Screen quickExit>
      <StateView state={state} onRetry={reload}>
        {(list) =>
          list.length === 0 ? (
            <Empty text='您还没有提交过诉求'>
              <Button className='btn btn--secondary' onClick={() => Taro.redirectTo({ url: '/pages/index/index' })}>
                去找联系点
              </Button>
            </Empty>
          ) : (
            <View className='card'>
              {list.map((r) => (
                <View key={r.id} className='list-item' onClick={() => Taro.navigateTo({ url: `/pages/request-detail/index?id=${r.id}` })}>
                  <RequestHeading request={r} />
                  <Text className='muted'>
                    {r.unread && <Text className='unread-dot' aria-label='有新进展' />}
                    {r.unread ? '有新进展 · ' : ''}
                    {r.pointName} · {formatTime(r.createdAt)}
                  </Text>
                </View>
              ))}
            </View>
          )
        }
      </StateView>
      <View style={{ textAlign: 'center' }}>
        <View className='link' role='link' onClick={() => Taro.navigateTo({ url: '/packages/community/my-data/index' })}>
          <Text>我的数据与隐私</Text>
        </View>
      </View>
    </Screen>
  );
}
