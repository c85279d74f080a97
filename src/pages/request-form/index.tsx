/**
 * The request form: what happened, how urgent, photos, how and when it is safe to reach her (or anonymous), and a
 * separate consent for sensitive data. Her draft stays on the phone until the request is stored.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { SENSITIVE_DATA_CONSENT } from '@core/consent';
import { CATEGORIES, CATEGORY_LABELS, CONTACT_METHODS, CONTACT_METHOD_LABELS, DESCRIPTION_MAX, URGENCIES, URGENCY_LABELS } from '@core/domain';
// Screen first: its styles come before the components' on every page (one CSS order).
import { Screen } from '@/components/Screen';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { EmergencyCalls } from '@/components/EmergencyCalls';
import { PhotoField } from '@/components/PhotoField';
import { SwitchRow } from '@/components/SwitchRow';
import { ActionFailure, callAction } from '@/services/cloud';
import { askForGrant } from '@/services/subscribe';
import { clearDraft, descriptionCounter, loadDraft, saveDraft, toSubmitInput, validateDraft, type Draft, type DraftErrors } from './draft';
import './index.css';

function submitFailureText(failure: ActionFailure): string {
  if (failure.code === 'Network') return '网络不太稳定，没有提交成功。您写的内容已保存在手机上，请稍后再点提交。';
  if (failure.code === 'ContentRejected') return `${failure.message}。`;
  return failure.message;
}

export default function RequestForm() {
  const { params } = useRouter();
  const pointId = params.pointId ?? '';
  const pointName = params.pointName ? decodeURIComponent(params.pointName) : '';
  const [draft, setDraft] = useState<Draft>(() => loadDraft(pointId));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [submitError, setSubmitError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [consentOpen, setConsentOpen] = useState(false);

  useEffect(() => {
    if (pointId) saveDraft(pointId, draft);
  }, [pointId, draft]);

  const update = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));

  const submit = async () => {
    const found = validateDraft(draft);
    setErrors(found);
    setSubmitError('');
    if (Object.keys(found).length > 0) return;
    // In the mini-program, the prompt for one progress message comes first, still inside her tap (WeChat shows it
    // only there); her answer never holds the request back.
    const granted = askForGrant('requestUpdate');
    setSubmitting(true);
    try {
      const notifyGrant = await granted;
      const { id } = await callAction('resident', 'submitRequest', { ...toSubmitInput(pointId, draft), ...(notifyGrant ? { notifyGrant: true } : {}) });
      clearDraft(pointId);
      await Taro.redirectTo({ url: `/pages/request-detail/index?id=${encodeURIComponent(id)}&submitted=1` });
    } catch (error) {
      setSubmitError(submitFailureText(error instanceof ActionFailure ? error : new ActionFailure('Internal', '提交没有成功，请稍后再试')));
    } finally {
      setSubmitting(false);
    }
  };

  if (!pointId) {
    return (
      <Screen quickExit>
        <Text>请先从联系点页面进入再提交诉求。</Text>
      </Screen>
    );
  }

  const dangerAsked = draft.category === 'rights';

  return (
    <Screen className='request-form' quickExit>
      <View className='notice'>
        <Text>您正在向「{pointName}」的服务团队提交诉求。只有负责处理的成员和执委能看到您的联系方式。</Text>
      </View>

      <View className='card field'>
        <Text className='field__label'>遇到了哪方面的事？</Text>
        <ChoiceGroup
          label='诉求类别'
          options={CATEGORIES.map((c) => ({ value: c, text: CATEGORY_LABELS[c] }))}
          value={draft.category}
          onChange={(category) => update({ category })}
        />
        {errors.category && <Text className='field__error'>{errors.category}</Text>}
        {dangerAsked && (
          <View className='request-form__danger'>
            <SwitchRow
              label='我现在有危险'
              checked={draft.inDanger}
              // In danger now is a 揪心事: chosen for her, visibly, and she can still change it.
              onChange={(on) => update(on ? { inDanger: true, urgency: 'distress' } : { inDanger: false })}
            />
            {draft.inDanger && <EmergencyCalls />}
          </View>
        )}
      </View>

      <View className='card field'>
        <Text className='field__label'>这件事有多急？</Text>
        {URGENCIES.map((u) => (
          <View
            key={u}
            role='radio'
            aria-checked={draft.urgency === u}
            className={`urgency ${draft.urgency === u ? 'choice--selected' : ''}`}
            onClick={() => update({ urgency: u })}
          >
            <Text className='urgency__name'>{URGENCY_LABELS[u].name}</Text>
            <Text className='field__hint'>{URGENCY_LABELS[u].plain}</Text>
          </View>
        ))}
        {errors.urgency && <Text className='field__error'>{errors.urgency}</Text>}
      </View>

      <View className='card field'>
        <View className='row'>
          <Text className='field__label'>说说发生了什么</Text>
          <Text className='field__hint'>{descriptionCounter(draft.description)}</Text>
        </View>
        <Textarea
          className='textarea'
          value={draft.description}
          maxlength={DESCRIPTION_MAX}
          placeholder='写下您遇到的事情和希望得到的帮助（至少 5 个字）'
          onInput={(e) => update({ description: e.detail.value })}
        />
        {errors.description && <Text className='field__error'>{errors.description}</Text>}
      </View>

      <View className='card field'>
        <Text className='field__label'>照片</Text>
        <PhotoField clientKey={draft.clientKey} photos={draft.photos} onChange={(photos) => update({ photos })} />
        {errors.photos && <Text className='field__error'>{errors.photos}</Text>}
      </View>

      <View className='card field'>
        <SwitchRow label='匿名提交' checked={draft.anonymous} onChange={(anonymous) => update({ anonymous })} />
        <Text className='field__hint'>
          {draft.anonymous ? '匿名时不会有人打电话给您，团队只在小程序里回复，请留意“我的诉求”。' : '留下电话，团队会用您选的方式、在您方便安全的时间联系您。'}
        </Text>
        {!draft.anonymous && (
          <View>
            <Text className='field__label request-form__sub'>联系电话</Text>
            <Input className='input' type='number' value={draft.phone} maxlength={20} placeholder='手机号码' onInput={(e) => update({ phone: e.detail.value })} />
            {errors.phone && <Text className='field__error'>{errors.phone}</Text>}
            <Text className='field__label request-form__sub'>怎样联系您比较安全？</Text>
            <ChoiceGroup
              label='联系方式'
              options={CONTACT_METHODS.map((m) => ({ value: m, text: CONTACT_METHOD_LABELS[m] }))}
              value={draft.method}
              onChange={(method) => update({ method })}
            />
            <Text className='field__label request-form__sub'>什么时间联系您比较安全？（选填）</Text>
            <Input className='input' value={draft.safeTimes} maxlength={100} placeholder='例如：工作日上午，家里没人时' onInput={(e) => update({ safeTimes: e.detail.value })} />
            {errors.safeTimes && <Text className='field__error'>{errors.safeTimes}</Text>}
          </View>
        )}
      </View>

      <View className='card field'>
        <View
          className='request-form__consent'
          role='checkbox'
          aria-checked={draft.consentVersion === SENSITIVE_DATA_CONSENT.version}
          onClick={() => update({ consentVersion: draft.consentVersion ? '' : SENSITIVE_DATA_CONSENT.version })}
        >
          <View className={`checkbox ${draft.consentVersion ? 'checkbox--checked' : ''}`}>{draft.consentVersion ? '✓' : ''}</View>
          <Text>我已阅读并同意《{SENSITIVE_DATA_CONSENT.title}》</Text>
        </View>
        <Text className='link' onClick={() => setConsentOpen(!consentOpen)}>
          {consentOpen ? '收起说明' : '查看说明'}
        </Text>
        {consentOpen && <Text className='field__hint request-form__consent-text'>{SENSITIVE_DATA_CONSENT.text}</Text>}
        {errors.consentVersion && <Text className='field__error'>{errors.consentVersion}</Text>}
      </View>

      {submitError && (
        <View className='notice request-form__error' role='alert'>
          <Text>{submitError}</Text>
        </View>
      )}
      <Button className='btn btn--primary' loading={submitting} disabled={submitting} onClick={submit}>
        {submitting ? '正在提交…' : '提交诉求'}
      </Button>
    </Screen>
  );
}
