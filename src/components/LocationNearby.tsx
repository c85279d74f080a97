/**
 * Nearby points, with location asked for only after she agrees here first. In the mini-program the agree button is
 * WeChat's privacy-authorization button and the position is the coarse one (getFuzzyLocation); either way it is
 * rounded to about a kilometre before it leaves the phone. Declining, or a failed location, leads to the picker.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
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
  | { name: 'failed'; message: string };

const AGREE_BUTTON_ID = 'agree-location';

export const formatDistance = (meters: number) => (meters < 1000 ? `约 ${Math.max(100, Math.round(meters / 100) * 100)} 米` : `约 ${(meters / 1000).toFixed(1)} 公里`);

async function currentPosition(): Promise<{ latitude: number; longitude: number }> {
  // Taro's H5 build has no getFuzzyLocation, and only accepts wgs84.
  const { latitude, longitude } =
    process.env.TARO_ENV === 'h5' ? await Taro.getLocation({ type: 'wgs84' }) : await Taro.getFuzzyLocation({ type: 'wgs84' });
  return { latitude: coarse(latitude), longitude: coarse(longitude) };
}

/** A platform privacy prompt (raised by the location call itself) is answered through the same dialog. */
let pendingPrivacyAnswer: ((answer: { event: 'agree' | 'disagree'; buttonId?: string }) => void) | null = null;

export function LocationNearby({ onOpen, onDeclined }: { onOpen: (code: string) => void; onDeclined: () => void }) {
  const [stage, setStage] = useState<Stage>({ name: 'idle' });

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    Taro.onNeedPrivacyAuthorization((resolve) => {
      pendingPrivacyAnswer = resolve;
      setStage({ name: 'asking' });
    });
  }, []);

  const locate = async () => {
    pendingPrivacyAnswer?.({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    pendingPrivacyAnswer = null;
    setStage({ name: 'locating' });
    let position;
    try {
      position = await currentPosition();
    } catch {
      setStage({ name: 'failed', message: '没有拿到位置（可能没有开启定位权限），请手动选择县区' });
      onDeclined();
      return;
    }
    try {
      setStage({ name: 'found', points: await callAction('resident', 'listNearbyPoints', position) });
    } catch (error) {
      setStage({ name: 'failed', message: error instanceof ActionFailure ? error.message : '查找没有成功，请稍后再试' });
    }
  };

  const decline = () => {
    pendingPrivacyAnswer?.({ event: 'disagree' });
    pendingPrivacyAnswer = null;
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
          <Empty text='50 公里内没有找到联系点，请手动选择县区' />
        ) : (
          stage.points.map((p) => (
            <View key={p.id} className='list-item nearby__item' hoverClass='list-item--hover' onClick={() => onOpen(p.code)}>
              <View className='row'>
                <Text className='home__point-name'>{p.name}</Text>
                <Text className='nearby__distance'>{formatDistance(p.distanceMeters)}</Text>
              </View>
              <Text className='muted'>{p.address}</Text>
            </View>
          ))
        ))}
      {stage.name === 'declined' && <Text className='muted'>好的，不使用位置。请在下面手动选择县区。</Text>}
      {stage.name === 'failed' && <Text className='field__error'>{stage.message}</Text>}
    </View>
  );
}
