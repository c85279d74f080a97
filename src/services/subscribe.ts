/**
 * WeChat's one-time subscribe grants (订阅消息): one tap on the prompt allows one message of a template. WeChat shows
 * the prompt only when `requestSubscribeMessage` is called inside a tap handler, before that handler awaits anything
 * else, so callers call `askForGrant` first and await its answer afterwards. The H5 build has no such prompt.
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 */
import Taro from '@tarojs/taro';
import { SUBSCRIBE_TEMPLATE_IDS, type NotificationKind } from '@core/notifications';

/** The prompt exists only in the mini-program. */
export const subscribeSupported = (): boolean => process.env.TARO_ENV === 'weapp';

/**
 * Asks her for one message of this kind; true when she accepted. Never throws: a refusal, a ban in her settings or
 * an old WeChat all mean no grant, and whatever she was doing goes on.
 */
export function askForGrant(kind: NotificationKind): Promise<boolean> {
  if (!subscribeSupported()) return Promise.resolve(false);
  const templateId = SUBSCRIBE_TEMPLATE_IDS[kind];
  try {
    // Taro's typing asks for Alipay's entityIds too; WeChat takes tmplIds alone.
    const asked = Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Taro.requestSubscribeMessage.Option);
    return Promise.resolve(asked).then(
      (result) => (result as Record<string, unknown> | undefined)?.[templateId] === 'accept',
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}
