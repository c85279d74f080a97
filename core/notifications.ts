/**
 * Subscribe messages (订阅消息): which template goes to whom, and the neutral words it carries. Anyone holding her
 * phone can read a notification, so it never says what the request is about, who she is or where: only that there is
 * something to look at in the mini-program (DESIGN.md §3, step 7).
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import deployment from '../config/deployment.json';
import { chinaMinute } from './china-time';

export type NotificationKind = 'requestUpdate' | 'newAssignment';

export interface SubscribeTemplate {
  id: string;
  title: string;
  sentTo: string;
  /**
   * The keys a template picked from WeChat's public library gives its keywords (thing1, time2…) depend on the
   * template, so they are configured with its id rather than assumed.
   */
  fields: Record<'text' | 'time', { key: string; type: string; keyword: string }>;
}

/** The templates of the mini-program account (one place: config/deployment.json). */
export const SUBSCRIBE_TEMPLATES: Record<NotificationKind, SubscribeTemplate> = deployment.subscribeTemplates;

export const SUBSCRIBE_TEMPLATE_IDS: Record<NotificationKind, string> = {
  requestUpdate: SUBSCRIBE_TEMPLATES.requestUpdate.id,
  newAssignment: SUBSCRIBE_TEMPLATES.newAssignment.id,
};

/** WeChat refuses a `thing` value longer than this (errcode 47003), so every neutral text fits. */
export const THING_VALUE_MAX = 20;

/** "Grant gone": she has no unused grant for this template (revoked, or already used). Never retried. */
export const GRANT_GONE_ERRCODE = 43101;

/** A failed send is retried by the scheduler this many times at most. */
export const PUSH_ATTEMPTS_MAX = 5;

/** Why a message is sent; each goes out on its kind's template, with its own neutral words. */
export type NotificationReason = 'requestUpdate' | 'newAssignment' | 'deadlineNear' | 'deadlinePassed' | 'urged';

export const TEMPLATE_OF: Record<NotificationReason, NotificationKind> = {
  requestUpdate: 'requestUpdate',
  newAssignment: 'newAssignment',
  deadlineNear: 'newAssignment',
  deadlinePassed: 'newAssignment',
  urged: 'newAssignment',
};

const NEUTRAL_TEXT: Record<NotificationReason, string> = {
  requestUpdate: '您关注的事项有新进展，请进入小程序查看',
  newAssignment: '您有一条新的待办，请进入小程序查看',
  deadlineNear: '您有一条待办快到时限了，请进入小程序查看',
  deadlinePassed: '您有一条待办已超过时限，请进入小程序查看',
  urged: '您有一条待办需尽快处理，请进入小程序查看',
};

/** Every value a notification may carry besides the time: tests check recorded sends against this. */
export const NEUTRAL_TEXTS: readonly string[] = Object.values(NEUTRAL_TEXT);

export interface SubscribeMessage {
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** The page a tap on the message opens: her request, or the request in the workbench. */
export function renderNotification(reason: NotificationReason, requestId: string, at: Date): SubscribeMessage {
  const kind = TEMPLATE_OF[reason];
  const { id, fields } = SUBSCRIBE_TEMPLATES[kind];
  return {
    templateId: id,
    page: kind === 'requestUpdate' ? `pages/request-detail/index?id=${requestId}` : `packages/workbench/request/index?id=${requestId}`,
    data: { [fields.text.key]: { value: NEUTRAL_TEXT[reason] }, [fields.time.key]: { value: chinaMinute(at) } },
  };
}
