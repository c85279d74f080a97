/**
 * One activity for the team: the details, who signed up (the names they gave, for the door), cancelling it with a
 * reason before it starts, and once it has started, recording who came, how many more, a short summary and photos.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ActivityView, SignUpView, UploadedPhoto } from '@core/actions';
import { COMMENT_MAX } from '@core/domain';
import { textLength } from '@core/validate';
// PhotoStrip before Screen, as on the request pages: one CSS order in the shared chunk.
// Screen and StateView first: their styles come before the components' on every page (one CSS order).
import { Screen } from '@/components/Screen';
import { Empty, ErrorState, Loading, StateView } from '@/components/StateView';
import { PhotoStrip } from '@/components/PhotoStrip';
import { ActionProblem } from '@/components/ActionProblem';
import { useAction } from '@/hooks/useAction';
import { callAction } from '@/services/cloud';
import { activityTypeLabel, formatChinaTime, formatTime } from '@/utils/format';
import { newClientKey } from '@/hooks/useDraftKey';
import { routeParam } from '@/utils/route';
import { ActivityPhotos, ActivityStateTag, CheckRow, confirm, failureText, teamActivityState, toast } from '../shared/ui';
import './index.css';

const SUMMARY_MIN = 5;
const SUMMARY_MAX = 500;
const REASON_MIN = 2;

function Details({ activity: a }: { activity: ActivityView }) {
  const state = teamActivityState(a);
  return (
    <View className='card'>
      <View className='row'>
        <Text className='activity__title'>{a.title}</Text>
        <ActivityStateTag state={state} />
      </View>
      <Text className='tag tag--grey'>{activityTypeLabel(a.type)}</Text>
      <Text className='activity__line'>时间：{formatChinaTime(a.startsAt)}</Text>
      <Text className='activity__line'>地点：{a.place}</Text>
      <Text className='activity__line'>
        报名：{a.capacity - a.seatsLeft} / {a.capacity} 人{a.seatsLeft > 0 && state === 'upcoming' ? `，还剩 ${a.seatsLeft} 个名额` : ''}
      </Text>
      {a.description && <Text className='activity__text'>{a.description}</Text>}
    </View>
  );
}

function SignUps({ signUps }: { signUps: SignUpView[] }) {
  return (
    <View className='card'>
      <Text className='card__title'>报名名单（{signUps.length} 人）</Text>
      <Text className='muted'>她们留下的称呼，只有服务团队能看到，方便活动时称呼和签到。</Text>
      {signUps.length === 0 ? (
        <Empty text='还没有人报名' />
      ) : (
        signUps.map((s) => (
          <View key={s.id} className='list-item row'>
            <Text className='activity__name'>{s.displayName}</Text>
            <Text className='muted'>
              {s.attended ? '已到场 · ' : ''}
              {formatTime(s.createdAt)} 报名
            </Text>
          </View>
        ))
      )}
    </View>
  );
}

function Cancel({ activity, onDone }: { activity: ActivityView; onDone: (a: ActivityView) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const signedUp = activity.capacity - activity.seatsLeft;

  const run = async () => {
    if (textLength(reason.trim()) < REASON_MIN) {
      setProblem(`请写明取消的原因（至少 ${REASON_MIN} 个字）`);
      return;
    }
    const note = signedUp > 0 ? `已有 ${signedUp} 人报名，请另外告知她们活动取消了。` : '';
    if (!(await confirm('取消活动', `取消后活动会从联系点页面撤下，不能恢复。${note}`, '取消活动'))) return;
    setBusy(true);
    setProblem('');
    try {
      onDone(await callAction('team', 'cancelActivity', { activityId: activity.id, reason: reason.trim() }));
      toast('活动已取消');
    } catch (error) {
      setProblem(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <Button className='btn btn--plain' onClick={() => setOpen(true)}>
        取消活动
      </Button>
    );
  }
  return (
    <View className='card field'>
      <Text className='card__title'>取消活动</Text>
      <Textarea className='textarea textarea--short' value={reason} maxlength={COMMENT_MAX} placeholder='取消的原因，例如 天气原因改期' onInput={(e) => setReason(e.detail.value)} />
      <ActionProblem text={problem} />
      <View className='points-buttons'>
        <Button className='btn btn--plain points-buttons__go' disabled={busy || undefined} onClick={() => setOpen(false)}>
          不取消
        </Button>
        <Button className='btn btn--primary points-buttons__go' loading={busy} disabled={busy || undefined} onClick={() => void run()}>
          确认取消活动
        </Button>
      </View>
    </View>
  );
}

/** After it started: tick who came (from the sign-ups), add those who came without signing up, a summary, photos. */
function Attendance({ activity, signUps, onDone }: { activity: ActivityView; signUps: SignUpView[]; onDone: (a: ActivityView) => void }) {
  const [attended, setAttended] = useState<string[]>(() => signUps.filter((s) => s.attended).map((s) => s.id));
  const [extra, setExtra] = useState('0');
  const [summary, setSummary] = useState('');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [clientKey] = useState(newClientKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const extraCount = Number(extra || '0');

  const save = async () => {
    if (!Number.isInteger(extraCount) || extraCount < 0 || extraCount > 1000) {
      setProblem('未报名到场的人数应为 0–1000 之间的整数');
      return;
    }
    if (textLength(summary.trim()) < SUMMARY_MIN) {
      setProblem(`请写几句活动小结（至少 ${SUMMARY_MIN} 个字）`);
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      onDone(
        await callAction('team', 'recordAttendance', {
          activityId: activity.id,
          attendedSignUpIds: attended,
          extraCount,
          summary: summary.trim(),
          ...(photos.length ? { photos: photos.map((p) => p.fileID) } : {}),
        }),
      );
      toast('已登记参加情况');
    } catch (error) {
      setProblem(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card field'>
      <Text className='card__title'>登记参加情况</Text>
      <Text className='field__label'>报名的人里谁来了</Text>
      {signUps.length === 0 ? (
        <Text className='muted'>没有人报名</Text>
      ) : (
        signUps.map((s) => (
          <CheckRow
            key={s.id}
            label={s.displayName}
            checked={attended.includes(s.id)}
            onChange={(on) => setAttended((ids) => (on ? [...ids, s.id] : ids.filter((x) => x !== s.id)))}
          />
        ))
      )}
      <Text className='field__label points-sub'>没报名也来了的人数</Text>
      <Input className='input' type='number' value={extra} maxlength={4} onInput={(e) => setExtra(e.detail.value)} />
      <Text className='field__hint'>
        共到场 {attended.length + (Number.isInteger(extraCount) && extraCount > 0 ? extraCount : 0)} 人
      </Text>
      <Text className='field__label points-sub'>活动小结</Text>
      <Textarea
        className='textarea textarea--short'
        value={summary}
        maxlength={SUMMARY_MAX}
        placeholder={`做了什么、效果怎样（至少 ${SUMMARY_MIN} 个字），会显示在活动页面上`}
        onInput={(e) => setSummary(e.detail.value)}
      />
      <Text className='field__label points-sub'>活动照片</Text>
      <ActivityPhotos clientKey={clientKey} photos={photos} onChange={setPhotos} />
      <ActionProblem text={problem} />
      <Button className='btn btn--primary' loading={busy} disabled={busy || undefined} onClick={() => void save()}>
        保存参加情况
      </Button>
    </View>
  );
}

function Held({ activity }: { activity: ActivityView }) {
  if (!activity.attendance) return null;
  return (
    <View className='card'>
      <Text className='card__title'>活动情况</Text>
      <Text className='activity__line'>到场 {activity.attendance.count} 人</Text>
      <Text className='activity__text'>{activity.attendance.summary}</Text>
      <PhotoStrip photos={activity.attendance.photos} />
    </View>
  );
}

export default function TeamActivity() {
  const { params } = useRouter();
  const pointId = routeParam(params.pointId);
  const id = routeParam(params.id);
  const list = useAction('team', 'listActivities', pointId && id ? { pointId } : null);
  const signUps = useAction('team', 'listSignUps', pointId && id ? { activityId: id } : null);
  const [changed, setChanged] = useState<ActivityView | null>(null);

  if (!pointId || !id) {
    return (
      <Screen>
        <Empty text='没有指明是哪个活动' />
      </Screen>
    );
  }
  if (list.state.status === 'loading') {
    return (
      <Screen>
        <Loading />
      </Screen>
    );
  }
  if (list.state.status === 'error') {
    return (
      <Screen>
        <ErrorState message={list.state.error.message} onRetry={() => void list.reload()} />
      </Screen>
    );
  }
  const activity = changed ?? list.state.data.find((a) => a.id === id);
  if (!activity) {
    return (
      <Screen>
        <Empty text='没有找到这个活动' />
      </Screen>
    );
  }
  const state = teamActivityState(activity);
  const done = (a: ActivityView) => {
    setChanged(a);
    void signUps.reload();
  };

  return (
    <Screen className='activity'>
      <Details activity={activity} />
      {state === 'done' && <Held activity={activity} />}
      <StateView state={signUps.state} onRetry={signUps.reload}>
        {(people) => (
          <View>
            {state === 'started' && <Attendance activity={activity} signUps={people} onDone={done} />}
            <SignUps signUps={people} />
          </View>
        )}
      </StateView>
      {(state === 'upcoming' || state === 'full') && <Cancel activity={activity} onDone={done} />}
      {state === 'cancelled' && (
        <View className='notice'>
          <Text>这个活动已经取消，居民看不到它了。</Text>
        </View>
      )}
      <View className='link activity__back' role='link' onClick={() => void Taro.navigateBack()}>
        返回活动列表
      </View>
    </Screen>
  );
}
