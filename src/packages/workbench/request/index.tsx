import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { RequestHeading } from '@/components/RequestHeading';
import { StateView } from '@/components/StateView';
import { Timeline } from '@/components/Timeline';
import { useAction } from '@/hooks/useAction';
import { ActionFailure, callAction } from '@/services/cloud';
import { formatTime } from '@/utils/format';

export default function TeamRequest() {
  const { params } = useRouter();
  const requestId = params.id ?? '';
  const { state, reload, setState } = useAction('team', 'getRequest', requestId ? { requestId } : null);
  const [accepting, setAccepting] = useState(false);
  const [actionError, setActionError] = useState('');

  const accept = async () => {
    setAccepting(true);
    setActionError('');
    try {
      const updated = await callAction('team', 'accept', { requestId });
      setState({ status: 'ready', data: updated });
      void Taro.showToast({ title: '已受理', icon: 'success' });
    } catch (error) {
      setActionError(error instanceof ActionFailure ? error.message : '受理没有成功，请稍后再试');
    } finally {
      setAccepting(false);
    }
  };

  return (
    <View className='page'>
      <StateView state={state} onRetry={reload}>
        {(r) => (
          <View>
            <View className='card'>
              <RequestHeading request={r} large />
              <Text className='muted'>
                {r.pointName} · {formatTime(r.createdAt)} · 负责：{r.assigneeRole}
              </Text>
              <Text className='request-text'>{r.description}</Text>
            </View>
            <View className='card'>
              <Text className='card__title'>联系方式</Text>
              {r.contact.anonymous ? (
                <Text>她选择了匿名：请只在小程序里回复，不要尝试其他方式联系。</Text>
              ) : (
                <View>
                  <Text className='team-request__phone'>电话：{r.contact.phone}</Text>
                  {r.contact.safeTimes && <Text className='muted'>安全联系时间：{r.contact.safeTimes}</Text>}
                </View>
              )}
            </View>
            <View className='card'>
              <Text className='card__title'>办理记录</Text>
              <Timeline entries={r.timeline} audience='team' />
            </View>
            {actionError && (
              <View className='notice' role='alert'>
                <Text>{actionError}</Text>
              </View>
            )}
            {r.assignedToMe && r.status === 'assigned' && (
              <Button className='btn btn--primary' loading={accepting} disabled={accepting} onClick={accept}>
                受理这条诉求
              </Button>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
