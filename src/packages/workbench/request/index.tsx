/**
 * One request in the workbench: what she wrote and how to reach her, the deadlines, referrals, every step, and the
 * steps the caller may take now — exactly those the function allows (`can`), one form open at a time.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { PointSummary, TeamRequestView } from '@core/actions';
import {
  COMMENT_MAX,
  EXTENSION_DAYS_MAX,
  EXTENSION_TOTAL_DAYS_MAX,
  MESSAGE_MAX,
  REFERRAL_AGENCIES,
  type ReferralAgency,
} from '@core/domain';
import { textLength } from '@core/validate';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
// After Screen and StateView: their styles come first in the shared chunk (one CSS order on every page).
import { RequestFile, StepBar } from '@/components/RequestFile';
import { ActionProblem } from '@/components/ActionProblem';
import { SwitchRow } from '@/components/SwitchRow';
import { useAction } from '@/hooks/useAction';
import { useDraftKey } from '@/hooks/useDraftKey';
import { useStepRunner } from '@/hooks/useStepRunner';
import { callAction } from '@/services/cloud';
import { agencyLabel, formatDay } from '@/utils/format';
import { backToList } from '@/utils/route';
import './index.css';

const INBOX = '/packages/workbench/inbox/index';

/** The steps behind the row of buttons, in the order they are offered. */
export const FORM_STEPS = ['reply', 'resolve', 'reassign', 'transfer', 'refer', 'recordReferralOutcome', 'extend'] as const;
export type FormStep = (typeof FORM_STEPS)[number];
type Step = FormStep | 'accept';

export const STEP_LABELS: Record<FormStep, string> = {
  reply: '回复',
  resolve: '办结',
  reassign: '改派',
  transfer: '转办',
  refer: '转介',
  recordReferralOutcome: '转介结果',
  extend: '延期',
};

const TRANSFER_REASON_MIN = 5;
const EXTEND_REASON_MIN = 5;
const NOTE_MIN = 2;

/** The other members who may take it over; away members are shown as away. */
function MemberChoice({ request: r, value, onChange }: { request: TeamRequestView; value: string; onChange: (memberId: string) => void }) {
  const { state, reload } = useAction('team', 'getTeam', { pointId: r.pointId });
  return (
    <StateView state={state} onRetry={reload}>
      {(team) => {
        const others = team.members.filter((m) => m.id !== r.assigneeId);
        if (others.length === 0) return <Text className='muted'>团队里没有其他成员</Text>;
        return (
          <View role='radiogroup' aria-label='改派给'>
            {others.map((m) => (
              <View
                key={m.id}
                role='radio'
                aria-checked={value === m.id}
                className={`request-file__option ${value === m.id ? 'choice--selected' : ''}`}
                onClick={() => onChange(m.id)}
              >
                <Text>
                  {m.name} · {m.role}
                  {m.isExecutive ? '（执委）' : ''}
                </Text>
                <Text className='field__hint'>
                  {m.awayUntil ? `外出至 ${formatDay(m.awayUntil)} · ` : ''}在办 {m.openLoad} 条
                </Text>
              </View>
            ))}
          </View>
        );
      }}
    </StateView>
  );
}

function counties(points: PointSummary[]) {
  const byCode = new Map<string, { code: string; name: string }>();
  for (const p of points) if (!byCode.has(p.countyCode)) byCode.set(p.countyCode, { code: p.countyCode, name: p.countyName });
  return [...byCode.values()];
}

/** Another point: county first (this point's county to start with), then the point. */
function PointChoice({ request: r, value, onChange }: { request: TeamRequestView; value: string; onChange: (pointId: string) => void }) {
  const { state, reload } = useAction('resident', 'listPoints', {});
  const [countyCode, setCountyCode] = useState('');
  return (
    <StateView state={state} onRetry={reload}>
      {(all) => {
        const here = all.find((p) => p.id === r.pointId);
        const points = all.filter((p) => p.id !== r.pointId);
        if (points.length === 0) return <Text className='muted'>没有其他联系点</Text>;
        const list = counties(points);
        const county = countyCode || (here && list.some((c) => c.code === here.countyCode) ? here.countyCode : (list[0]?.code ?? ''));
        return (
          <View>
            {list.length > 1 && (
              <ChoiceGroup label='县区' options={list.map((c) => ({ value: c.code, text: c.name }))} value={county} onChange={setCountyCode} />
            )}
            <View role='radiogroup' aria-label='转到联系点' className='team-request__points'>
              {points
                .filter((p) => p.countyCode === county)
                .map((p) => (
                  <View
                    key={p.id}
                    role='radio'
                    aria-checked={value === p.id}
                    className={`request-file__option ${value === p.id ? 'choice--selected' : ''}`}
                    onClick={() => onChange(p.id)}
                  >
                    <Text>{p.name}</Text>
                  </View>
                ))}
            </View>
          </View>
        );
      }}
    </StateView>
  );
}

