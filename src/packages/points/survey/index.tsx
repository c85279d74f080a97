/**
 * "1" of 1+10+N: this year's survey of the point. The executive builds it (title, intro, questions of three kinds),
 * saves it as a draft, publishes it (no more edits after that) and ends it; meanwhile she sees the anonymous answers
 * counted per option, the written answers, and exports the summary (CSV or Excel).
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { SURVEY_OPTIONS_MAX, SURVEY_QUESTIONS_MAX, type SurveySummary, type SurveyView } from '@core/actions';
import { SURVEY_QUESTION_KINDS, type SurveyQuestionKind } from '@core/domain';
import { textLength } from '@core/validate';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { Screen } from '@/components/Screen';
import { Empty, ErrorState, Loading } from '@/components/StateView';
import { ActionProblem } from '@/components/ActionProblem';
import { useAction } from '@/hooks/useAction';
import { callAction } from '@/services/cloud';
import { surveyStatusLabel } from '@/utils/format';
import { openExportedFile } from '@/services/exported-file';
import { routeParam } from '@/utils/route';
import { Bar, confirm, failureText, toast } from '../shared/ui';
import './index.css';

export const QUESTION_KIND_LABELS: Record<SurveyQuestionKind, string> = { single: '单选', multiple: '多选', text: '填空' };
const KIND_OPTIONS = SURVEY_QUESTION_KINDS.map((k) => ({ value: k, text: QUESTION_KIND_LABELS[k] }));
const TEXTS_SHOWN = 10;

interface DraftQuestion {
  key: number;
  kind: SurveyQuestionKind;
  text: string;
  options: string[];
}

interface Draft {
  title: string;
  intro: string;
  questions: DraftQuestion[];
}

let nextKey = 1;
const newQuestion = (kind: SurveyQuestionKind = 'single'): DraftQuestion => ({ key: nextKey++, kind, text: '', options: kind === 'text' ? [] : ['', ''] });

const draftOf = (survey?: SurveyView): Draft =>
  survey
    ? {
        title: survey.title,
        intro: survey.intro,
        questions: survey.questions.map((q) => ({ key: nextKey++, kind: q.kind, text: q.text, options: q.kind === 'text' ? [] : [...q.options] })),
      }
    : { title: '', intro: '', questions: [newQuestion()] };

const filledOptions = (q: DraftQuestion) => q.options.map((o) => o.trim()).filter(Boolean);

/** What keeps the draft from being saved, in the function's limits (question numbers from 1). */
export function draftProblems(d: Draft): string[] {
  const problems: string[] = [];
  if (textLength(d.title.trim()) < 4 || textLength(d.title.trim()) > 40) problems.push('问卷标题应为 4–40 个字');
  if (textLength(d.intro) > 200) problems.push('说明最多 200 个字');
  if (d.questions.length === 0) problems.push('至少需要 1 道题');
  d.questions.forEach((q, i) => {
    if (textLength(q.text.trim()) < 2 || textLength(q.text.trim()) > 100) problems.push(`第 ${i + 1} 题的题目应为 2–100 个字`);
    if (q.kind !== 'text') {
      const options = filledOptions(q);
      if (options.length < 2) problems.push(`第 ${i + 1} 题至少需要 2 个选项`);
      if (options.some((o) => textLength(o) > 40)) problems.push(`第 ${i + 1} 题的选项每个最多 40 个字`);
    }
  });
  return problems;
}

const toInput = (pointId: string, d: Draft) => ({
  pointId,
  title: d.title.trim(),
  ...(d.intro.trim() ? { intro: d.intro.trim() } : {}),
  questions: d.questions.map((q) => ({ kind: q.kind, text: q.text.trim(), ...(q.kind === 'text' ? {} : { options: filledOptions(q) }) })),
});

function QuestionEditor({
  index,
  question: q,
  onChange,
  onRemove,
}: {
  index: number;
  question: DraftQuestion;
  onChange: (q: DraftQuestion) => void;
  onRemove?: () => void;
}) {
  const setKind = (kind: SurveyQuestionKind) =>
    onChange({ ...q, kind, options: kind === 'text' ? [] : q.options.length >= 2 ? q.options : [...q.options, '', ''].slice(0, Math.max(2, q.options.length)) });
  return (
    <View className='card field survey__question'>
      <View className='row'>
        <Text className='card__title'>第 {index + 1} 题</Text>
        {onRemove && (
          <View className='link' role='button' aria-label={`删除第 ${index + 1} 题`} onClick={onRemove}>
            删除这题
          </View>
        )}
      </View>
      <ChoiceGroup label={`第 ${index + 1} 题的题型`} options={KIND_OPTIONS} value={q.kind} onChange={setKind} />
      <Input className='input survey__gap' value={q.text} maxlength={100} placeholder='题目，例如 您最希望联系点开展哪类活动？' onInput={(e) => onChange({ ...q, text: e.detail.value })} />
      {q.kind !== 'text' &&
        q.options.map((o, i) => (
          <View key={i} className='row survey__option'>
            <Input
              className='input survey__option-input'
              value={o}
              maxlength={40}
              placeholder={`选项 ${i + 1}`}
              onInput={(e) => onChange({ ...q, options: q.options.map((x, j) => (j === i ? e.detail.value : x)) })}
            />
            {q.options.length > 2 && (
              <View className='link survey__remove' role='button' aria-label={`删除选项 ${i + 1}`} onClick={() => onChange({ ...q, options: q.options.filter((_, j) => j !== i) })}>
                删除
              </View>
            )}
          </View>
        ))}
      {q.kind !== 'text' && q.options.length < SURVEY_OPTIONS_MAX && (
        <View className='link' role='button' onClick={() => onChange({ ...q, options: [...q.options, ''] })}>
          ＋ 添加选项
        </View>
      )}
      {q.kind === 'text' && <Text className='field__hint'>居民自己写答案（最多 300 字）。</Text>}
    </View>
  );
}

