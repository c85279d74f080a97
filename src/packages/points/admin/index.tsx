/**
 * County staff run the points of their county: the list with 启用 / 停用 and 编辑, a new point with its executive
 * (whose invite is shown once, then she joins and the point is opened), and this year's 1+10+N of every point.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { AdminPointSummary, PointProgress } from '@core/actions';
import { OUTREACH_TARGET } from '@core/domain';
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
import { useAction } from '@/hooks/useAction';
import { useListScreen } from '@/hooks/useListScreen';
import { callAction } from '@/services/cloud';
import { chinaDay, surveyStatusLabel } from '@/utils/format';
import { Bar, confirm, failureText, toast } from '../shared/ui';
import './index.css';

const TABS = [
  { key: 'points', label: '联系点' },
  { key: 'progress', label: '1+10+N 进度' },
] as const;
type Tab = (typeof TABS)[number]['key'];

const FORM = '/packages/points/point-form/index';

const editUrl = (p: AdminPointSummary) =>
  `${FORM}?pointId=${encodeURIComponent(p.id)}&code=${encodeURIComponent(p.code)}&name=${encodeURIComponent(p.name)}&address=${encodeURIComponent(p.address)}&active=${p.active ? '1' : '0'}`;

function PointRow({ point: p, busy, onToggle }: { point: AdminPointSummary; busy: boolean; onToggle: () => void }) {
  return (
    <View className='list-item admin__point'>
      <View className='row'>
        <Text className='admin__name'>{p.name}</Text>
        <Text className={`tag ${p.active ? 'admin__on' : 'tag--grey'}`}>{p.active ? '已启用' : '未启用'}</Text>
      </View>
      <Text className='muted admin__line'>
        编码 {p.code} · 执委 {p.executiveName || '—'} · 团队 {p.teamSize} 人
      </Text>
      <Text className='muted admin__line'>{p.address}</Text>
      <View className='points-buttons'>
        <Button className={`btn ${p.active ? 'btn--plain' : 'btn--primary'} points-buttons__go`} disabled={busy || undefined} loading={busy} onClick={onToggle}>
          {p.active ? '停用' : '启用'}
        </Button>
        <Button className='btn btn--secondary points-buttons__go' onClick={() => Taro.navigateTo({ url: editUrl(p) })}>
          编辑
        </Button>
        <Button
          className='btn btn--secondary points-buttons__go'
          onClick={() => Taro.navigateTo({ url: `/packages/workbench/team/index?pointId=${encodeURIComponent(p.id)}` })}
        >
          团队
        </Button>
      </View>
    </View>
  );
}

function Points({ loaded }: { loaded: ReturnType<typeof useListScreen<'county', 'listPoints'>> }) {
  const { state, reload, setState } = loaded;
  const [busy, setBusy] = useState('');

  const toggle = async (p: AdminPointSummary) => {
    if (p.active && !(await confirm('停用联系点', `停用后「${p.name}」不再出现在公开列表中，扫牌匾也打不开；已有的诉求仍由团队继续办理。`, '停用'))) return;
    setBusy(p.id);
    try {
      const updated = await callAction('county', 'setPointActive', { pointId: p.id, active: !p.active });
      setState((s) => (s.status === 'ready' ? { status: 'ready', data: s.data.map((x) => (x.id === updated.id ? updated : x)) } : s));
      toast(updated.active ? '已启用，居民现在可以找到这个联系点' : '已停用');
    } catch (error) {
      toast(failureText(error));
    } finally {
      setBusy('');
    }
  };

  return (
    <View>
      <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: FORM })}>
        新建联系点
      </Button>
      <View className='card admin__list'>
        <StateView state={state} onRetry={reload}>
          {(points) =>
            points.length === 0 ? (
              <Empty text='本县还没有联系点' />
            ) : (
              <View>
                <Text className='card__title'>
                  {points[0]?.countyName}的联系点（{points.length} 个）
                </Text>
                {points.map((p) => (
                  <PointRow key={p.id} point={p} busy={busy === p.id} onToggle={() => void toggle(p)} />
                ))}
              </View>
            )
          }
        </StateView>
      </View>
    </View>
  );
}

function ProgressRow({ row }: { row: PointProgress }) {
  return (
    <View className='list-item admin__progress'>
      <Text className='admin__name'>{row.pointName}</Text>
      <View className='admin__duty'>
        <Text className='admin__key'>1</Text>
        <Text>
          年度调研：{surveyStatusLabel(row.survey)}
          {row.survey === 'published' || row.survey === 'closed' ? ` · ${row.surveyResponses} 份回答` : ''}
        </Text>
      </View>
      <View className='admin__duty'>
        <Text className='admin__key'>10</Text>
        <View className='admin__duty-text'>
          <Text>
            联系群众：{row.outreachPeople} / {OUTREACH_TARGET} 人
          </Text>
          <Bar share={row.outreachPeople / OUTREACH_TARGET} label={`联系群众 ${row.outreachPeople} / ${OUTREACH_TARGET} 人`} />
        </View>
      </View>
      <View className='admin__duty'>
        <Text className='admin__key'>N</Text>
        <Text>
          活动：已开展 {row.activitiesHeld} 场 · 计划 {row.activitiesPlanned} 场
        </Text>
      </View>
    </View>
  );
}

function Progress() {
  const year = Number(chinaDay().slice(0, 4));
  const { state, reload } = useAction('county', 'progress', { year });
  return (
    <View className='card'>
      <Text className='card__title'>{year} 年各联系点的 1+10+N</Text>
      <Text className='muted'>1：每年至少 1 次调研；10：执委联系 10 名以上妇女代表或群众；N：开展各类活动。只统计数量，看不到联系人和问卷答案。</Text>
      <StateView state={state} onRetry={reload}>
        {(rows) => (rows.length === 0 ? <Empty text='本县还没有联系点' /> : rows.map((r) => <ProgressRow key={r.pointId} row={r} />))}
      </StateView>
    </View>
  );
}

export default function PointsAdmin() {
  const [tab, setTab] = useState<Tab>('points');
  // At the page's level, so the list is read again when she comes back from the form.
  const points = useListScreen('county', 'listPoints', {});
  return (
    <Screen className='admin'>
      <View className='admin__tabs' role='tablist' aria-label='联系点管理'>
        {TABS.map((t) => (
          <View key={t.key} role='tab' aria-selected={t.key === tab} className={`admin__tab ${t.key === tab ? 'admin__tab--on' : ''}`} onClick={() => setTab(t.key)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {tab === 'points' ? <Points loaded={points} /> : <Progress />}
    </Screen>
  );
}
