/**
 * Free text passes WeChat's content check (security.msgSecCheck v2) before it is stored.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
 */
import type { ContentCheckOutcome } from '../core/domain';
import { ActionError } from '../core/envelope';
import { app } from './cloudbase';

interface MsgSecCheckAnswer {
  errcode?: number;
  result?: { suggest?: 'pass' | 'review' | 'risky' };
  detail?: { keyword?: string }[];
}

/** Scene 2 is "comment"-like text written by the user. */
const SCENE_USER_TEXT = 2;

export async function checkText(openid: string, content: string, fieldLabel: string): Promise<ContentCheckOutcome> {
  let answer: MsgSecCheckAnswer;
  try {
    const reply = await app.callWxOpenApi({
      apiName: 'security.msgSecCheck',
      requestData: { content, version: 2, scene: SCENE_USER_TEXT, openid },
    });
    answer = (reply as { result: MsgSecCheckAnswer }).result ?? {};
  } catch {
    // A failed check must not stop a woman asking for help; the request records that it was not checked.
    return 'unavailable';
  }
  if (answer.errcode !== 0) return 'unavailable';
  const suggest = answer.result?.suggest;
  if (suggest === 'risky') {
    const keyword = answer.detail?.find((d) => d.keyword)?.keyword;
    throw new ActionError(
      'ContentRejected',
      keyword
        ? `${fieldLabel}中的「${keyword}」未通过微信内容安全检查，请换一种说法后再提交，其余内容已为您保留`
        : `${fieldLabel}未通过微信内容安全检查，请修改后再提交，其余内容已为您保留`,
    );
  }
  return suggest === 'review' ? 'review' : 'pass';
}
