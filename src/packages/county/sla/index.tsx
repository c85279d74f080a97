/**
 * 时限设置: the county's response-time targets per urgency (三事) — time to accept (first response) and time to
 * resolve, each an amount and a unit (小时 / 天 / 个工作日). New targets apply to requests submitted after saving.
 * The function's own checks (core/actions.ts) run before sending, and its messages appear next to the field at fault.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { ACTION_INPUTS, type CountySla } from '@core/actions';
import { URGENCIES, URGENCY_LABELS, type Urgency } from '@core/domain';
import { ActionError } from '@core/envelope';
import { DEFAULT_RETENTION_DAYS, RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from '@core/privacy';
import { DEFAULT_SLA, REMIND_AT_FRACTION, SLA_LIMITS, SLA_UNIT_LABELS, SLA_UNITS, describeSpan, type SlaPolicy, type SlaUnit } from '@core/sla';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { Screen } from '@/components/Screen';
import { StateView } from '@/components/StateView';
import { ActionProblem } from '@/components/ActionProblem';
import { useAction } from '@/hooks/useAction';
import { ActionFailure, callAction } from '@/services/cloud';
import './index.css';

type Kind = 'firstResponse' | 'resolution';
const KINDS: readonly Kind[] = ['firstResponse', 'resolution'];
const KIND_LABELS: Record<Kind, { name: string; hint: string }> = {
  firstResponse: { name: '受理时限', hint: '从她提交到团队受理' },
  resolution: { name: '办结时限', hint: '从她提交到办结' },
};
/** The heaviest first, as the form and the inbox order them. */
const ORDER: readonly Urgency[] = [...URGENCIES].reverse();
const UNIT_OPTIONS = SLA_UNITS.map((u) => ({ value: u, text: SLA_UNIT_LABELS[u] }));

interface SpanDraft {
  amount: string;
  unit: SlaUnit;
}
type PolicyDraft = Record<Urgency, Record<Kind, SpanDraft>>;
/** `<urgency>.<kind>` → message; '' for a message about the whole form. */
type Problems = Record<string, string>;

const toDraft = (policy: SlaPolicy): PolicyDraft =>
  Object.fromEntries(
    URGENCIES.map((u) => [u, Object.fromEntries(KINDS.map((k) => [k, { amount: String(policy[u][k].amount), unit: policy[u][k].unit }]))]),
  ) as PolicyDraft;

/** Whole numbers only; anything else is named at its field before the function is asked. */
function toPolicy(draft: PolicyDraft): { policy?: SlaPolicy; problems: Problems } {
  const problems: Problems = {};
  for (const u of URGENCIES) {
    for (const k of KINDS) {
      if (!/^\d{1,4}$/.test(draft[u][k].amount.trim())) problems[`${u}.${k}`] = '请填写整数';
    }
  }
  if (Object.keys(problems).length > 0) return { problems };
  const policy = Object.fromEntries(
    URGENCIES.map((u) => [u, Object.fromEntries(KINDS.map((k) => [k, { amount: Number(draft[u][k].amount.trim()), unit: draft[u][k].unit }]))]),
  ) as unknown as SlaPolicy;
  return { policy, problems };
}

/** A message of the function's checks ("input.policy.trouble.firstResponse：…") placed at its field. */
export function placeProblem(message: string): Problems {
  const at = /input\.policy\.(worry|trouble|distress)\.(firstResponse|resolution)/.exec(message);
  const text = message.replace(/^[^：]*：/, '');
  return at ? { [`${at[1]}.${at[2]}`]: text } : { '': text };
}

function SpanField({ label, hint, value, problem, onChange }: { label: string; hint: string; value: SpanDraft; problem?: string; onChange: (span: SpanDraft) => void }) {
  const { min, max } = SLA_LIMITS[value.unit];
  return (
    <View className='sla__span'>
      <View className='row'>
        <Text className='field__label sla__label'>{label}</Text>
        <Text className='field__hint'>{hint}</Text>
      </View>
      <View className='sla__amount row'>
        <Input
          className='input sla__input'
          type='number'
          value={value.amount}
          maxlength={4}
          aria-label={`${label}数值`}
          onInput={(e) => onChange({ ...value, amount: e.detail.value })}
        />
        <ChoiceGroup label={`${label}单位`} options={UNIT_OPTIONS} value={value.unit} onChange={(unit) => onChange({ ...value, unit })} />
      </View>
      <Text className='field__hint'>
        可设 {min} 到 {max} {SLA_UNIT_LABELS[value.unit]}
      </Text>
      <ActionProblem text={problem} />
    </View>
  );
}

