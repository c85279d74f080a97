/**
 * An escalated request as county staff see it: what she wrote (her number masked by the function), the deadlines,
 * every step with the team's labels, and the county's three steps: 催办 (remind the assignee and the executive, with an
 * optional note), 改派 to another point of the county, and 关闭 with a note she reads.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { TeamRequestView } from '@core/actions';
import { COMMENT_MAX } from '@core/domain';
import { isOpen } from '@core/lifecycle';
import { textLength } from '@core/validate';
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
// After Screen and StateView: their styles come first in the shared chunk (one CSS order on every page).
import { RequestFile, StepBar } from '@/components/RequestFile';
import { ActionProblem } from '@/components/ActionProblem';
import { useAction } from '@/hooks/useAction';
import { useStepRunner } from '@/hooks/useStepRunner';
import { callAction } from '@/services/cloud';
import { backToList } from '@/utils/route';
import { shortPointName } from '../shared/figures';
import './index.css';

const ESCALATIONS = '/packages/county/escalations/index';
/** The function asks for at least this many characters of a reason to move it, and of a note to close it. */
export const REASON_MIN = 5;

export const COUNTY_STEPS = ['urge', 'reassignToPoint', 'close'] as const;
export type CountyStep = (typeof COUNTY_STEPS)[number];
export const COUNTY_STEP_LABELS: Record<CountyStep, string> = { urge: '催办', reassignToPoint: '改派', close: '关闭' };

/** The county's other points; the request's own point is left out. */
function PointChoice({ request: r, value, onChange }: { request: TeamRequestView; value: string; onChange: (pointId: string) => void }) {
  const points = useAction('resident', 'listPoints', {});
  // The request's point gives the county; only a closed point (not listed) needs her own county from whoami.
  const here = points.state.status === 'ready' ? points.state.data.find((p) => p.id === r.pointId)?.countyCode : undefined;
  const me = useAction('resident', 'whoami', points.state.status === 'ready' && !here ? {} : null);
  return (
    <StateView state={points.state} onRetry={points.reload}>
      {(all) => {
        const countyCode = here ?? (me.state.status === 'ready' ? me.state.data.countyStaff?.countyCode : undefined);
        const others = all.filter((p) => p.countyCode === countyCode && p.id !== r.pointId);
        if (others.length === 0) return <Text className='muted'>本县没有其他联系点</Text>;
        return (
          <View role='radiogroup' aria-label='改派到'>
            {others.map((p) => (
              <View
                key={p.id}
                role='radio'
                aria-checked={value === p.id}
                className={`request-file__option ${value === p.id ? 'choice--selected' : ''}`}
                onClick={() => onChange(p.id)}
              >
                <Text>{shortPointName(p.name, p.countyName)}</Text>
                <Text className='field__hint'>{p.address}</Text>
              </View>
            ))}
          </View>
        );
      }}
    </StateView>
  );
}

