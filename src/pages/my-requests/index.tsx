import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Empty, StateView } from '@/components/StateView';
import { useAction } from '@/hooks/useAction';
import { categoryLabel, formatTime, statusLabel, urgencyLabel } from '@/utils/format';

export default function MyRequests() {
  const { state, reload } = useAction('resident', 'listMyRequests', {});
  useDidShow(() => {
    if (state.status !== 'loading') void reload();
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className='page'>
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
                  <View className='row'>
                    <Text>
                      <Text className='tag'>{urgencyLabel(r.urgency)}</Text>
                      {categoryLabel(r.category)}
                    </Text>
                    <Text className='tag tag--grey'>{statusLabel(r.status)}</Text>
                  </View>
                  <Text className='muted'>
                    {r.pointName} · {formatTime(r.createdAt)}
                  </Text>
                </View>
              ))}
            </View>
          )
        }
      </StateView>
    </View>
  );
}
