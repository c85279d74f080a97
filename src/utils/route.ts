import Taro from '@tarojs/taro';

/** A route parameter as written, whether it arrives URL-encoded (H5, a scanned code) or already decoded (the mini-program). */
export function routeParam(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Back to a list after its entry left the caller's hands: the page below when she came from that list, else the list
 * in place of this page.
 */
export function backToList(url: string) {
  const pages = Taro.getCurrentPages();
  const below = pages[pages.length - 2] as { route?: string; path?: string } | undefined;
  const route = url.replace(/^\//, '').replace(/\/index$/, '');
  if ((below?.route ?? below?.path ?? '').includes(route)) void Taro.navigateBack();
  else void Taro.redirectTo({ url });
}
