/**
 * A point's survey of the year, for a woman: answered once and anonymously (nothing stored with the answers leads
 * back to her), then a thank-you. When the point has no survey going on, it says so.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { PublicSurvey, SurveyQuestionView } from '@core/actions';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { Screen } from '@/components/Screen';
import { Empty, ErrorState, Loading } from '@/components/StateView';
import { ActionProblem } from '@/components/ActionProblem';
import { useAction } from '@/hooks/useAction';
import { ActionFailure, callAction } from '@/services/cloud';
import { routeParam } from '@/utils/route';
import './index.css';

type Answer = { choice?: number; choices?: number[]; text?: string };
const TEXT_MAX = 300;

const answered = (q: SurveyQuestionView, a: Answer | undefined) =>
  q.kind === 'single' ? a?.choice !== undefined : q.kind === 'multiple' ? (a?.choices?.length ?? 0) > 0 : !!a?.text?.trim();

function Question({ index, question: q, answer, onChange }: { index: number; question: SurveyQuestionView; answer: Answer | undefined; onChange: (a: Answer) => void }) {
  const label = `${index + 1}. ${q.text}`;
  return (
    <View className='card field'>
      <Text className='community-survey__q'>
        {label}
        <Text className='muted'>{q.kind === 'single' ? '（单选）' : q.kind === 'multiple' ? '（可多选）' : '（选填）'}</Text>
      </Text>
      {q.kind === 'single' && (
        <ChoiceGroup label={label} options={q.options.map((o, i) => ({ value: String(i), text: o }))} value={answer?.choice === undefined ? undefined : String(answer.choice)} onChange={(v) => onChange({ choice: Number(v) })} />
      )}
      {q.kind === 'multiple' && (
        <View className='choice-grid' role='group' aria-label={label}>
          {q.options.map((o, i) => {
            const on = answer?.choices?.includes(i) ?? false;
            const choices = answer?.choices ?? [];
            return (
              <View key={i} role='checkbox' aria-checked={on} className={`choice ${on ? 'choice--selected' : ''}`} onClick={() => onChange({ choices: on ? choices.filter((c) => c !== i) : [...choices, i] })}>
                {o}
              </View>
            );
          })}
        </View>
      )}
      {q.kind === 'text' && (
        <Textarea className='textarea textarea--short' value={answer?.text ?? ''} maxlength={TEXT_MAX} placeholder='写下您的想法' onInput={(e) => onChange({ text: e.detail.value })} />
      )}
    </View>
  );
}

function Form({ survey, onAnswered }: { survey: PublicSurvey; onAnswered: (s: PublicSurvey) => void }) {
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const submit = async () => {
    const missing = survey.questions.findIndex((q) => q.kind !== 'text' && !answered(q, answers[q.id]));
    if (missing >= 0) {
      setProblem(`第 ${missing + 1} 题还没有选`);
      return;
    }
    const given = survey.questions
      .filter((q) => answered(q, answers[q.id]))
      .map((q) => {
        const a = answers[q.id] ?? {};
        return q.kind === 'single' ? { questionId: q.id, choice: a.choice } : q.kind === 'multiple' ? { questionId: q.id, choices: a.choices } : { questionId: q.id, text: a.text?.trim() };
      });
    if (given.length === 0) {
      setProblem('请至少回答一道题');
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      onAnswered(await callAction('resident', 'answerSurvey', { surveyId: survey.id, answers: given }));
    } catch (error) {
      setProblem(error instanceof ActionFailure ? error.message : '没有提交成功，请稍后再试');
      setBusy(false);
    }
  };

  return (
    <View>
      <View className='card'>
        <Text className='community-survey__title'>{survey.title}</Text>
        {survey.intro && <Text className='community-survey__intro'>{survey.intro}</Text>}
      </View>
      <View className='notice' role='note'>
        <Text>匿名填写，团队看不到是谁填的。每人只能填一次。</Text>
      </View>
      {survey.questions.map((q, i) => (
        <Question key={q.id} index={i} question={q} answer={answers[q.id]} onChange={(a) => setAnswers((all) => ({ ...all, [q.id]: a }))} />
      ))}
      <ActionProblem text={problem} />
      <Button className='btn btn--primary' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        提交问卷
      </Button>
    </View>
  );
}

export default function CommunitySurvey() {
  const { params } = useRouter();
  const pointId = params.pointId ?? '';
  const pointName = routeParam(params.pointName);
  const { state, reload } = useAction('resident', 'getSurvey', pointId ? { pointId } : null);
  const [thanked, setThanked] = useState(false);

  let body;
  if (!pointId) body = <Empty text='没有指明是哪个联系点' />;
  else if (state.status === 'loading') body = <Loading />;
  else if (state.status === 'error' && state.error.code === 'NotFound') body = <Empty text={`${pointName ? `「${pointName}」` : '这个联系点'}现在没有进行中的年度调研，谢谢您的关心。`} />;
  else if (state.status === 'error') body = <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  else if (thanked)
    body = (
      <View className='card community-survey__thanks' role='status'>
        <Text className='community-survey__title'>谢谢您的参与！</Text>
        <Text>您的回答已经匿名提交，会帮助联系点把服务做得更好。</Text>
      </View>
    );
  else if (state.data.answered)
    body = (
      <View className='card community-survey__thanks' role='status'>
        <Text className='community-survey__title'>{state.data.title}</Text>
        <Text>您已经填写过这份问卷了，谢谢您。每人只能填一次。</Text>
      </View>
    );
  else body = <Form survey={state.data} onAnswered={() => setThanked(true)} />;

  return <Screen className='community-survey'>{body}</Screen>;
}
