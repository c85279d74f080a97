/** A point's five displays (五亮): emblem, the executive's identity, the team, duties, activities. */
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { PointView } from '@core/actions';
import { Screen } from '@/components/Screen';
import { StateView } from '@/components/StateView';
import { useAction } from '@/hooks/useAction';
import { chinaDay } from '@/utils/format';
import './index.css';

/** From a plaque the code arrives as `scene` (mini-program code); from a link or share, as `code`. */
export function pointCodeFromParams(params: Record<string, string | undefined>): string | null {
  const raw = params.code ?? (params.scene ? decodeURIComponent(params.scene) : undefined);
  const code = raw?.trim().toUpperCase();
  return code ? code : null;
}

const PAST_SHOWN = 5;

interface MapRequest {
  latitude: number;
  longitude: number;
  name: string;
  address: string;
  scale: number;
}

/**
 * Taro's H5 `openLocation` hands the call to WeChat's JS-SDK (`window.wx`) when the page has it, but calls it once per
 * callback it wires (three times); this asks once.
 */
function openLocationH5(request: MapRequest): Promise<void> {
  const wx = (window as unknown as { wx?: { openLocation?: (o: MapRequest & { success: () => void; fail: (e: unknown) => void }) => void } }).wx;
  if (!wx?.openLocation) return Promise.reject(new Error('no WeChat JS-SDK'));
  const open = wx.openLocation;
  return new Promise((resolve, reject) => open({ ...request, success: () => resolve(), fail: reject }));
}

/** Opens the point on WeChat's map; a browser without WeChat gets Tencent Maps' public marker page instead. */
async function navigateTo(point: PointView) {
  const request = { latitude: point.latitude, longitude: point.longitude, name: point.name, address: point.address, scale: 16 };
  try {
    await (process.env.TARO_ENV === 'h5' ? openLocationH5(request) : Taro.openLocation(request));
  } catch {
    if (process.env.TARO_ENV !== 'h5') {
      void Taro.showToast({ title: '地图打开失败，请稍后再试', icon: 'none' });
      return;
    }
    const marker = `coord:${point.latitude},${point.longitude};title:${point.name};addr:${point.address}`;
    window.open(`https://apis.map.qq.com/uri/v1/marker?marker=${encodeURIComponent(marker)}&referer=${encodeURIComponent('执委联系点')}`, '_blank', 'noopener');
  }
}

/** In WeChat the share button opens the share sheet; in a browser the link is copied to send on. */
async function copyLink(point: PointView) {
  const link = `${window.location.origin}${window.location.pathname}#/pages/point/index?code=${encodeURIComponent(point.code)}`;
  await Taro.setClipboardData({ data: link });
  void Taro.showToast({ title: '链接已复制，可以发给朋友', icon: 'none' });
}

const openActivity = (id: string) => Taro.navigateTo({ url: `/packages/community/activity/index?id=${encodeURIComponent(id)}` });

/** Activities run through the app (with an id) open their own page: sign-up while upcoming, what happened once held. */
function ActivityCard({ title, none, activities, upcoming }: { title: string; none: string; activities: PointView['displays']['activities']; upcoming: boolean }) {
  return (
    <View className='card'>
      <Text className='card__title'>{title}</Text>
      {activities.length === 0 && <Text className='muted'>{none}</Text>}
      {activities.map((a) => {
        const id = a.id;
        const content = (
          <View>
            <Text className='point__activity-title'>{a.title}</Text>
            <Text className='muted'>
              {a.date} · {a.type}
              {a.place ? ` · ${a.place}` : ''}
            </Text>
          </View>
        );
        return id ? (
          <View key={id} className='list-item row point__activity' role='link' hoverClass='list-item--hover' onClick={() => void openActivity(id)}>
            {content}
            <Text className='point__activity-go'>{upcoming ? '报名 ›' : '回顾 ›'}</Text>
          </View>
        ) : (
          <View key={`${a.date}-${a.title}`} className='list-item'>
            {content}
          </View>
        );
      })}
    </View>
  );
}

