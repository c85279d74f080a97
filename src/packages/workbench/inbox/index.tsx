/**
 * The team's inbox: tabs 新派单 / 我的 / 办理中 / 已超时 / 已办结 with the counts the function computed by the same rules
 * (core/inbox.ts), the most pressing first; entries to each of her teams, and the "new assignment" reminder.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { INBOX_TABS, type InboxItem, type InboxTab, type TeamInbox } from '@core/actions';
import { inTab, sortForInbox } from '@core/inbox';
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
import { RequestHeading } from '@/components/RequestHeading';
import { useAction } from '@/hooks/useAction';
import { useListScreen } from '@/hooks/useListScreen';
import { ActionFailure, callAction } from '@/services/cloud';
import { askForGrant, subscribeSupported } from '@/services/subscribe';
import { formatTime } from '@/utils/format';
import './index.css';

export const TAB_LABELS: Record<InboxTab, string> = { new: '新派单', mine: '我的', inProgress: '办理中', overdue: '已超时', done: '已办结' };

const EMPTY_TEXT: Record<InboxTab, string> = {
  new: '没有等待受理的诉求',
  mine: '暂时没有派给您的诉求',
  inProgress: '没有办理中的诉求',
  overdue: '没有超时的诉求',
  done: '还没有办结的诉求',
};

/** "Mine" when she has something to do, else what waits for someone to accept it. */
export const defaultTab = (inbox: TeamInbox): InboxTab => (inbox.counts.mine > 0 ? 'mine' : 'new');

export const itemsOfTab = (inbox: TeamInbox, tab: InboxTab): InboxItem[] => sortForInbox(inbox.items.filter((i) => inTab(tab, i)));

const openRequest = (id: string) => Taro.navigateTo({ url: `/packages/workbench/request/index?id=${encodeURIComponent(id)}` });

function InboxRow({ item }: { item: InboxItem }) {
  return (
    <View className='list-item inbox__item' hoverClass='list-item--hover' onClick={() => openRequest(item.id)}>
      <View className='row'>
        <View className='inbox__heading'>
          {item.unread && <Text className='unread-dot' aria-label='未读' />}
          <RequestHeading request={item} />
        </View>
      </View>
      <View className='inbox__marks'>
        {item.inDanger && <Text className='tag tag--urgent'>有危险</Text>}
        {item.overdue && <Text className='tag inbox__overdue'>已超时</Text>}
        {item.assignedToMe && <Text className='tag tag--grey'>我负责</Text>}
      </View>
      <Text className='muted'>
        {item.pointName} · {formatTime(item.createdAt)}
      </Text>
    </View>
  );
}

/** WeChat's one-time grant for one "new assignment" message, asked inside her tap. */
function AssignmentReminder() {
  const [busy, setBusy] = useState(false);
  if (!subscribeSupported()) return null;
  const ask = async () => {
    const granted = askForGrant('newAssignment');
    setBusy(true);
    try {
      if (!(await granted)) return;
      const { notifyTokens } = await callAction('team', 'subscribe', {});
      void Taro.showToast({ title: `已开启，还会提醒您 ${notifyTokens} 次`, icon: 'none' });
    } catch (error) {
      void Taro.showToast({ title: error instanceof ActionFailure ? error.message : '没有开启成功，请稍后再试', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button className='btn btn--plain inbox__entry' loading={busy} disabled={busy} onClick={ask}>
      开启新待办提醒
    </Button>
  );
}

export default function Inbox() {
  const { state, reload } = useListScreen('team', 'inbox', {});
  const me = useAction('resident', 'whoami', {});
  const [chosen, setChosen] = useState<InboxTab | null>(null);
  const memberships = me.state.status === 'ready' ? me.state.data.memberships : [];

  return (
    <Screen className='inbox'>
      <View className='inbox__entries'>
        {memberships.map((m) => (
          <Button
            key={m.memberId}
            className='btn btn--secondary inbox__entry'
            onClick={() => Taro.navigateTo({ url: `/packages/workbench/team/index?pointId=${encodeURIComponent(m.pointId)}` })}
          >
            {memberships.length > 1 ? `团队 · ${m.pointName}` : '团队'}
          </Button>
        ))}
        <AssignmentReminder />
      </View>
      <StateView state={state} onRetry={reload}>
        {(inbox) => {
          const tab = chosen ?? defaultTab(inbox);
          const items = itemsOfTab(inbox, tab);
          return (
            <View>
              <View className='inbox__summary row' role='status'>
                <Text>{inbox.counts.unread > 0 ? `${inbox.counts.unread} 条未读` : '没有未读'}</Text>
                {inbox.counts.overdue > 0 && <Text className='inbox__overdue-count'>{inbox.counts.overdue} 条已超时</Text>}
              </View>
              <View className='inbox__tabs' role='tablist' aria-label='诉求分类'>
                {INBOX_TABS.map((t) => (
                  <View
                    key={t}
                    role='tab'
                    aria-selected={t === tab}
                    className={`inbox__tab ${t === tab ? 'inbox__tab--on' : ''}`}
                    onClick={() => setChosen(t)}
                  >
                    <Text>{TAB_LABELS[t]}</Text>
                    <Text className='inbox__count'>{inbox.counts[t]}</Text>
                  </View>
                ))}
              </View>
              <View className='card' role='tabpanel' aria-label={TAB_LABELS[tab]}>
                {items.length === 0 ? <Empty text={EMPTY_TEXT[tab]} /> : items.map((i) => <InboxRow key={i.id} item={i} />)}
              </View>
            </View>
          );
        }}
      </StateView>
    </Screen>
  );
}
