/**
 * Joining a point's service team with a one-time invite: from the invite's mini-program code (its `scene` is the
 * 8-character code), a link with `code`, or the code typed in. She sees what the invite is for before she joins.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { INVITE_CODE_PATTERN } from '@core/actions';
import { Screen } from '@/components/Screen';
import { StateView } from '@/components/StateView';
import { ActionProblem } from '@/components/ActionProblem';
import { useAction } from '@/hooks/useAction';
import { MEMBERSHIPS_CHANGED } from '@/services/events';
import { ActionFailure, callAction } from '@/services/cloud';
import { categoryLabel, formatTime } from '@/utils/format';
import { routeParam } from '@/utils/route';
import './index.css';

const INBOX = '/packages/workbench/inbox/index';

/** The code from the page's parameters: `scene` arrives URL-encoded from a mini-program code. */
export function codeFromParams(params: Record<string, string | undefined>): string {
  return routeParam(params.code ?? params.scene).trim().toUpperCase();
}

function CodeEntry({ onCode }: { onCode: (code: string) => void }) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState('');
  const go = () => {
    const code = typed.replace(/\s+/g, '').toUpperCase();
    if (!INVITE_CODE_PATTERN.test(code)) {
      setProblem('邀请码是 8 位字母或数字，请核对后再输入');
      return;
    }
    setProblem('');
    onCode(code);
  };
  return (
    <View className='card field'>
      <Text className='card__title'>输入邀请码</Text>
      <Text className='muted'>执委或县妇联邀请您加入服务团队时，会给您一个 8 位邀请码或一个小程序码。</Text>
      <Input className='input join__code' value={typed} maxlength={12} placeholder='8 位邀请码' onInput={(e) => setTyped(e.detail.value)} onConfirm={go} />
      {problem && <Text className='field__error'>{problem}</Text>}
      <Button className='btn btn--primary' onClick={go}>
        查看邀请
      </Button>
    </View>
  );
}

function Invite({ code }: { code: string }) {
  const { state, reload } = useAction('team', 'getInvite', { code });
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const join = async () => {
    setBusy(true);
    setProblem('');
    try {
      const membership = await callAction('team', 'joinTeam', { code, name: name.trim() });
      // The home page shows the workbench entry from now on.
      Taro.eventCenter.trigger(MEMBERSHIPS_CHANGED);
      void Taro.showToast({ title: `已加入${membership.pointName}`, icon: 'none', duration: 2000 });
      setTimeout(() => void Taro.redirectTo({ url: INBOX }), 800);
    } catch (error) {
      setProblem(error instanceof ActionFailure ? error.message : '没有加入成功，请稍后再试');
      setBusy(false);
    }
  };

  return (
    <StateView state={state} onRetry={reload}>
      {(invite) => (
        <View>
          <View className='card'>
            <Text className='card__title'>{invite.pointName}</Text>
            <Text className='muted'>邀请您以下面的身份加入服务团队：</Text>
            <View className='join__facts'>
              <Text className='join__fact'>身份：{invite.role}</Text>
              <Text className='join__fact'>帮什么忙：{invite.helpsWith}</Text>
              {invite.skills.length > 0 && <Text className='join__fact'>负责的诉求：{invite.skills.map(categoryLabel).join('、')}</Text>}
              <Text className='join__fact'>邀请码 {code}，有效期至 {formatTime(invite.expiresAt)}</Text>
            </View>
            {!invite.valid && (
              <View className='notice' role='alert'>
                <Text>这个邀请已经用过或已过期，请联系执委重新邀请。</Text>
              </View>
            )}
          </View>
          {invite.valid && (
            <View className='card field'>
              <Text className='field__label'>您的名字</Text>
              <Input className='input' value={name} maxlength={20} placeholder='例如 赵敏' onInput={(e) => setName(e.detail.value)} />
              <Text className='field__hint'>名字和身份会公开显示在联系点的服务团队名单上，来求助的居民都能看到。</Text>
              <ActionProblem text={problem} />
              <Button className='btn btn--primary' loading={busy} disabled={busy || name.trim().length === 0} onClick={join}>
                加入团队
              </Button>
            </View>
          )}
        </View>
      )}
    </StateView>
  );
}

export default function Join() {
  const { params } = useRouter();
  const fromLink = codeFromParams(params);
  const [code, setCode] = useState(INVITE_CODE_PATTERN.test(fromLink) ? fromLink : '');

  return (
    <Screen className='join'>
      {fromLink && !code && (
        <View className='notice' role='alert'>
          <Text>这个邀请链接不完整，请输入邀请码。</Text>
        </View>
      )}
      {code ? (
        <View>
          <Invite key={code} code={code} />
          <View className='link join__other' role='link' onClick={() => setCode('')}>
            输入其他邀请码
          </View>
        </View>
      ) : (
        <CodeEntry onCode={setCode} />
      )}
    </Screen>
  );
}
