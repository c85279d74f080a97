/**
 * 督办: the county's requests that passed a deadline and have not had their answer yet, the most pressing first;
 * from the dashboard, only one point's. A tap opens the request to urge it, move it or close it.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
import { RequestHeading } from '@/components/RequestHeading';
import { useListScreen } from '@/hooks/useListScreen';
import { formatTime } from '@/utils/format';
import { routeParam } from '@/utils/route';
import { DEADLINE_LABELS, groupEscalations, type OverdueRequest } from '../shared/escalations';
import './index.css';

const openRequest = (id: string) => Taro.navigateTo({ url: `/packages/county/request/index?id=${encodeURIComponent(id)}` });

function EscalationRow({ item }: { item: OverdueRequest }) {
  return (
    <View className='list-item escalation' hoverClass='list-item--hover' data-request-id={item.requestId} onClick={() => openRequest(item.requestId)}>
      <RequestHeading request={item} />
      <View className='escalation__marks'>
        {item.inDanger && <Text className='tag tag--urgent'>有危险</Text>}
        <Text className={`tag ${item.urgeCount > 0 ? 'tag--grey' : 'escalation__not-urged'}`}>{item.urgeCount > 0 ? `已催办 ${item.urgeCount} 次` : '未催办'}</Text>
      </View>
      {item.passed.map((p) => (
        <Text key={p.deadline} className='escalation__deadline'>
          {DEADLINE_LABELS[p.deadline]} · 时限 {formatTime(p.due)}
        </Text>
      ))}
      <Text className='muted'>{item.pointName}</Text>
    </View>
  );
}

export default function CountyEscalations() {
  const { params } = useRouter();
  const [pointId, setPointId] = useState(() => routeParam(params.pointId));
  const pointName = routeParam(params.pointName);
  const { state, reload } = useListScreen('county', 'listEscalations', {});

  return (
    <Screen className='county-escalations'>
      {pointId && (
        <View className='notice row escalations__filter'>
          <Text>只看：{pointName || '这个联系点'}</Text>
          <View className='link' role='button' onClick={() => setPointId('')}>
            看全县
          </View>
        </View>
      )}
      <StateView state={state} onRetry={reload}>
        {(items) => {
          const all = groupEscalations(items);
          const shown = pointId ? all.filter((i) => i.pointId === pointId) : all;
          return (
            <View>
              <View className='escalations__summary' role='status'>
                <Text>{shown.length > 0 ? `${shown.length} 条诉求超过时限，等待督办` : '没有超过时限的诉求'}</Text>
              </View>
              <View className='card'>
                {shown.length === 0 ? (
                  <Empty text={pointId ? '这个联系点没有需要督办的诉求' : '没有需要督办的诉求，各联系点都在时限内'} />
                ) : (
                  shown.map((item) => <EscalationRow key={item.requestId} item={item} />)
                )}
              </View>
            </View>
          );
        }}
      </StateView>
    </Screen>
  );
}