function Builder({ pointId, survey, onPublished }: { pointId: string; survey?: SurveyView; onPublished: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(survey));
  const [saved, setSaved] = useState(!!survey);
  const [busy, setBusy] = useState<'' | 'save' | 'publish'>('');
  const [problems, setProblems] = useState<string[]>([]);
  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };
  const setQuestion = (i: number, q: DraftQuestion) => update({ questions: draft.questions.map((x, j) => (j === i ? q : x)) });

  const save = async (): Promise<boolean> => {
    const found = draftProblems(draft);
    setProblems(found);
    if (found.length) return false;
    try {
      await callAction('team', 'saveSurvey', toInput(pointId, draft));
      setSaved(true);
      return true;
    } catch (error) {
      setProblems([failureText(error, '没有保存成功，请稍后再试')]);
      return false;
    }
  };

  const saveDraft = async () => {
    setBusy('save');
    if (await save()) toast('草稿已保存');
    setBusy('');
  };

  const publish = async () => {
    if (draftProblems(draft).length) {
      setProblems(draftProblems(draft));
      return;
    }
    if (!(await confirm('发布问卷', '发布后问卷内容不能再修改，居民可以在联系点页面匿名填写。确定发布吗？', '发布'))) return;
    setBusy('publish');
    try {
      if (saved || (await save())) {
        await callAction('team', 'publishSurvey', { pointId });
        toast('问卷已发布');
        onPublished();
      }
    } catch (error) {
      setProblems([failureText(error, '没有发布成功，请稍后再试')]);
    } finally {
      setBusy('');
    }
  };

  return (
    <View>
      <View className='notice'>
        <Text>每个联系点每年做一次调研。先保存草稿，确认无误后发布；发布后不能再修改。居民匿名填写，每人一次。</Text>
      </View>
      <View className='card field'>
        <Text className='field__label'>问卷标题</Text>
        <Input className='input' value={draft.title} maxlength={40} placeholder='例如 2026 年妇女需求调研' onInput={(e) => update({ title: e.detail.value })} />
        <Text className='field__label points-sub'>说明（选填）</Text>
        <Textarea className='textarea textarea--short' value={draft.intro} maxlength={200} placeholder='为什么做这次调研、大约要几分钟' onInput={(e) => update({ intro: e.detail.value })} />
      </View>
      {draft.questions.map((q, i) => (
        <QuestionEditor
          key={q.key}
          index={i}
          question={q}
          onChange={(changed) => setQuestion(i, changed)}
          onRemove={draft.questions.length > 1 ? () => update({ questions: draft.questions.filter((_, j) => j !== i) }) : undefined}
        />
      ))}
      {draft.questions.length < SURVEY_QUESTIONS_MAX && (
        <Button className='btn btn--secondary' onClick={() => update({ questions: [...draft.questions, newQuestion()] })}>
          ＋ 添加一道题
        </Button>
      )}
      {problems.length > 0 && (
        <View className='survey__problems' role='alert'>
          {problems.map((p) => (
            <Text key={p} className='field__error'>
              {p}
            </Text>
          ))}
        </View>
      )}
      <View className='points-buttons survey__actions'>
        <Button className='btn btn--secondary points-buttons__go' loading={busy === 'save'} disabled={busy !== '' || undefined} onClick={() => void saveDraft()}>
          保存草稿
        </Button>
        <Button className='btn btn--primary points-buttons__go' loading={busy === 'publish'} disabled={busy !== '' || undefined} onClick={() => void publish()}>
          发布
        </Button>
      </View>
      {saved && <Text className='field__hint survey__saved'>草稿已保存</Text>}
    </View>
  );
}

