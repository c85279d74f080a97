/**
 * Her request: what she wrote, every step and message, and what she may do now (the function decides: `can`):
 * message the team, withdraw, rate after resolution, and ask for it to be handled again (重办) when unsatisfied.
 */
import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { MyRequestView } from '@core/actions';
import { COMMENT_MAX, MESSAGE_MAX, RATINGS, UNSATISFIED_AT_MOST } from '@core/domain';
import { isOpen } from '@core/lifecycle';
// Screen and StateView first: their styles come before the components' on every page (one CSS order).
import { Screen } from '@/components/Screen';
import { StateView } from '@/components/StateView';
import { ActionProblem } from '@/components/ActionProblem';
import { PhotoStrip } from '@/components/PhotoStrip';
import { RequestHeading } from '@/components/RequestHeading';
import { Timeline } from '@/components/Timeline';
import { useAction } from '@/hooks/useAction';
import { ActionFailure, callAction } from '@/services/cloud';
import { askForGrant, subscribeSupported } from '@/services/subscribe';
import { formatTime } from '@/utils/format';
import { useDraftKey } from '@/hooks/useDraftKey';
import './index.css';

const RATING_WORDS: Record<number, string> = { 1: '很不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意' };

type Step = 'sendMessage' | 'withdraw' | 'rate' | 'reopen';

function useSteps(requestId: string, onDone: (view: MyRequestView) => void) {
  const [busy, setBusy] = useState<Step | null>(null);
  const [problem, setProblem] = useState<{ step: Step; message: string } | null>(null);
  const run = async (step: Step, input: Record<string, unknown>): Promise<boolean> => {
    setBusy(step);
    setProblem(null);
    try {
      onDone(await callAction('resident', step, { requestId, ...input } as never));
      return true;
    } catch (error) {
      const failure = error instanceof ActionFailure ? error : new ActionFailure('Internal', '没有成功，请稍后再试');
      setProblem({ step, message: failure.code === 'Network' ? '网络不太稳定，没有发送成功，您写的内容还在，请稍后再试' : failure.message });
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, problem, run };
}

/** The refusal of this step, under its form. */
const Problem = ({ problem, step }: { problem: { step: Step; message: string } | null; step: Step }) => (
  <ActionProblem text={problem?.step === step ? problem.message : ''} />
);

function RequestActions({ request, onChange }: { request: MyRequestView; onChange: (view: MyRequestView) => void }) {
  const { busy, problem, run } = useSteps(request.id, onChange);
  const [message, setMessage] = useState('');
  const [messageKey, renewMessageKey] = useDraftKey();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({ title: '撤回诉求', content: '撤回后服务团队将不再处理这条诉求，确定撤回吗？', confirmText: '撤回', cancelText: '再想想' });
    if (confirm) await run('withdraw', {});
  };

  return (
    <View>
      {request.can.message && (
        <View className='card field'>
          <Text className='field__label'>给服务团队留言</Text>
          <Textarea className='textarea textarea--short' value={message} maxlength={MESSAGE_MAX} placeholder='补充情况或提问，团队会在这里回复您' onInput={(e) => setMessage(e.detail.value)} />
          <Problem problem={problem} step='sendMessage' />
          <Button
            className='btn btn--primary'
            loading={busy === 'sendMessage'}
            disabled={busy !== null || message.trim().length === 0}
            onClick={async () => (await run('sendMessage', { text: message, clientKey: messageKey })) && (setMessage(''), renewMessageKey())}
          >
            发送留言
          </Button>
        </View>
      )}

      {request.can.rate && (
        <View className='card field'>
          <Text className='field__label'>对办理结果满意吗？</Text>
          <View className='rating' role='radiogroup' aria-label='评分'>
            {RATINGS.map((r) => (
              <View key={r} role='radio' aria-checked={rating === r} aria-label={`${r} 星 ${RATING_WORDS[r]}`} className={`rating__star ${r <= rating ? 'rating__star--on' : ''}`} onClick={() => setRating(r)}>
                ★
              </View>
            ))}
          </View>
          {rating > 0 && <Text className='field__hint'>{RATING_WORDS[rating]}</Text>}
          <Textarea className='textarea textarea--short' value={comment} maxlength={COMMENT_MAX} placeholder='还想说点什么（选填）' onInput={(e) => setComment(e.detail.value)} />
          <Problem problem={problem} step='rate' />
          <Button className='btn btn--primary' loading={busy === 'rate'} disabled={busy !== null || rating === 0} onClick={() => run('rate', { rating, ...(comment.trim() ? { comment } : {}) })}>
            提交评价
          </Button>
        </View>
      )}

      {request.feedback && (
        <View className='card'>
          <Text className='card__title'>您的评价</Text>
          <Text>
            {'★'.repeat(request.feedback.rating)}
            {'☆'.repeat(5 - request.feedback.rating)} {RATING_WORDS[request.feedback.rating]}
          </Text>
          {request.feedback.comment && <Text className='request-text'>{request.feedback.comment}</Text>}
        </View>
      )}

      {request.can.reopen && (
        <View className='card field'>
          <Text className='field__label'>问题没有解决？可以申请重办</Text>
          <Text className='field__hint'>
            {request.reopenUntil ? `${formatTime(request.reopenUntil)} 前可以申请。` : ''}重办后原来的成员会继续跟进，县妇联也会看到。
          </Text>
          <Textarea className='textarea textarea--short' value={reason} maxlength={MESSAGE_MAX} placeholder='请说说哪里还没有解决（至少 5 个字）' onInput={(e) => setReason(e.detail.value)} />
          <Problem problem={problem} step='reopen' />
          <Button className='btn btn--secondary' loading={busy === 'reopen'} disabled={busy !== null || reason.trim().length < 5} onClick={() => run('reopen', { reason })}>
            申请重办
          </Button>
        </View>
      )}

      {request.can.withdraw && (
        <View className='request-detail__withdraw'>
          <Problem problem={problem} step='withdraw' />
          <Button className='btn btn--plain' disabled={busy !== null} onClick={withdraw}>
            撤回诉求
          </Button>
        </View>
      )}
    </View>
  );
}

