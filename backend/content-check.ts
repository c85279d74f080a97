/**
 * Every free-text field of an action passes WeChat's content check (security.msgSecCheck v2) before anything is
 * written: the router lists the fields while parsing and checks them here, so no action can forget one.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
 */
import type { ContentCheckOutcome } from '../core/domain';
import { ActionError } from '../core/envelope';
import type { FreeText } from '../core/validate';
import { app } from './cloudbase';

interface MsgSecCheckAnswer {
  errcode?: number;
  result?: { suggest?: 'pass' | 'review' | 'risky' };
  detail?: { keyword?: string }[];
}

/** Scene 2 is "comment"-like text written by the user. */
const SCENE_USER_TEXT = 2;
/** msgSecCheck takes at most 2,500 characters per call. */
const CONTENT_MAX = 2500;

/** What a field is called in the message she reads, by the last key of its path. */
const FIELD_LABELS: Record<string, string> = {
  description: '描述',
  safeTimes: '方便联系的时间',
  text: '文字',
  reason: '原因',
  comment: '评价',
  summary: '小结',
  note: '说明',
  outcome: '结果',
  role: '角色',
  helpsWith: '擅长内容',
  name: '名称或姓名',
  displayName: '称呼',
  title: '标题',
  executiveTitle: '执委职务',
  place: '地点',
  intro: '说明',
  address: '地址',
  serviceHours: '服务时间',
  duties: '职责',
  options: '选项',
  reach: '联系方式说明',
  topic: '内容',
};

const labelOf = (path: string) => FIELD_LABELS[path.replace(/\[\d+\]/g, '').split('.').pop() ?? ''] ?? '填写的内容';

const WORST: ContentCheckOutcome[] = ['pass', 'review', 'unavailable'];

/** Checks the fields in as few calls as the length limit allows; `undefined` when there was no text to check. */
export async function checkFreeText(openid: string, fields: FreeText[]): Promise<ContentCheckOutcome | undefined> {
  if (!fields.length) return undefined;
  const batches: FreeText[][] = [[]];
  let length = 0;
  for (const field of fields) {
    const size = Array.from(field.text).length + 1;
    if (length + size > CONTENT_MAX && (batches.at(-1) as FreeText[]).length) {
      batches.push([]);
      length = 0;
    }
    (batches.at(-1) as FreeText[]).push(field);
    length += size;
  }
  let outcome: ContentCheckOutcome = 'pass';
  for (const batch of batches) {
    const checked = await checkBatch(openid, batch);
    if (WORST.indexOf(checked) > WORST.indexOf(outcome)) outcome = checked;
  }
  return outcome;
}

async function checkBatch(openid: string, fields: FreeText[]): Promise<ContentCheckOutcome> {
  let answer: MsgSecCheckAnswer;
  try {
    const reply = await app.callWxOpenApi({
      apiName: 'security.msgSecCheck',
      requestData: { content: fields.map((f) => f.text).join('\n').slice(0, CONTENT_MAX), version: 2, scene: SCENE_USER_TEXT, openid },
    });
    answer = (reply as { result: MsgSecCheckAnswer }).result ?? {};
  } catch {
    // A failed check must not stop a woman asking for help; a request records that it was not checked.
    return 'unavailable';
  }
  if (answer.errcode !== 0) return 'unavailable';
  const suggest = answer.result?.suggest;
  if (suggest === 'risky') {
    const keyword = answer.detail?.find((d) => d.keyword)?.keyword;
    const field = (keyword && fields.find((f) => f.text.includes(keyword))) || (fields.length === 1 ? fields[0] : undefined);
    const label = field ? labelOf(field.path) : '填写的内容';
    throw new ActionError(
      'ContentRejected',
      keyword
        ? `${label}中的「${keyword}」未通过微信内容安全检查，请换一种说法后再提交，其余内容已为您保留`
        : `${label}未通过微信内容安全检查，请修改后再提交，其余内容已为您保留`,
    );
  }
  return suggest === 'review' ? 'review' : 'pass';
}
