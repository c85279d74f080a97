/**
 * "N" of 1+10+N for the team: the point's activities with where each stands, and a form for a new one (type, title,
 * day and time in China, place, seats, a few words). Women see it on the point page and sign up there.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { ACTIVITY_CAPACITY_MAX, type ActivityView } from '@core/actions';
import { ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS, type ActivityType } from '@core/domain';
import { textLength } from '@core/validate';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
import { useListScreen } from '@/hooks/useListScreen';
import { callAction } from '@/services/cloud';
import { activityTypeLabel, chinaDay, chinaInstant, formatChinaTime, formatDay } from '@/utils/format';
import { useDraftKey } from '@/hooks/useDraftKey';
import { routeParam } from '@/utils/route';
import { ActivityStateTag, failureText, teamActivityState, toast } from '../shared/ui';
import './index.css';

const DAY_MS = 24 * 60 * 60 * 1000;
const TYPE_OPTIONS = ACTIVITY_TYPES.map((t) => ({ value: t, text: ACTIVITY_TYPE_LABELS[t] }));

interface Draft {
  type?: ActivityType;
  title: string;
  day: string;
  time: string;
  place: string;
  capacity: string;
  description: string;
}

const emptyDraft = (): Draft => ({ title: '', day: chinaDay(new Date(Date.now() + DAY_MS)), time: '09:30', place: '', capacity: '30', description: '' });

/** What is missing or too long, in the function's own limits; empty when it can be published. */
export function draftProblems(d: Draft, now = new Date()): string[] {
  const problems: string[] = [];
  if (!d.type) problems.push('请选择活动类型');
  if (textLength(d.title.trim()) < 4 || textLength(d.title.trim()) > 40) problems.push('活动名称应为 4–40 个字');
  if (Date.parse(chinaInstant(d.day, d.time)) <= now.getTime()) problems.push('活动时间应在现在以后');
  if (textLength(d.place.trim()) < 2 || textLength(d.place.trim()) > 60) problems.push('地点应为 2–60 个字');
  const seats = Number(d.capacity);
  if (!Number.isInteger(seats) || seats < 1 || seats > ACTIVITY_CAPACITY_MAX) problems.push(`名额应为 1–${ACTIVITY_CAPACITY_MAX} 之间的整数`);
  if (textLength(d.description) > 300) problems.push('活动介绍最多 300 个字');
  return problems;
}

