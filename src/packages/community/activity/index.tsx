/**
 * An activity of a point, for a woman: what, when, where, the seats left; she signs up with a name to be called by
 * (seen by the team only) and may cancel before it starts. Once held: how many came, a summary and photos.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActivityView } from '@core/actions';
import { textLength } from '@core/validate';
// Screen and StateView first: their styles come before the components' on every page (one CSS order).
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
import { PhotoStrip } from '@/components/PhotoStrip';
import { ActionProblem } from '@/components/ActionProblem';
import { useAction } from '@/hooks/useAction';
import { callAction, failureText } from '@/services/cloud';
import { activityTypeLabel, formatChinaTime } from '@/utils/format';
import './index.css';

const NAME_MAX = 20;
// `disabled={busy || undefined}` on buttons: H5 writes disabled="false" otherwise, and Taro's [disabled] style whitens
// the label.

/** Where it stands, in her words. */
export function activityNote(a: ActivityView, now = Date.now()): string {
  if (a.status === 'done') return '活动已结束';
  if (a.status === 'cancelled') return '活动已取消';
  if (Date.parse(a.startsAt) <= now) return '活动已开始，不能再报名';
  return a.seatsLeft > 0 ? `还剩 ${a.seatsLeft} 个名额` : '名额已满';
}

function SignUp({ activity, onChanged }: { activity: ActivityView; onChanged: (a: ActivityView) => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const signUp = async () => {
    if (textLength(name.trim()) < 1) {
      setProblem('请留一个称呼，例如 王姐、小李');
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      onChanged(await callAction('resident', 'signUp', { activityId: activity.id, displayName: name.trim() }));
      void Taro.showToast({ title: '报名成功', icon: 'success' });
    } catch (error) {
      setProblem(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card field'>
      <Text className='field__label'>怎么称呼您</Text>
      <Input className='input' value={name} maxlength={NAME_MAX} placeholder='例如 王姐' onInput={(e) => setName(e.detail.value)} />
      <Text className='field__hint'>只给服务团队看，方便活动时称呼您、签到。不用留电话。</Text>
      <ActionProblem text={problem} />
      <Button className='btn btn--primary' loading={busy} disabled={busy || undefined} onClick={() => void signUp()}>
        报名
      </Button>
    </View>
  );
}

function SignedUp({ activity, onChanged }: { activity: ActivityView; onChanged: (a: ActivityView) => void }) {
  const [busy, setBusy] = useState(false);
  const upcoming = Date.parse(activity.startsAt) > Date.now();
  const cancel = async () => {
    const { confirm } = await Taro.showModal({ title: '取消报名', content: '确定不去了吗？名额会让给其他人。', confirmText: '取消报名', cancelText: '再想想' });
    if (!confirm) return;
    setBusy(true);
    try {
      onChanged(await callAction('resident', 'cancelSignUp', { activityId: activity.id }));
      void Taro.showToast({ title: '已取消报名', icon: 'none' });
    } catch (error) {
      void Taro.showToast({ title: failureText(error), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card community-activity__mine' role='status'>
      <Text className='community-activity__done'>✓ 您已报名</Text>
      <Text className='muted'>请按时到 {activity.place}。</Text>
      {upcoming && (
        <Button className='btn btn--plain' loading={busy} disabled={busy || undefined} onClick={() => void cancel()}>
          取消报名
        </Button>
      )}
    </View>
  );
}

function Activity({ activity: a, onChanged }: { activity: ActivityView; onChanged: (a: ActivityView) => void }) {
  const note = activityNote(a);
  return (
    <View>
      <View className='card'>
        <Text className='tag'>{activityTypeLabel(a.type)}</Text>
        <Text className='community-activity__title'>{a.title}</Text>
        <Text className='muted community-activity__line'>{a.pointName}</Text>
        <Text className='community-activity__line'>时间：{formatChinaTime(a.startsAt)}</Text>
        <Text className='community-activity__line'>地点：{a.place}</Text>
        {a.status !== 'done' && <Text className='community-activity__seats'>{note}</Text>}
        {a.description && <Text className='community-activity__text'>{a.description}</Text>}
      </View>
      {a.status === 'done' && a.attendance && (
        <View className='card'>
          <Text className='card__title'>活动回顾</Text>
          <Text className='community-activity__line'>共 {a.attendance.count} 人参加</Text>
          <Text className='community-activity__text'>{a.attendance.summary}</Text>
          <PhotoStrip photos={a.attendance.photos} />
        </View>
      )}
      {a.signedUp && a.status === 'open' && <SignedUp activity={a} onChanged={onChanged} />}
      {a.canSignUp && <SignUp activity={a} onChanged={onChanged} />}
    </View>
  );
}

export default function CommunityActivity() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { state, reload, setState } = useAction('resident', 'getActivity', id ? { activityId: id } : null);

  if (!id) {
    return (
      <Screen>
        <Empty text='没有指明是哪个活动' />
      </Screen>
    );
  }
  return (
    <Screen className='community-activity'>
      <StateView state={state} onRetry={reload}>
        {(activity) => <Activity activity={activity} onChanged={(a) => setState({ status: 'ready', data: a })} />}
      </StateView>
    </Screen>
  );
}