function SlaForm({ sla, onSaved }: { sla: CountySla; onSaved: (sla: CountySla) => void }) {
  const [draft, setDraft] = useState<PolicyDraft>(() => toDraft(sla.policy));
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  const set = (u: Urgency, k: Kind, span: SpanDraft) => {
    setDraft((d) => ({ ...d, [u]: { ...d[u], [k]: span } }));
    setProblems((p) => {
      const rest = { ...p };
      delete rest[`${u}.${k}`];
      delete rest[''];
      return rest;
    });
  };

  const save = async () => {
    const { policy, problems: found } = toPolicy(draft);
    if (!policy) {
      setProblems(found);
      return;
    }
    try {
      ACTION_INPUTS.county.setSla({ policy }, 'input');
    } catch (error) {
      if (error instanceof ActionError) {
        setProblems(placeProblem(error.message));
        return;
      }
    }
    setBusy(true);
    setProblems({});
    try {
      const saved = await callAction('county', 'setSla', { policy });
      onSaved(saved);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (error) {
      const message = error instanceof ActionFailure ? error.message : '没有保存成功，请稍后再试';
      setProblems(error instanceof ActionFailure && error.code === 'InvalidParameter' ? placeProblem(message) : { '': message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className='card'>
        <Text className='card__title'>{sla.countyName}的办理时限</Text>
        <Text className={`tag ${sla.isDefault ? 'tag--grey' : ''}`}>{sla.isDefault ? '目前使用默认时限' : '本县已设置自己的时限'}</Text>
        <Text className='sla__explain'>新的时限只适用于保存之后提交的诉求；已经提交的诉求，仍按提交时的时限计算。</Text>
        <Text className='field__hint'>
          时限过去 {Math.round(REMIND_AT_FRACTION * 4)}/4 时提醒负责的成员和执委；超过时限报县妇联督办。工作日按周一到周五计算，暂不扣除节假日。
        </Text>
      </View>
      {ORDER.map((u) => (
        <View key={u} className='card' role='group' aria-label={URGENCY_LABELS[u].name}>
          <Text className='card__title'>{URGENCY_LABELS[u].name}</Text>
          <Text className='field__hint sla__plain'>
            {URGENCY_LABELS[u].plain}。默认：受理 {describeSpan(DEFAULT_SLA[u].firstResponse)}，办结 {describeSpan(DEFAULT_SLA[u].resolution)}
          </Text>
          {KINDS.map((k) => (
            <SpanField key={k} label={KIND_LABELS[k].name} hint={KIND_LABELS[k].hint} value={draft[u][k]} problem={problems[`${u}.${k}`]} onChange={(span) => set(u, k, span)} />
          ))}
        </View>
      ))}
      {problems[''] && (
        <View className='notice' role='alert'>
          <Text>{problems['']}</Text>
        </View>
      )}
      {Object.keys(problems).some((key) => key !== '') && (
        <View className='notice' role='status'>
          <Text>有的时限需要修改，请看标红的说明。</Text>
        </View>
      )}
      <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={save}>
        保存时限
      </Button>
      <Button
        className='btn btn--plain'
        disabled={busy}
        onClick={() => {
          setDraft(toDraft(DEFAULT_SLA));
          setProblems({});
        }}
      >
        填入默认时限
      </Button>
    </View>
  );
}

/** 保存期限: how long an ended request keeps what could identify her before the scheduler anonymises it. */
function RetentionForm({ sla, onSaved }: { sla: CountySla; onSaved: (sla: CountySla) => void }) {
  const [days, setDays] = useState(String(sla.retentionDays));
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const value = Number(days.trim());
    if (!/^\d{1,4}$/.test(days.trim()) || value < RETENTION_DAYS_MIN || value > RETENTION_DAYS_MAX) {
      setProblem(`请填写 ${RETENTION_DAYS_MIN} 到 ${RETENTION_DAYS_MAX} 之间的整数`);
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      onSaved(await callAction('county', 'setRetention', { days: value }));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (error) {
      setProblem(error instanceof ActionFailure ? error.message.replace(/^[^：]*：/, '') : '没有保存成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card' role='group' aria-label='个人信息保存期限'>
      <Text className='card__title'>个人信息保存期限</Text>
      <Text className='sla__explain'>
        诉求办结、撤回或关闭后满这么多天，系统自动去除能识别她的信息（描述、联系方式、照片和往来留言），只留下统计所需的类别和时间。新的期限只适用于保存之后提交的诉求。
      </Text>
      <View className='sla__amount row'>
        <Input className='input sla__input' type='number' value={days} maxlength={4} aria-label='保存天数' onInput={(e) => setDays(e.detail.value)} />
        <Text className='field__label'>天</Text>
      </View>
      <Text className='field__hint'>
        可设 {RETENTION_DAYS_MIN} 到 {RETENTION_DAYS_MAX} 天，默认 {DEFAULT_RETENTION_DAYS} 天
      </Text>
      <ActionProblem text={problem} />
      <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={save}>
        保存期限
      </Button>
    </View>
  );
}

export default function CountySlaSettings() {
  const { state, reload, setState } = useAction('county', 'getSla', {});
  const saved = (data: CountySla) => setState({ status: 'ready', data });
  return (
    <Screen className='county-sla'>
      <StateView state={state} onRetry={reload}>
        {(sla) => (
          <View>
            <SlaForm key={`${sla.isDefault}-${JSON.stringify(sla.policy)}`} sla={sla} onSaved={saved} />
            <RetentionForm key={sla.retentionDays} sla={sla} onSaved={saved} />
          </View>
        )}
      </StateView>
    </Screen>
  );
}