function CountySteps({ request: r, onChange }: { request: TeamRequestView; onChange: (view: TeamRequestView) => void }) {
  const [open, setOpen] = useState<CountyStep | null>(null);
  const { busy, problem, setProblem, run } = useStepRunner<CountyStep>();
  const [urgeNote, setUrgeNote] = useState('');
  const [toPointId, setToPointId] = useState('');
  const [reason, setReason] = useState('');
  const [closeNote, setCloseNote] = useState('');

  const choose = (step: CountyStep) => {
    setProblem('');
    setOpen(open === step ? null : step);
  };

  const urge = async () => {
    const note = urgeNote.trim();
    const updated = await run('urge', () => callAction('county', 'urge', { requestId: r.id, ...(note ? { note } : {}) }));
    if (!updated) return;
    onChange(updated);
    setUrgeNote('');
    setOpen(null);
    void Taro.showToast({ title: '已催办', icon: 'success' });
  };

  const reassign = async () => {
    const moved = await run('reassignToPoint', () => callAction('county', 'reassignToPoint', { requestId: r.id, toPointId, reason: reason.trim() }));
    if (!moved) return;
    void Taro.showToast({ title: `已改派到「${moved.toPointName}」`, icon: 'none', duration: 2000 });
    setTimeout(() => backToList(ESCALATIONS), 1200);
  };

  const close = async () => {
    const { confirm } = await Taro.showModal({
      title: '关闭这条诉求？',
      content: '关闭后团队不能再办理这条诉求，她会在“我的诉求”里看到您写的说明。',
      confirmText: '关闭',
      cancelText: '再想想',
    });
    if (!confirm) return;
    const updated = await run('close', () => callAction('county', 'close', { requestId: r.id, note: closeNote.trim() }));
    if (!updated) return;
    onChange(updated);
    setOpen(null);
    void Taro.showToast({ title: '已关闭', icon: 'success' });
  };

  if (!isOpen(r)) {
    return (
      <View className='notice'>
        <Text>这条诉求已经结束，不需要再督办。</Text>
      </View>
    );
  }

  const busyNow = busy !== null;
  return (
    <View>
      <StepBar className='county-request__steps' label='督办操作' steps={COUNTY_STEPS} labels={COUNTY_STEP_LABELS} open={open} problem={problem} onChoose={choose} />

      {open === 'urge' && (
        <View className='card field'>
          <Text className='field__label'>催办</Text>
          <Text className='field__hint'>会提醒负责的成员和执委尽快处理。</Text>
          <Textarea
            className='textarea textarea--short'
            value={urgeNote}
            maxlength={COMMENT_MAX}
            placeholder='给团队的话（选填，只有团队能看到）'
            onInput={(e) => setUrgeNote(e.detail.value)}
          />
          <ActionProblem text={problem} />
          <Button className='btn btn--primary' loading={busy === 'urge'} disabled={busyNow} onClick={urge}>
            确认催办
          </Button>
        </View>
      )}

      {open === 'reassignToPoint' && (
        <View className='card field'>
          <Text className='field__label'>改派到本县其他联系点</Text>
          <Text className='field__hint'>那个联系点会重新派单，时限从改派时重新计算。</Text>
          <PointChoice request={r} value={toPointId} onChange={setToPointId} />
          <Textarea
            className='textarea textarea--short'
            value={reason}
            maxlength={COMMENT_MAX}
            placeholder={`改派原因（至少 ${REASON_MIN} 个字，只有团队能看到）`}
            onInput={(e) => setReason(e.detail.value)}
          />
          <ActionProblem text={problem} />
          <Button
            className='btn btn--primary'
            loading={busy === 'reassignToPoint'}
            disabled={busyNow || !toPointId || textLength(reason.trim()) < REASON_MIN}
            onClick={reassign}
          >
            确认改派
          </Button>
        </View>
      )}

      {open === 'close' && (
        <View className='card field'>
          <Text className='field__label'>关闭这条诉求</Text>
          <Text className='field__hint'>例如多次联系不上她，或她已在别处得到帮助。她会看到这段说明，请用她能看懂的话写。</Text>
          <Textarea
            className='textarea textarea--short'
            value={closeNote}
            maxlength={COMMENT_MAX}
            placeholder={`给她的说明（至少 ${REASON_MIN} 个字）`}
            onInput={(e) => setCloseNote(e.detail.value)}
          />
          <ActionProblem text={problem} />
          <Button className='btn btn--primary' loading={busy === 'close'} disabled={busyNow || textLength(closeNote.trim()) < REASON_MIN} onClick={close}>
            关闭诉求
          </Button>
        </View>
      )}
    </View>
  );
}

export default function CountyRequest() {
  const { params } = useRouter();
  const requestId = params.id ?? '';
  const { state, reload, setState } = useAction('county', 'getRequest', requestId ? { requestId } : null);

  if (!requestId) {
    return (
      <Screen>
        <Empty text='没有指明是哪条诉求' />
      </Screen>
    );
  }

  return (
    <Screen className='county-request'>
      <StateView state={state} onRetry={reload}>
        {(r) => (
          <View>
            <RequestFile request={r} viewer='county'>
              <CountySteps request={r} onChange={(view) => setState({ status: 'ready', data: view })} />
            </RequestFile>
          </View>
        )}
      </StateView>
    </Screen>
  );
}