function PointDisplays({ point }: { point: PointView }) {
  const { displays } = point;
  // Activity dates are days in China (the function's `chinaDay`), whatever the phone's own time zone is.
  const today = chinaDay();
  const upcoming = displays.activities.filter((a) => a.date >= today).sort((a, b) => a.date.localeCompare(b.date));
  const past = displays.activities
    .filter((a) => a.date < today)
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, PAST_SHOWN);
  return (
    <View>
      <View className='card point__header'>
        <Image className='point__emblem' src={displays.emblemUrl} mode='aspectFit' aria-label='妇联会徽' />
        <View className='point__heading'>
          <Text className='point__name'>{point.name}</Text>
          <Text className='muted'>{point.address}</Text>
        </View>
      </View>

      <View className='card point__executive'>
        {displays.executive.photoUrl ? (
          <Image className='point__photo' src={displays.executive.photoUrl} mode='aspectFill' aria-label='执委照片' />
        ) : (
          // A new executive whose photo is not up yet: her initial, never the former executive's photo.
          <View className='point__photo point__photo--initial' aria-label='执委'>
            <Text>{displays.executive.name.slice(0, 1)}</Text>
          </View>
        )}
        <View>
          <Text className='card__title'>执委 {displays.executive.name}</Text>
          <Text className='muted'>{displays.executive.title}</Text>
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>服务时间</Text>
        <Text>{point.serviceHours}</Text>
      </View>

      <View className='card'>
        <Text className='card__title'>服务团队（{point.team.length} 人）</Text>
        {point.team.map((m) => (
          <View key={`${m.name}-${m.role}`} className='list-item'>
            <Text className='point__member'>
              {m.name}
              <Text className='tag'>{m.isExecutive ? '执委' : m.role}</Text>
            </Text>
            <Text className='muted'>{m.helpsWith}</Text>
          </View>
        ))}
      </View>

      <View className='card'>
        <Text className='card__title'>工作职责</Text>
        {displays.duties.map((d) => (
          <Text key={d} className='point__duty'>
            · {d}
          </Text>
        ))}
      </View>

      <ActivityCard title='近期活动' none='近期暂无活动安排' activities={upcoming} upcoming />
      <ActivityCard title='往期活动' none='还没有往期活动记录' activities={past} upcoming={false} />
    </View>
  );
}

export default function PointPage() {
  const { params } = useRouter();
  const code = pointCodeFromParams(params);
  const { state, reload } = useAction('resident', 'getPoint', code ? { code } : null);

  const title = state.status === 'ready' ? state.data.name : '执委联系点';
  useShareAppMessage(() => ({ title, path: `/pages/point/index?code=${encodeURIComponent(code ?? '')}` }));
  useShareTimeline(() => ({ title, query: `code=${encodeURIComponent(code ?? '')}` }));

  if (!code) {
    return (
      <Screen>
        <Text>没有识别到联系点，请重新扫描牌匾上的小程序码。</Text>
      </Screen>
    );
  }

  return (
    <Screen className='point'>
      <StateView state={state} onRetry={reload}>
        {(point) => (
          <View>
            <PointDisplays point={point} />
            {/* Not read on load (the page stays at two database reads): the survey page says when there is none. */}
            <View
              className='link point__survey'
              role='link'
              onClick={() =>
                Taro.navigateTo({ url: `/packages/community/survey/index?pointId=${encodeURIComponent(point.id)}&pointName=${encodeURIComponent(point.name)}` })
              }
            >
              参与本联系点的年度调研 ›
            </View>
            <View className='row point__more'>
              <Button className='btn btn--secondary point__more-btn' onClick={() => void navigateTo(point)}>
                导航到这里
              </Button>
              {process.env.TARO_ENV === 'h5' ? (
                <Button className='btn btn--secondary point__more-btn' onClick={() => void copyLink(point)}>
                  分享给朋友
                </Button>
              ) : (
                <Button className='btn btn--secondary point__more-btn' openType='share'>
                  分享给朋友
                </Button>
              )}
            </View>
            <View className='point__actions'>
              <Button
                className='btn btn--primary'
                onClick={() =>
                  Taro.navigateTo({
                    url: `/pages/request-form/index?pointId=${encodeURIComponent(point.id)}&pointName=${encodeURIComponent(point.name)}`,
                  })
                }
              >
                在这里提交诉求
              </Button>
            </View>
          </View>
        )}
      </StateView>
    </Screen>
  );
}
