import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { CONTACT_METHOD_LABELS, MESSAGE_MAX } from '@core/domain';
import { PhotoStrip } from '@/components/PhotoStrip';
import { RequestHeading } from '@/components/RequestHeading';
import { StateView } from '@/components/StateView';
import { SwitchRow } from '@/components/SwitchRow';
import { Timeline } from '@/components/Timeline';
import { useAction } from '@/hooks/useAction';
import { ActionFailure, callAction } from '@/services/cloud';
import { formatTime } from '@/utils/format';

export default function TeamRequest() {
  const { params } = useRouter();
  const requestId = params.id ?? '';
  const { state, reload, setState } = useAction('team', 'getRequest', requestId ? { requestId } : null);
  const [busy, setBusy] = useState<'accept' | 'reply' | 'resolve' | null>(null);
  const [actionError, setActionError] = useState('');
  const [replyText, setReplyText] = useState('');
  const [internal, setInternal] = useState(false);
  const [summary, setSummary] = useState('');

  const run = async (step: 'accept' | 'reply' | 'resolve', input: Record<string, unknown>, done: string): Promise<boolean> => {
    setBusy(step);
    setActionError('');
    try {
      const updated = await callAction('team', step, { requestId, ...input } as never);
      setState({ status: 'ready', data: updated });
      void Taro.showToast({ title: done, icon: 'success' });
      return true;
    } catch (error) {
      setActionError(error instanceof ActionFailure ? error.message : '没有成功，请稍后再试');
      return false;
    } finally {
      setBusy(null);
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
              {r.inDanger && <Text className='tag tag--urgent'>她说现在有危险，请立即联系</Text>}
              <Text className='request-text'>{r.description}</Text>
              <PhotoStrip photos={r.photos} />
            </View>
            <View className='card'>
              <Text className='card__title'>联系方式</Text>
              {r.contact.anonymous ? (
                <Text>她选择了匿名：请只在小程序里回复，不要尝试其他方式联系。</Text>
              ) : (
                <View>
                  <Text className='team-request__phone'>电话：{r.contact.phone}</Text>
                  {r.contact.method && <Text className='muted'>联系方式：{CONTACT_METHOD_LABELS[r.contact.method]}</Text>}
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
              <Button className='btn btn--primary' loading={busy === 'accept'} disabled={busy !== null} onClick={() => run('accept', {}, '已受理')}>
                受理这条诉求
              </Button>
            )}
            {(r.status === 'assigned' || r.status === 'accepted') && (
              <View className='card field'>
                <SwitchRow label='内部备注' checked={internal} onChange={setInternal}>
                  <Text className='field__label'>{internal ? '内部备注（居民看不到）' : '回复居民'}</Text>
                </SwitchRow>
                <Textarea className='textarea textarea--short' value={replyText} maxlength={MESSAGE_MAX} placeholder={internal ? '只有团队能看到' : '她会在“我的诉求”里看到'} onInput={(e) => setReplyText(e.detail.value)} />
                <Button
                  className='btn btn--secondary'
                  loading={busy === 'reply'}
                  disabled={busy !== null || replyText.trim().length === 0}
                  onClick={async () => (await run('reply', { text: replyText, internal }, internal ? '已记下' : '已回复')) && setReplyText('')}
                >
                  {internal ? '保存备注' : '发送回复'}
                </Button>
              </View>
            )}
            {r.status === 'accepted' && (
              <View className='card field'>
                <Text className='field__label'>办结</Text>
                <Textarea className='textarea textarea--short' value={summary} maxlength={MESSAGE_MAX} placeholder='办理结果说明，她会看到（至少 5 个字）' onInput={(e) => setSummary(e.detail.value)} />
                <Button className='btn btn--primary' loading={busy === 'resolve'} disabled={busy !== null || summary.trim().length < 5} onClick={() => run('resolve', { summary }, '已办结')}>
                  办结这条诉求
                </Button>
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
