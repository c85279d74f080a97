/** The neutral screen that quick exit leads to: everyday content, no trace of where she came from. */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import './index.css';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

const TIPS = [
  { title: '蔬菜怎样洗更干净', text: '先用清水冲洗表面，再浸泡 10 分钟左右，最后用流动的水冲一遍。' },
  { title: '冬季室内通风', text: '每天开窗通风两到三次，每次 15 到 30 分钟，保持空气清新。' },
  { title: '米面怎样保存', text: '放在阴凉干燥处，密封保存，避免受潮和生虫。' },
];

export default function Neutral() {
  const today = new Date();
  return (
    <View className='neutral'>
      <Text className='neutral__date'>
        {today.getMonth() + 1}月{today.getDate()}日 星期{WEEKDAYS[today.getDay()]}
      </Text>
      {TIPS.map((tip) => (
        <View key={tip.title} className='neutral__tip'>
          <Text className='neutral__title'>{tip.title}</Text>
          <Text className='neutral__text'>{tip.text}</Text>
        </View>
      ))}
      <Text className='neutral__home' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
        首页
      </Text>
    </View>
  );
}
