/**
 * A point's service team: the roster with what each member handles and her open load; her own "away until" (外出);
 * and for whoever manages the team (the executive, county staff): invites, open invites, removing a member, and
 * handing the point over to a new executive.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Input, Picker, Text, View } from '@tarojs/components';
import type { InviteView, TeamMemberView, TeamView } from '@core/actions';
import { AWAY_DAYS_MAX, CATEGORIES, CATEGORY_LABELS, type Category } from '@core/domain';
import { textLength } from '@core/validate';
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
import { useAction } from '@/hooks/useAction';
import { ActionFailure, callAction } from '@/services/cloud';
import { calendarDay, categoryLabel, formatDay, formatTime } from '@/utils/format';
import { useDraftKey } from '@/hooks/useDraftKey';
import './index.css';

const failureText = (error: unknown, fallback = '没有成功，请稍后再试') => (error instanceof ActionFailure ? error.message : fallback);
const DAY_MS = 24 * 60 * 60 * 1000;
const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });

/** Her public role and what she helps with (shown on the point page and the plaque), and what is routed to her. */
function MemberEditor({ member: m, onSaved, onCancel }: { member: TeamMemberView; onSaved: (team: TeamView) => void; onCancel: () => void }) {
  const [role, setRole] = useState(m.role);
  const [helpsWith, setHelpsWith] = useState(m.helpsWith);
  const [skills, setSkills] = useState<Category[]>(m.skills);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const save = async () => {
    setBusy(true);
    setProblem('');
    try {
      onSaved(
        await callAction('team', 'updateMember', {
          memberId: m.id,
          ...(!m.isExecutive && role.trim() !== m.role ? { role: role.trim() } : {}),
          ...(helpsWith.trim() !== m.helpsWith ? { helpsWith: helpsWith.trim() } : {}),
          ...(!m.isExecutive ? { skills } : {}),
        }),
      );
      toast('已保存，联系点页面马上会显示');
    } catch (error) {
      setProblem(failureText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='team__editor'>
      {!m.isExecutive && (
        <View className='field'>
          <Text className='field__label'>身份（公开显示）</Text>
          <Input className='input' value={role} maxlength={20} onInput={(e) => setRole(e.detail.value)} />
        </View>
      )}
      <View className='field'>
        <Text className='field__label'>能帮什么忙（公开显示）</Text>
        <Input className='input' value={helpsWith} maxlength={60} onInput={(e) => setHelpsWith(e.detail.value)} />
      </View>
      {!m.isExecutive && <SkillChips value={skills} onChange={setSkills} />}
      {problem && <Text className='field__error'>{problem}</Text>}
      <View className='team__member-actions'>
        <Button className='btn btn--primary team__small' loading={busy} disabled={busy || textLength(helpsWith.trim()) < 2 || undefined} onClick={() => void save()}>
          保存
        </Button>
        <Button className='btn btn--plain team__small' disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

function MemberRow({
  member: m,
  manage,
  busy,
  onRemove,
  onHandover,
  onSaved,
}: {
  member: TeamMemberView;
  manage: boolean;
  busy: boolean;
  onRemove: () => void;
  onHandover: () => void;
  onSaved: (team: TeamView) => void;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <View className='list-item team__member'>
      <View className='row'>
        <Text className='team__name'>
          {m.name}
          {m.isMe && <Text className='tag team__me'>我</Text>}
          {m.isExecutive && <Text className='tag tag--urgent team__tag'>执委</Text>}
        </Text>
        <Text className='muted'>在办 {m.openLoad} 条</Text>
      </View>
      <Text className='muted'>
        {m.role} · {m.helpsWith}
      </Text>
      <View className='team__skills'>
        {m.skills.map((s) => (
          <Text key={s} className='tag tag--grey'>
            {categoryLabel(s)}
          </Text>
        ))}
        {m.awayUntil && <Text className='tag team__away'>外出至 {formatDay(m.awayUntil)}</Text>}
      </View>
      {manage && editing && (
        <MemberEditor
          member={m}
          onCancel={() => setEditing(false)}
          onSaved={(team) => {
            setEditing(false);
            onSaved(team);
          }}
        />
      )}
      {manage && !editing && (
        <View className='team__member-actions'>
          <Button className='btn btn--plain team__small' disabled={busy || undefined} onClick={() => setEditing(true)}>
            编辑
          </Button>
          {!m.isExecutive && (
            <Button className='btn btn--plain team__small' disabled={busy || undefined} onClick={onRemove}>
              移出团队
            </Button>
          )}
          {!m.isExecutive && (
            <Button className='btn btn--plain team__small' disabled={busy || undefined} onClick={onHandover}>
              设为执委
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

/** Her own 外出: no new requests are routed to her until the day she is back. */
function Away({ me, onChanged }: { me: TeamMemberView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  // From tomorrow (today she is here) to as far ahead as the function allows.
  const now = Date.now();
  const start = calendarDay(new Date(now + DAY_MS));
  const end = calendarDay(new Date(now + AWAY_DAYS_MAX * DAY_MS));
  const set = async (awayUntil?: string) => {
    setBusy(true);
    try {
      await callAction('team', 'setAway', awayUntil ? { awayUntil } : {});
      toast(awayUntil ? `已标记外出至 ${formatDay(awayUntil)}` : '欢迎回来，新的诉求会照常派给您');
      onChanged();
    } catch (error) {
      toast(failureText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card'>
      <Text className='card__title'>外出</Text>
      {me.awayUntil ? (
        <View>
          <Text>您已标记外出至 {formatDay(me.awayUntil)}，这期间新的诉求不会派给您。</Text>
          <Button className='btn btn--secondary' loading={busy} disabled={busy} onClick={() => set()}>
            我已回来
          </Button>
        </View>
      ) : (
        <View>
          <Text className='muted'>外出期间，新的诉求会派给团队里的其他成员（在您所有的团队里）。</Text>
          <Picker mode='date' value={start} start={start} end={end} disabled={busy} onChange={(e) => set(String(e.detail.value))}>
            <View className='btn btn--secondary team__picker' role='button'>
              标记外出，选择回来的日期
            </View>
          </Picker>
        </View>
      )}
    </View>
  );
}

function SkillChips({ value, onChange }: { value: Category[]; onChange: (skills: Category[]) => void }) {
  return (
    <View className='choice-grid' role='group' aria-label='擅长的诉求类别'>
      {CATEGORIES.map((c) => {
        const on = value.includes(c);
        return (
          <View key={c} role='checkbox' aria-checked={on} className={`choice ${on ? 'choice--selected' : ''}`} onClick={() => onChange(on ? value.filter((s) => s !== c) : [...value, c])}>
            {CATEGORY_LABELS[c]}
          </View>
        );
      })}
    </View>
  );
}

function InviteCard({ invite }: { invite: InviteView }) {
  return (
    <View className='team__invite' role='status'>
      <View className='field__label'>邀请码</View>
      <View className='team__code'>
        <Text selectable>{invite.code}</Text>
      </View>
      <View className='muted'>
        {invite.role} · 有效期至 {formatTime(invite.expiresAt)}，只能使用一次
      </View>
      {invite.qrImage && <Image className='team__qr' src={invite.qrImage} mode='aspectFit' aria-label='邀请小程序码' showMenuByLongpress />}
      <View className='team__invite-hint'>请对方用微信扫码，或在「加入团队」输入邀请码</View>
    </View>
  );
}

function Invites({ pointId }: { pointId: string }) {
  const open = useAction('team', 'listInvites', { pointId });
  const [role, setRole] = useState('');
  const [helpsWith, setHelpsWith] = useState('');
  const [skills, setSkills] = useState<Category[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [created, setCreated] = useState<InviteView | null>(null);

  const roleOk = textLength(role.trim()) >= 2;
  const helpsOk = textLength(helpsWith.trim()) >= 2;

  const [draftKey, renewDraftKey] = useDraftKey();
  const create = async () => {
    setBusy(true);
    setProblem('');
    try {
      setCreated(await callAction('team', 'createInvite', { pointId, role: role.trim(), helpsWith: helpsWith.trim(), skills, clientKey: draftKey }));
      renewDraftKey();
      setRole('');
      setHelpsWith('');
      setSkills([]);
      void open.reload();
    } catch (error) {
      setProblem(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className='card field'>
        <Text className='card__title'>邀请新成员</Text>
        <Text className='field__label'>身份（会显示在联系点的团队名单上）</Text>
        <Input className='input' value={role} maxlength={20} placeholder='例如 社工、律师、巾帼志愿者' onInput={(e) => setRole(e.detail.value)} />
        <Text className='field__label team__sub'>能帮什么忙</Text>
        <Input className='input' value={helpsWith} maxlength={60} placeholder='用居民听得懂的话，例如 就业信息、陪同办事' onInput={(e) => setHelpsWith(e.detail.value)} />
        <Text className='field__label team__sub'>负责哪些类别的诉求</Text>
        <SkillChips value={skills} onChange={setSkills} />
        <Text className='field__hint'>这些类别的新诉求会优先派给她。</Text>
        {problem && <Text className='field__error'>{problem}</Text>}
        <Button className='btn btn--primary' loading={busy} disabled={busy || !roleOk || !helpsOk} onClick={create}>
          生成邀请
        </Button>
        {created && <InviteCard invite={created} />}
      </View>
      <View className='card'>
        <Text className='card__title'>未使用的邀请</Text>
        <StateView state={open.state} onRetry={open.reload}>
          {(invites) =>
            invites.length === 0 ? (
              <Text className='muted'>没有未使用的邀请</Text>
            ) : (
              invites.map((i) => (
                <View key={i.code} className='list-item'>
                  <View className='row'>
                    <Text className='team__code-small'>{i.code}</Text>
                    <Text className='muted'>至 {formatTime(i.expiresAt)}</Text>
                  </View>
                  <Text className='muted'>
                    {i.role}
                    {i.skills.length > 0 ? ` · ${i.skills.map(categoryLabel).join('、')}` : ''}
                  </Text>
                </View>
              ))
            )
          }
        </StateView>
      </View>
    </View>
  );
}

/** The team's 1+10+N: activities for anyone on the team; the contact log and the year's survey are the executive's. */
function Duties({ pointId, pointName, executive }: { pointId: string; pointName: string; executive: boolean }) {
  const go = (page: string) => Taro.navigateTo({ url: `/packages/points/${page}/index?pointId=${encodeURIComponent(pointId)}&pointName=${encodeURIComponent(pointName)}` });
  return (
    <View className='card'>
      <Text className='card__title'>1+10+N</Text>
      <View className='team__duties'>
        <Button className='btn btn--secondary team__duty' onClick={() => go('activities')}>
          活动
        </Button>
        {executive && (
          <Button className='btn btn--secondary team__duty' onClick={() => go('outreach')}>
            联系群众
          </Button>
        )}
        {executive && (
          <Button className='btn btn--secondary team__duty' onClick={() => go('survey')}>
            年度调研
          </Button>
        )}
      </View>
    </View>
  );
}

export default function Team() {
  const { params } = useRouter();
  const pointId = params.pointId ?? '';
  const { state, reload, setState } = useAction('team', 'getTeam', pointId ? { pointId } : null);
  const [busy, setBusy] = useState(false);

  if (!pointId) {
    return (
      <Screen>
        <Empty text='没有指明是哪个联系点的团队' />
      </Screen>
    );
  }

  const remove = async (m: TeamMemberView) => {
    const { confirm } = await Taro.showModal({
      title: '移出团队',
      content: `确定将 ${m.name}（${m.role}）移出团队吗？她在办的诉求会重新派给其他成员。`,
      confirmText: '移出',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const { rerouted, ...team } = await callAction('team', 'removeMember', { memberId: m.id });
      setState({ status: 'ready', data: team as TeamView });
      toast(`已移除，${rerouted} 条在办诉求已重新派单`);
    } catch (error) {
      toast(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  const handover = async (m: TeamMemberView) => {
    const { confirm } = await Taro.showModal({
      title: '设为执委',
      content: `确定由 ${m.name} 担任本联系点的执委吗？原执委会作为成员留在团队中。`,
      confirmText: '确定',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      setState({ status: 'ready', data: await callAction('team', 'handover', { pointId, memberId: m.id }) });
      toast(`${m.name} 已是本联系点的执委`);
    } catch (error) {
      toast(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen className='team'>
      <StateView state={state} onRetry={reload}>
        {(team) => {
          const me = team.members.find((m) => m.isMe);
          return (
            <View>
              <View className='card'>
                <Text className='card__title'>{team.pointName} · 服务团队（{team.members.length} 人）</Text>
                {team.members.map((m) => (
                  <MemberRow
                    key={m.id}
                    member={m}
                    manage={team.canManage}
                    busy={busy}
                    onRemove={() => remove(m)}
                    onHandover={() => handover(m)}
                    onSaved={(updated) => setState({ status: 'ready', data: updated })}
                  />
                ))}
              </View>
              <Duties pointId={team.pointId} pointName={team.pointName} executive={!!me?.isExecutive} />
              {me && <Away me={me} onChanged={() => void reload()} />}
              {team.canManage && <Invites pointId={team.pointId} />}
            </View>
          );
        }}
      </StateView>
    </Screen>
  );
}
