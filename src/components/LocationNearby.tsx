/**
 * Nearby points, with location asked for only after she agrees here first. In the mini-program the agree button is
 * WeChat's privacy-authorization button and the position is the coarse one (getFuzzyLocation); either way it is
 * rounded to about a kilometre before it leaves the phone. Declining, or a failed location, leads to the picker.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
 */
import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { NearbyPoint } from '@core/actions';
import { coarse } from '@core/geo';
import { Empty, Loading } from '@/components/StateView';
import { ActionFailure, callAction } from '@/services/cloud';
import './LocationNearby.css';

type Stage =
  | { name: 'idle' }
  | { name: 'asking' }
  | { name: 'locating' }
  | { name: 'found'; points: NearbyPoint[] }
  | { name: 'declined' }
  /** `denied`: the phone refused the position (WeChat then needs its settings page to ask again). */
  | { name: 'noPosition'; denied: boolean }
  | { name: 'searchFailed'; message: string; position: Position };

interface Position {
  latitude: number;
  longitude: number;
}

const AGREE_BUTTON_ID = 'agree-location';

/** Her position is only good to about a kilometre, so the distance is shown to 100 m at best. */
export const formatDistance = (meters: number) =>
  meters < 1000 ? `约 ${Math.max(100, Math.round(meters / 100) * 100)} 米` : `约 ${(meters / 1000).toFixed(1)} 公里`;

async function currentPosition(): Promise<Position> {
  // Taro's H5 build has no getFuzzyLocation, and only accepts wgs84; a browser that never answers gives up after 15 s.
  const { latitude, longitude } =
    process.env.TARO_ENV === 'h5'
      ? await Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: 15_000 })
      : await Taro.getFuzzyLocation({ type: 'wgs84' });
  return { latitude: coarse(latitude), longitude: coarse(longitude) };
}

const deniedByPhone = (error: unknown) => /auth den|authorize|permission/i.test((error as { errMsg?: string } | undefined)?.errMsg ?? '');

type PrivacyAnswer = { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string };

export function LocationNearby({ onOpen, onDeclined }: { onOpen: (code: string) => void; onDeclined: () => void }) {
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  /** A platform privacy prompt waiting for her answer in this dialog. */
  const pendingPrivacy = useRef<((answer: PrivacyAnswer) => void) | null>(null);
  const shown = useRef(true);

  // WeChat keeps one privacy listener for the whole mini-program (the last one registered), so this page registers
  // it when it appears and each time it is shown again. A prompt raised while another page is in front cannot be
  // answered here, out of her sight: it is refused at once, so the other page's call fails instead of waiting forever.
  const listen = () => {
    shown.current = true;
    if (process.env.TARO_ENV !== 'weapp') return;
    Taro.onNeedPrivacyAuthorization((resolve) => {
      if (!shown.current) {
        resolve({ event: 'disagree' });
        return;
      }
      pendingPrivacy.current?.({ event: 'disagree' });
      pendingPrivacy.current = resolve;
      resolve({ event: 'exposureAuthorization' });
      setStage({ name: 'asking' });
    });
  };
  useEffect(listen, []);
  useDidShow(listen);
  useDidHide(() => {
    shown.current = false;
    answerPrivacy({ event: 'disagree' });
  });

  const answerPrivacy = (answer: PrivacyAnswer) => {
    pendingPrivacy.current?.(answer);
    pendingPrivacy.current = null;
  };

  const search = async (position: Position) => {
    setStage({ name: 'locating' });
    try {
      setStage({ name: 'found', points: await callAction('resident', 'listNearbyPoints', position) });
    } catch (error) {
      setStage({ name: 'searchFailed', position, message: error instanceof ActionFailure ? error.message : '查找没有成功，请稍后再试' });
    }
  };

  const locate = async () => {
    answerPrivacy({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    setStage({ name: 'locating' });
    let position: Position;
    try {
      position = await currentPosition();
    } catch (error) {
      setStage({ name: 'noPosition', denied: deniedByPhone(error) });
      onDeclined();
      return;
    }
    await search(position);
  };

  const decline = () => {
    answerPrivacy({ event: 'disagree' });
    setStage({ name: 'declined' });
    onDeclined();
  };

  return (
    <View>
      {stage.name === 'idle' && (
        <Button className='btn btn--primary' onClick={() => setStage({ name: 'asking' })}>
          查找附近的联系点
        </Button>
      )}
      {stage.name === 'asking' && (
        <View className='location-consent' role='dialog' aria-label='使用位置'>
          <Text className='location-consent__title'>用您的位置查找附近的联系点？</Text>
          <Text className='location-consent__text'>
            只用大致位置（精确到约 1 公里）计算距离，用完即弃，不会保存，也不会告诉任何人。
          </Text>
          <Button
            id={AGREE_BUTTON_ID}
            className='btn btn--primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={locate}
            onClick={process.env.TARO_ENV === 'h5' ? locate : undefined}
          >
            同意并查找
          </Button>
          <Button className='btn btn--secondary' onClick={decline}>
            不用了，手动选择
          </Button>
        </View>
      )}
      {stage.name === 'locating' && <Loading text='正在查找附近的联系点…' />}
      {stage.name === 'found' &&
        (stage.points.length === 0 ? (
          <Empty text='50 公里内没有找到联系点，请按县区查找' />
        ) : (
          <View>
            <Text className='muted'>按距离由近到远（距离为大约值）</Text>
            {stage.points.map((p) => (
              <View key={p.id} className='list-item nearby__item' hoverClass='list-item--hover' onClick={() => onOpen(p.code)}>
                <View className='row'>
                  <Text className='home__point-name'>{p.name}</Text>
                  <Text className='nearby__distance'>{formatDistance(p.distanceMeters)}</Text>
                </View>
                <Text className='muted'>{p.address}</Text>
              </View>
            ))}
          </View>
        ))}
      {stage.name === 'declined' && (
        <View>
          <Text className='muted'>好的，不使用位置。请在下面按县区查找。</Text>
          <Button className='btn btn--plain' onClick={() => setStage({ name: 'asking' })}>
            改用位置查找
          </Button>
        </View>
      )}
      {stage.name === 'noPosition' && (
        <View>
          <Text className='field__error'>没有拿到位置（可能没有开启定位权限），请在下面按县区查找。</Text>
          {stage.denied && process.env.TARO_ENV === 'weapp' && (
            <Button className='btn btn--plain' onClick={() => void Taro.openSetting()}>
              去设置里允许使用位置
            </Button>
          )}
        </View>
      )}
      {stage.name === 'searchFailed' && (
        <View>
          <Text className='field__error'>{stage.message}</Text>
          <Button className='btn btn--secondary' onClick={() => void search(stage.position)}>
            重试
          </Button>
        </View>
      )}
    </View>
  );
}
