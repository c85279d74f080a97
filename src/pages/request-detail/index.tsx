import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { RequestHeading } from '@/components/RequestHeading';
import { StateView } from '@/components/StateView';
import { Timeline } from '@/components/Timeline';
import { useAction } from '@/hooks/useAction';
import { formatTime } from '@/utils/format';

export default function RequestDetail() {
  const { params } = useRouter();
  const { state, reload } = useAction('resident', 'getMyRequest', params.id ? { requestId: params.id } : null);

  return (
    <View className='page'>
      {params.submitted === '1' && (
        <View className='notice' role='status'>
          <Text>已提交成功，服务团队会尽快处理。您可以随时在“我的诉求”里查看进度。</Text>
        </View>
      )}
      <StateView state={state} onRetry={reload}>
        {(r) => (
          <View>
            <View className='card'>
              <RequestHeading request={r} large />
              <Text className='muted'>
                {r.pointName} · {formatTime(r.createdAt)}
                {r.anonymous ? ' · 匿名' : ''}
              </Text>
              <Text className='request-text'>{r.description}</Text>
            </View>
            <View className='card'>
              <Text className='card__title'>办理进度</Text>
              <Timeline entries={r.timeline} audience='resident' />
            </View>
          </View>
        )}
      </StateView>
    </View>
  );
}