function NewActivity({ pointId, onCreated, onClose }: { pointId: string; onCreated: (a: ActivityView) => void; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const today = chinaDay();
  const lastDay = chinaDay(new Date(Date.now() + 365 * DAY_MS));

  const [draftKey, renewDraftKey] = useDraftKey();
  const publish = async () => {
    const found = draftProblems(draft);
    setProblems(found);
    if (found.length || !draft.type) return;
    setBusy(true);
    try {
      const created = await callAction('team', 'createActivity', {
        pointId,
        type: draft.type,
        title: draft.title.trim(),
        startsAt: chinaInstant(draft.day, draft.time),
        place: draft.place.trim(),
        capacity: Number(draft.capacity),
        ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
        clientKey: draftKey,
      });
      renewDraftKey();
      toast('活动已发布，居民可以在联系点页面报名');
      onCreated(created);
    } catch (error) {
      setProblems([failureText(error, '没有发布成功，请稍后再试')]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card field activities__form'>
      <Text className='card__title'>发布新活动</Text>
      <Text className='field__label'>活动类型</Text>
      <ChoiceGroup label='活动类型' options={TYPE_OPTIONS} value={draft.type} onChange={(type) => update({ type })} />
      <Text className='field__label points-sub'>活动名称</Text>
      <Input className='input' value={draft.title} maxlength={40} placeholder='例如 家庭教育讲座' onInput={(e) => update({ title: e.detail.value })} />
      <Text className='field__label points-sub'>时间</Text>
      <View className='points-row2'>
        <Picker className='points-row2__cell' mode='date' value={draft.day} start={today} end={lastDay} onChange={(e) => update({ day: String(e.detail.value) })}>
          <View className='points-picker' role='button' aria-label='活动日期'>
            {formatDay(draft.day)}
          </View>
        </Picker>
        <Picker className='points-row2__cell' mode='time' value={draft.time} onChange={(e) => update({ time: String(e.detail.value) })}>
          <View className='points-picker' role='button' aria-label='开始时间'>
            {draft.time}
          </View>
        </Picker>
      </View>
      <Text className='field__hint'>北京时间</Text>
      <Text className='field__label points-sub'>地点</Text>
      <Input className='input' value={draft.place} maxlength={60} placeholder='例如 社区妇女之家二楼' onInput={(e) => update({ place: e.detail.value })} />
      <Text className='field__label points-sub'>名额</Text>
      <Input className='input' type='number' value={draft.capacity} maxlength={3} placeholder='最多能来多少人' onInput={(e) => update({ capacity: e.detail.value })} />
      <Text className='field__label points-sub'>活动介绍（选填）</Text>
      <Textarea className='textarea textarea--short' value={draft.description} maxlength={300} placeholder='做什么、适合谁来、要带什么' onInput={(e) => update({ description: e.detail.value })} />
      {problems.length > 0 && (
        <View role='alert'>
          {problems.map((p) => (
            <Text key={p} className='field__error'>
              {p}
            </Text>
          ))}
        </View>
      )}
      <View className='points-buttons'>
        <Button className='btn btn--plain points-buttons__go' disabled={busy || undefined} onClick={onClose}>
          取消
        </Button>
        <Button className='btn btn--primary points-buttons__go' loading={busy} disabled={busy || undefined} onClick={() => void publish()}>
          发布活动
        </Button>
      </View>
    </View>
  );
}

function ActivityRow({ activity: a, onOpen }: { activity: ActivityView; onOpen: () => void }) {
  const state = teamActivityState(a);
  return (
    <View className='list-item activities__item' role='link' hoverClass='list-item--hover' onClick={onOpen}>
      <View className='row'>
        <Text className='activities__title'>{a.title}</Text>
        <ActivityStateTag state={state} />
      </View>
      <Text className='muted activities__line'>
        {activityTypeLabel(a.type)} · {formatChinaTime(a.startsAt)}
      </Text>
      <Text className='muted activities__line'>
        {a.place} · 报名 {a.capacity - a.seatsLeft} / {a.capacity}
        {a.attendance ? ` · 到场 ${a.attendance.count} 人` : ''}
      </Text>
    </View>
  );
}

export default function Activities() {
  const { params } = useRouter();
  const pointId = routeParam(params.pointId);
  const { state, reload } = useListScreen('team', 'listActivities', { pointId });
  const [creating, setCreating] = useState(false);

  if (!pointId) {
    return (
      <Screen>
        <Empty text='没有指明是哪个联系点的活动' />
      </Screen>
    );
  }

  const open = (a: ActivityView) => Taro.navigateTo({ url: `/packages/points/activity/index?pointId=${encodeURIComponent(pointId)}&id=${encodeURIComponent(a.id)}` });

  return (
    <Screen className='activities'>
      {creating ? (
        <NewActivity
          pointId={pointId}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            void reload();
          }}
        />
      ) : (
        <Button className='btn btn--primary' onClick={() => setCreating(true)}>
          发布新活动
        </Button>
      )}
      <View className='card activities__list'>
        <StateView state={state} onRetry={reload}>
          {(activities) => (
            <View>
              <Text className='card__title'>
                {activities[0]?.pointName ?? routeParam(params.pointName)} 的活动（{activities.length} 个）
              </Text>
              {activities.length === 0 ? <Empty text='还没有活动，发布第一个吧' /> : activities.map((a) => <ActivityRow key={a.id} activity={a} onOpen={() => void open(a)} />)}
            </View>
          )}
        </StateView>
      </View>
    </Screen>
  );
}
