/**
 * A test double of the @tarojs/taro APIs the app uses: the edge where the app meets WeChat. It records every call
 * so tests can assert on what was asked, and lets a test decide what the cloud function answers.
 */
type CloudHandler = (options: { name: string; data: unknown }) => Promise<{ result: unknown }>;

export const recorded: { api: string; args: unknown }[] = [];
let routerParams: Record<string, string> = {};
let cloudHandler: CloudHandler = async () => {
  throw new Error('no cloud handler set');
};
const storage = new Map<string, string>();
/** How WeChat's subscribe prompt answers: her choice per template id, or a failure (old WeChat, banned in settings). */
type SubscribeAnswer = Record<string, 'accept' | 'reject' | 'ban'> | Error;
let subscribeAnswer: SubscribeAnswer = {};

const record =
  (api: string) =>
  async (args?: unknown): Promise<void> => {
    recorded.push({ api, args });
  };

export function resetTaroDouble(): void {
  recorded.length = 0;
  routerParams = {};
  storage.clear();
  subscribeAnswer = {};
}
export const setSubscribeAnswer = (answer: SubscribeAnswer) => {
  subscribeAnswer = answer;
};
export const setRouterParams = (params: Record<string, string>) => {
  routerParams = params;
};
export const setCloudHandler = (handler: CloudHandler) => {
  cloudHandler = handler;
};
export const setStoredValue = (key: string, value: unknown) => storage.set(key, JSON.stringify(value));
export const storedValue = (key: string): unknown => (storage.has(key) ? JSON.parse(storage.get(key) as string) : undefined);

export const useRouter = () => ({ params: routerParams, path: '' });
export const useDidShow = (_: () => void) => undefined;
export const usePullDownRefresh = (_: () => void) => undefined;
export const useShareAppMessage = (_: () => unknown) => undefined;
export const useLaunch = (_: () => void) => undefined;

export const getStorageSync = (key: string): unknown => storedValue(key) ?? '';
export const setStorageSync = (key: string, value: unknown) => {
  storage.set(key, JSON.stringify(value));
};
export const removeStorageSync = (key: string) => {
  storage.delete(key);
};

export const navigateTo = record('navigateTo');
export const reLaunch = record('reLaunch');
export const makePhoneCall = record('makePhoneCall');
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
export const eventCenter = {
  on: (event: string, listener: (...args: unknown[]) => void) => void listeners.set(event, (listeners.get(event) ?? new Set()).add(listener)),
  off: (event: string, listener: (...args: unknown[]) => void) => void listeners.get(event)?.delete(listener),
  trigger: (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args)),
};
export const redirectTo = record('redirectTo');
export const showToast = record('showToast');
export const stopPullDownRefresh = record('stopPullDownRefresh');

/** Recorded when called (synchronously, as WeChat needs it inside the tap), answered afterwards. */
export const requestSubscribeMessage = (options: { tmplIds: string[] }) => {
  recorded.push({ api: 'requestSubscribeMessage', args: options });
  const answer = subscribeAnswer;
  return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...answer });
};

export const cloud = {
  init: record('cloud.init'),
  callFunction: async (options: { name: string; data: unknown }) => {
    recorded.push({ api: 'cloud.callFunction', args: options });
    return cloudHandler(options);
  },
};

const Taro = {
  useRouter,
  useDidShow,
  usePullDownRefresh,
  useShareAppMessage,
  useLaunch,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  navigateTo,
  reLaunch,
  makePhoneCall,
  eventCenter,
  redirectTo,
  showToast,
  stopPullDownRefresh,
  requestSubscribeMessage,
  cloud,
};
export default Taro;