function Export({ pointId }: { pointId: string }) {
  const [busy, setBusy] = useState<'' | 'csv' | 'xlsx'>('');
  const [problem, setProblem] = useState('');
  // WeChat's document viewer opens spreadsheets but not CSV text: the mini-program offers Excel only.
  const formats = process.env.TARO_ENV === 'h5' ? (['xlsx', 'csv'] as const) : (['xlsx'] as const);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setProblem('');
    try {
      const file = await callAction('team', 'exportSurvey', { pointId, format });
      await openExportedFile(file);
      toast(`已导出 ${file.rows} 行`);
    } catch (error) {
      setProblem(failureText(error, '没有导出成功，请稍后再试'));
    } finally {
      setBusy('');
    }
  };
  return (
    <View className='card'>
      <Text className='card__title'>导出汇总</Text>
      <Text className='muted'>每题每个选项的人数和写下的回答，不含任何能认出填写人的信息。</Text>
      <View className='points-buttons'>
        {formats.map((f) => (
          <Button key={f} className='btn btn--secondary points-buttons__go' loading={busy === f} disabled={busy !== '' || undefined} onClick={() => void run(f)}>
            {f === 'xlsx' ? '导出 Excel' : '导出 CSV'}
          </Button>
        ))}
      </View>
      <ActionProblem text={problem} />
    </View>
  );
}

function Results({ summary }: { summary: SurveySummary }) {
  return (
    <View>
      {summary.questions.map((q, i) => {
        const result = summary.results.find((r) => r.questionId === q.id);
        const counts = result?.counts ?? [];
        const total = q.kind === 'multiple' ? summary.responseCount : counts.reduce((a, b) => a + b, 0);
        return (
          <View key={q.id} className='card survey__result'>
            <Text className='survey__q'>
              {i + 1}. {q.text}（{QUESTION_KIND_LABELS[q.kind]}）
            </Text>
            {q.kind === 'text' ? (
              <TextAnswers texts={result?.texts ?? []} />
            ) : (
              q.options.map((o, j) => {
                const n = counts[j] ?? 0;
                return (
                  <View key={j} className='survey__bar'>
                    <View className='row'>
                      <Text>{o}</Text>
                      <Text className='muted'>
                        {n} 人{total > 0 ? `（${Math.round((n / total) * 100)}%）` : ''}
                      </Text>
                    </View>
                    <Bar share={total > 0 ? n / total : 0} label={`${o} ${n} 人`} />
                  </View>
                );
              })
            )}
          </View>
        );
      })}
    </View>
  );
}

function TextAnswers({ texts }: { texts: string[] }) {
  const [all, setAll] = useState(false);
  if (texts.length === 0) return <Text className='muted'>还没有人填写</Text>;
  const shown = all ? texts : texts.slice(0, TEXTS_SHOWN);
  return (
    <View>
      {shown.map((t, i) => (
        <Text key={i} className='survey__text-answer'>
          “{t}”
        </Text>
      ))}
      {texts.length > TEXTS_SHOWN && (
        <View className='link' role='button' onClick={() => setAll(!all)}>
          {all ? '收起' : `查看全部 ${texts.length} 条`}
        </View>
      )}
    </View>
  );
}

function Summary({ pointId, summary, onChanged }: { pointId: string; summary: SurveySummary; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const close = async () => {
    if (!(await confirm('结束调研', '结束后居民不能再填写这份问卷，已收到的回答会保留。确定结束吗？', '结束'))) return;
    setBusy(true);
    try {
      await callAction('team', 'closeSurvey', { pointId });
      toast('调研已结束');
      onChanged();
    } catch (error) {
      toast(failureText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <View className='card'>
        <View className='row'>
          <Text className='survey__title'>{summary.title}</Text>
          <Text className={`tag ${summary.status === 'published' ? 'survey__live' : 'tag--grey'}`}>{surveyStatusLabel(summary.status)}</Text>
        </View>
        {summary.intro && <Text className='muted survey__intro'>{summary.intro}</Text>}
        <Text className='survey__count'>已收到 {summary.responseCount} 份回答</Text>
        {summary.status === 'published' && (
          <Text className='muted'>居民在联系点页面点“参与本联系点的年度调研”即可匿名填写，团队看不到是谁填的。</Text>
        )}
        {summary.status === 'published' && (
          <Button className='btn btn--plain' loading={busy} disabled={busy || undefined} onClick={() => void close()}>
            结束调研
          </Button>
        )}
      </View>
      <Results summary={summary} />
      <Export pointId={pointId} />
    </View>
  );
}

export default function Survey() {
  const { params } = useRouter();
  const pointId = routeParam(params.pointId);
  const { state, reload } = useAction('team', 'surveySummary', pointId ? { pointId } : null);

  if (!pointId) {
    return (
      <Screen>
        <Empty text='没有指明是哪个联系点' />
      </Screen>
    );
  }

  let body;
  if (state.status === 'loading') body = <Loading />;
  else if (state.status === 'error' && state.error.code !== 'NotFound') body = <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  // No survey this year yet: an empty one to build.
  else if (state.status === 'error') body = <Builder pointId={pointId} onPublished={() => void reload()} />;
  else if (state.data.status === 'draft') body = <Builder key={state.data.id} pointId={pointId} survey={state.data} onPublished={() => void reload()} />;
  else body = <Summary pointId={pointId} summary={state.data} onChanged={() => void reload()} />;

  return <Screen className='survey'>{body}</Screen>;
}