function DaysStepper({ value, max, onChange }: { value: number; max: number; onChange: (days: number) => void }) {
  return (
    <View className='team-request__stepper row'>
      <View role='button' aria-label='少一天' className='team-request__step' onClick={() => onChange(Math.max(1, value - 1))}>
        －
      </View>
      <Text className='team-request__days' aria-live='polite'>
        {value} 天
      </Text>
      <View role='button' aria-label='多一天' className='team-request__step' onClick={() => onChange(Math.min(max, value + 1))}>
        ＋
      </View>
    </View>
  );
}

function StepForms({ request: r, onChange }: { request: TeamRequestView; onChange: (view: TeamRequestView) => void }) {
  const [open, setOpen] = useState<FormStep | null>(null);
  const { busy, problem, setProblem, run } = useStepRunner<Step>();
  const [replyText, setReplyText] = useState('');
  const [internal, setInternal] = useState(false);
  const [summary, setSummary] = useState('');
  const [memberId, setMemberId] = useState('');
  const [toPointId, setToPointId] = useState('');
  const [reason, setReason] = useState('');
  const [agency, setAgency] = useState<ReferralAgency | undefined>();
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState('');
  const [days, setDays] = useState(3);

  const offered = FORM_STEPS.filter((s) => r.can[s]);
  const shown = open && r.can[open] ? open : null;
  const extendMax = Math.max(1, Math.min(EXTENSION_DAYS_MAX, EXTENSION_TOTAL_DAYS_MAX - r.extensionDays));

  const choose = (step: FormStep) => {
    setProblem('');
    setReason('');
    setOpen(shown === step ? null : step);
  };

  // One key per reply or referral draft: a retry after a lost answer is not written twice.
  const [draftKey, renewDraftKey] = useDraftKey();
  /** A step whose answer is the request as it is now: shown at once, and the form closes. */
  const step = async (name: Exclude<Step, 'transfer'>, input: Record<string, unknown>, done: string) => {
    const updated = await run(name, () => callAction('team', name, { requestId: r.id, ...input } as never) as Promise<TeamRequestView>);
    if (!updated) return false;
    void Taro.showToast({ title: done, icon: 'success' });
    onChange(updated);
    setOpen(null);
    return true;
  };

  const transfer = async () => {
    const moved = await run('transfer', () => callAction('team', 'transfer', { requestId: r.id, toPointId, reason }));
    if (!moved) return;
    // It has left her hands (and her view): say where it went, then back to the inbox.
    void Taro.showToast({ title: `已转到「${moved.toPointName}」`, icon: 'none', duration: 2000 });
    setTimeout(() => backToList(INBOX), 1200);
  };

  const busyNow = busy !== null;

  return (
    <View>
      {r.can.accept && (
        <Button className='btn btn--primary' loading={busy === 'accept'} disabled={busyNow} onClick={() => step('accept', {}, '已受理')}>
          受理这条诉求
        </Button>
      )}
      <StepBar className='team-request__steps' label='办理操作' steps={offered} labels={STEP_LABELS} open={shown} problem={problem} onChoose={choose} />

      {shown === 'reply' && (
        <View className='card field'>
          <SwitchRow label='内部备注' checked={internal} onChange={setInternal}>
            <Text className='field__label'>{internal ? '内部备注（居民看不到）' : '回复居民'}</Text>
          </SwitchRow>
          <Textarea className='textarea textarea--short' value={replyText} maxlength={MESSAGE_MAX} placeholder={internal ? '只有团队能看到' : '她会在“我的诉求”里看到'} onInput={(e) => setReplyText(e.detail.value)} />
          <ActionProblem text={problem} />
          <Button
            className='btn btn--primary'
            loading={busy === 'reply'}
            disabled={busyNow || replyText.trim().length === 0}
            onClick={async () => (await step('reply', { text: replyText, internal, clientKey: draftKey }, internal ? '已记下' : '已回复')) && (setReplyText(''), renewDraftKey())}
          >
            {internal ? '保存备注' : '发送回复'}
          </Button>
        </View>
      )}

      {shown === 'resolve' && (
        <View className='card field'>
          <Text className='field__label'>办结</Text>
          <Textarea className='textarea textarea--short' value={summary} maxlength={MESSAGE_MAX} placeholder='办理结果说明，她会看到（至少 5 个字）' onInput={(e) => setSummary(e.detail.value)} />
          <ActionProblem text={problem} />
          <Button className='btn btn--primary' loading={busy === 'resolve'} disabled={busyNow || textLength(summary.trim()) < 5} onClick={() => step('resolve', { summary }, '已办结')}>
            办结这条诉求
          </Button>
        </View>
      )}

      {shown === 'reassign' && (
        <View className='card field'>
          <Text className='field__label'>改派给团队里的</Text>
          <MemberChoice request={r} value={memberId} onChange={setMemberId} />
          <Textarea className='textarea textarea--short' value={reason} maxlength={COMMENT_MAX} placeholder='改派原因（选填，只有团队能看到）' onInput={(e) => setReason(e.detail.value)} />
          <ActionProblem text={problem} />
          <Button
            className='btn btn--primary'
            loading={busy === 'reassign'}
            disabled={busyNow || !memberId}
            onClick={async () => (await step('reassign', { memberId, ...(reason.trim() ? { reason } : {}) }, '已改派')) && setMemberId('')}
          >
            确认改派
          </Button>
        </View>
      )}

      {shown === 'transfer' && (
        <View className='card field'>
          <Text className='field__label'>转到其他联系点办理</Text>
          <Text className='field__hint'>转办后由那个联系点重新派单，这条诉求将不再出现在您的工作台。</Text>
          <PointChoice request={r} value={toPointId} onChange={setToPointId} />
          <Textarea className='textarea textarea--short' value={reason} maxlength={COMMENT_MAX} placeholder={`转办原因（至少 ${TRANSFER_REASON_MIN} 个字，只有团队能看到）`} onInput={(e) => setReason(e.detail.value)} />
          <ActionProblem text={problem} />
          <Button className='btn btn--primary' loading={busy === 'transfer'} disabled={busyNow || !toPointId || textLength(reason.trim()) < TRANSFER_REASON_MIN} onClick={transfer}>
            确认转办
          </Button>
        </View>
      )}

      {shown === 'refer' && (
        <View className='card field'>
          <Text className='field__label'>转介到</Text>
          <ChoiceGroup label='转介机构' options={REFERRAL_AGENCIES.map((a) => ({ value: a, text: agencyLabel(a) }))} value={agency} onChange={setAgency} />
          <Textarea className='textarea textarea--short' value={note} maxlength={COMMENT_MAX} placeholder='转介说明，例如联系了谁、约了什么时间' onInput={(e) => setNote(e.detail.value)} />
          <ActionProblem text={problem} />
          <Button
            className='btn btn--primary'
            loading={busy === 'refer'}
            disabled={busyNow || !agency || textLength(note.trim()) < NOTE_MIN}
            onClick={async () => (await step('refer', { agency, note, clientKey: draftKey }, '已转介')) && (setNote(''), renewDraftKey())}
          >
            确认转介
          </Button>
        </View>
      )}

      {shown === 'recordReferralOutcome' && (
        <View className='card field'>
          <Text className='field__label'>转介结果</Text>
          <Textarea className='textarea textarea--short' value={outcome} maxlength={COMMENT_MAX} placeholder='机构的处理结果（只有团队能看到）' onInput={(e) => setOutcome(e.detail.value)} />
          <ActionProblem text={problem} />
          <Button
            className='btn btn--primary'
            loading={busy === 'recordReferralOutcome'}
            disabled={busyNow || textLength(outcome.trim()) < NOTE_MIN}
            onClick={async () => (await step('recordReferralOutcome', { outcome }, '已登记')) && setOutcome('')}
          >
            登记结果
          </Button>
        </View>
      )}

      {shown === 'extend' && (
        <View className='card field'>
          <Text className='field__label'>延长办结期限</Text>
          <DaysStepper value={Math.min(days, extendMax)} max={extendMax} onChange={setDays} />
          <Text className='field__hint'>每次最多 {EXTENSION_DAYS_MAX} 天，合计最多 {EXTENSION_TOTAL_DAYS_MAX} 天。她会看到延长的天数。</Text>
          <Textarea className='textarea textarea--short' value={reason} maxlength={COMMENT_MAX} placeholder={`延期原因（至少 ${EXTEND_REASON_MIN} 个字）`} onInput={(e) => setReason(e.detail.value)} />
          <ActionProblem text={problem} />
          <Button
            className='btn btn--primary'
            loading={busy === 'extend'}
            disabled={busyNow || textLength(reason.trim()) < EXTEND_REASON_MIN}
            onClick={async () => (await step('extend', { days: Math.min(days, extendMax), reason }, '已延期')) && setReason('')}
          >
            确认延期
          </Button>
        </View>
      )}
    </View>
  );
}


export default function TeamRequest() {
  const { params } = useRouter();
  const requestId = params.id ?? '';
  const { state, reload, setState } = useAction('team', 'getRequest', requestId ? { requestId } : null);

  if (!requestId) {
    return (
      <Screen>
        <Empty text='没有指明是哪条诉求' />
      </Screen>
    );
  }

  return (
    <Screen className='team-request'>
      <StateView state={state} onRetry={reload}>
        {(r) => (
          <View>
            <RequestFile request={r} viewer='team'>
              <StepForms request={r} onChange={(view) => setState({ status: 'ready', data: view })} />
            </RequestFile>
          </View>
        )}
      </StateView>
    </Screen>
  );
}