/**
 * Progress messages on her phone (WeChat's one-time grants: one message per tap she allows). The message itself says
 * only that there is news, never what about.
 */
function UpdateReminders({ request, onChange }: { request: MyRequestView; onChange: (view: MyRequestView) => void }) {
  const [busy, setBusy] = useState(false);
  const open = isOpen(request);
  const ask = async () => {
    // The prompt first, inside her tap: WeChat shows it nowhere else.
    const granted = askForGrant('requestUpdate');
    setBusy(true);
    try {
      if (!(await granted)) return;
      onChange(await callAction('resident', 'subscribeUpdates', { requestId: request.id }));
      void Taro.showToast({ title: '有新进展时会提醒您', icon: 'none' });
    } catch (error) {
      void Taro.showToast({ title: error instanceof ActionFailure ? error.message : '没有开启成功，请稍后再试', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const tokens = request.notifyTokens ?? 0;
  if (!open && tokens === 0) return null;
  if (!subscribeSupported() && tokens === 0) return null;
  return (
    <View className='request-detail__reminders'>
      {tokens > 0 && <Text className='muted'>有新进展时，还会提醒您 {tokens} 次</Text>}
      {open && subscribeSupported() && (
        <Button className='btn btn--plain request-detail__remind' loading={busy} disabled={busy} onClick={ask}>
          接收进展提醒
        </Button>
      )}
    </View>
  );
}

export default function RequestDetail() {
  const { params } = useRouter();
  const { state, reload, setState } = useAction('resident', 'getMyRequest', params.id ? { requestId: params.id } : null);
  useDidShow(() => {
    if (state.status === 'ready') void reload();
  });

  return (
    <Screen quickExit>
      {params.submitted === '1' && (
        <View className='notice' role='status'>
          <Text>已提交成功，服务团队会尽快处理。您可以随时在“我的诉求”里查看进度。</Text>
        </View>
      )}
      <StateView state={state} onRetry={reload}>
        {(r) => (
          <View>
            <View className='card'>
              <RequestHeading request={r} large />
              <Text className='muted'>
                {r.pointName} · {formatTime(r.createdAt)}
                {r.anonymous ? ' · 匿名' : ''}
              </Text>
              <Text className='request-text'>{r.description}</Text>
              <PhotoStrip photos={r.photos} />
            </View>
            <View className='card'>
              <Text className='card__title'>办理进度</Text>
              <Timeline entries={r.timeline} audience='resident' />
              <UpdateReminders request={r} onChange={(view) => setState({ status: 'ready', data: view })} />
            </View>
            <RequestActions request={r} onChange={(view) => setState({ status: 'ready', data: view })} />
            {r.feedback && r.feedback.rating <= UNSATISFIED_AT_MOST && !r.can.reopen && r.status === 'resolved' && (
              <Text className='muted'>重办的申请期限已过。如仍需帮助，可以重新提交诉求。</Text>
            )}
          </View>
        )}
      </StateView>
    </Screen>
  );
}
