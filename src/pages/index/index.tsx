import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { POINT_CODE_PATTERN } from '@core/actions';
// Screen first: its styles come before the components' on every page (one CSS order in the shared chunk).
import { Screen } from '@/components/Screen';
import { CountyPicker } from '@/components/CountyPicker';
import { LocationNearby } from '@/components/LocationNearby';
import { SwitchRow } from '@/components/SwitchRow';
import { useAction } from '@/hooks/useAction';
import { useListScreen } from '@/hooks/useListScreen';
import { MEMBERSHIPS_CHANGED } from '@/services/events';
import { useLargeText } from '@/hooks/useLargeText';
import './index.css';

/** The team's 1+10+N: activities for anyone on the team; contacts and the survey are the executive's. */
const DUTY_LINKS = [
  ['activities', '活动'],
  ['outreach', '联系群众'],
  ['survey', '年度调研'],
] as const;

const openPoint = (code: string) => Taro.navigateTo({ url: `/pages/point/index?code=${encodeURIComponent(code)}` });

export default function Index() {
  const me = useAction('resident', 'whoami', {});
  // She just joined a team (in the workbench): show its entry when she comes back here.
  const reloadMe = me.reload;
  useEffect(() => {
    const follow = () => void reloadMe();
    Taro.eventCenter.on(MEMBERSHIPS_CHANGED, follow);
    return () => {
      Taro.eventCenter.off(MEMBERSHIPS_CHANGED, follow);
    };
  }, [reloadMe]);
  // One call for the "new progress" count on her requests card; read again when she comes back to this page.
  const mine = useListScreen('resident', 'listMyRequests', {});
  const unread = mine.state.status === 'ready' ? mine.state.data.filter((r) => r.unread).length : 0;
  const [largeText, setLargeText] = useLargeText();
  const [picking, setPicking] = useState(false);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');

  const goToCode = () => {
    const normalized = code.trim().toUpperCase();
    if (!POINT_CODE_PATTERN.test(normalized)) {
      setCodeError('请输入牌匾上的联系点编码，例如 XC-ANSHAN');
      return;
    }
    setCodeError('');
    void openPoint(normalized);
  };

  const memberships = me.state.status === 'ready' ? me.state.data.memberships : [];
  const countyStaff = me.state.status === 'ready' ? me.state.data.countyStaff : undefined;

  return (
    <Screen className='home'>
      <View className='home__hero'>
        <Text className='home__title'>妇联执委就在您身边</Text>
        <Text className='home__subtitle'>有操心事、烦心事、揪心事，都可以找身边的执委联系点</Text>
      </View>

      {memberships.length > 0 && (
        <View className='card'>
          <Text className='card__title'>服务团队工作台</Text>
          <Text className='muted'>您是 {memberships.map((m) => `${m.pointName}的${m.role}`).join('、')}</Text>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: '/packages/workbench/inbox/index' })}>
            进入工作台
          </Button>
          {memberships.map((m) => (
            <View key={m.memberId} className='home__duties'>
              <Text className='muted'>{memberships.length > 1 ? `${m.pointName} ` : ''}1+10+N：</Text>
              {(m.isExecutive ? DUTY_LINKS : DUTY_LINKS.slice(0, 1)).map(([page, label]) => (
                <View
                  key={page}
                  className='link'
                  role='link'
                  onClick={() => Taro.navigateTo({ url: `/packages/points/${page}/index?pointId=${encodeURIComponent(m.pointId)}&pointName=${encodeURIComponent(m.pointName)}` })}
                >
                  {label}
                </View>
              ))}
            </View>
          ))}
        </View>
      )}

      {countyStaff && (
        <View className='card'>
          <Text className='card__title'>县妇联工作台</Text>
          <Text className='muted'>{countyStaff.countyName}妇联：本县联系点的办理情况、督办、时限和联系点管理</Text>
          <View className='home__county'>
            <Button className='btn btn--primary home__county-go' onClick={() => Taro.navigateTo({ url: '/packages/county/dashboard/index' })}>
              数据看板
            </Button>
            <Button className='btn btn--secondary home__county-go' onClick={() => Taro.navigateTo({ url: '/packages/county/escalations/index' })}>
              督办
            </Button>
            <Button className='btn btn--secondary home__county-go' onClick={() => Taro.navigateTo({ url: '/packages/county/sla/index' })}>
              时限设置
            </Button>
            <Button className='btn btn--secondary home__county-go' onClick={() => Taro.navigateTo({ url: '/packages/points/admin/index' })}>
              联系点管理
            </Button>
          </View>
        </View>
      )}

      <View className='card'>
        <Text className='card__title'>附近的联系点</Text>
        <LocationNearby onOpen={openPoint} onDeclined={() => setPicking(true)} />
      </View>

      <View className='card'>
        <Text className='card__title'>按县区查找</Text>
        {picking ? (
          <CountyPicker onOpen={openPoint} />
        ) : (
          <Button className='btn btn--secondary' onClick={() => setPicking(true)}>
            手动选择县区
          </Button>
        )}
      </View>

      <View className='card'>
        <View className='row'>
          <Text className='card__title'>我的诉求</Text>
          {unread > 0 && (
            <Text className='home__unread'>
              <Text className='unread-dot' />
              {unread} 条新进展
            </Text>
          )}
        </View>
        <Text className='muted'>查看您提交过的诉求和办理进度</Text>
        <Button className='btn btn--secondary' onClick={() => Taro.navigateTo({ url: '/pages/my-requests/index' })}>
          查看我的诉求
        </Button>
      </View>

      <View className='card'>
        <Text className='card__title'>输入联系点编码</Text>
        <Text className='muted'>扫描牌匾上的小程序码可直接进入；也可以输入牌匾上的编码</Text>
        <View className='row home__code'>
          <Input
            className='input home__code-input'
            value={code}
            placeholder='例如 XC-ANSHAN'
            maxlength={32}
            onInput={(e) => setCode(e.detail.value)}
            onConfirm={goToCode}
          />
          <Button className='btn btn--primary home__code-go' onClick={goToCode}>
            前往
          </Button>
        </View>
        {codeError && <Text className='field__error'>{codeError}</Text>}
      </View>

      <View className='card'>
        <SwitchRow label='大字模式' checked={largeText} onChange={setLargeText}>
          <Text className='card__title'>大字模式</Text>
          <Text className='muted'>把文字放大，看得更清楚</Text>
        </SwitchRow>
      </View>

      <View className='home__join'>
        <View className='link' role='link' onClick={() => Taro.navigateTo({ url: '/packages/workbench/join/index' })}>
          收到团队邀请？加入服务团队
        </View>
      </View>
    </Screen>
  );
}
