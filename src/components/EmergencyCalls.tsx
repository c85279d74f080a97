/** 110 and 12338 as one-tap calls, shown at once when she says she is in danger now. */
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { EMERGENCY_NUMBERS } from '@core/domain';
import './EmergencyCalls.css';

export function EmergencyCalls() {
  return (
    <View className='emergency' role='alert'>
      <Text className='emergency__title'>如果您现在有危险，请先打电话求助</Text>
      {EMERGENCY_NUMBERS.map(({ number, label }) =>
        // In a browser a tel: link is the call itself (and what a screen reader announces as one).
        process.env.TARO_ENV === 'h5' ? (
          <a key={number} className='btn emergency__call emergency__link' href={`tel:${number}`}>
            拨打 {label}
          </a>
        ) : (
          <Button key={number} className='btn emergency__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined)}>
            拨打 {label}
          </Button>
        ),
      )}
      <Text className='emergency__hint'>打完电话后，您仍然可以继续填写并提交，服务团队会尽快联系您。</Text>
    </View>
  );
}
