/**
 * "10" of 1+10+N, the executive's own list: this year's count against the target, the people she keeps in contact
 * with (how to reach them is seen by her alone), each contact logged with the day, the way and what was talked about.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import type { ContactView, OutreachView } from '@core/actions';
import { CONTACT_WAYS, CONTACT_WAY_LABELS, OUTREACH_KINDS, OUTREACH_KIND_LABELS, type ContactWay, type OutreachKind } from '@core/domain';
import { textLength } from '@core/validate';
import { ChoiceGroup } from '@/components/ChoiceGroup';
import { Screen } from '@/components/Screen';
import { Empty, StateView } from '@/components/StateView';
import { ActionProblem } from '@/components/ActionProblem';
import { useListScreen } from '@/hooks/useListScreen';
import { callAction } from '@/services/cloud';
import { chinaDay, formatDay } from '@/utils/format';
import { useDraftKey } from '@/hooks/useDraftKey';
import { routeParam } from '@/utils/route';
import { Bar, failureText, toast } from '../shared/ui';
import './index.css';

const KIND_OPTIONS = OUTREACH_KINDS.map((k) => ({ value: k, text: OUTREACH_KIND_LABELS[k] }));
const WAY_OPTIONS = CONTACT_WAYS.map((w) => ({ value: w, text: CONTACT_WAY_LABELS[w] }));
const LOGS_SHOWN = 3;

function Progress({ view }: { view: OutreachView }) {
  const reached = view.people >= view.target;
  return (
    <View className='card'>
      <Text className='outreach__count'>
        今年已联系 {view.people} / {view.target} 人
      </Text>
      <Bar share={view.people / view.target} label={`今年已联系 ${view.people} / ${view.target} 人`} />
      <Text className='muted'>
        {reached ? '已达到每年联系 10 人的要求，继续保持。' : `还差 ${view.target - view.people} 人。`}同一个人今年联系多次只算 1 人。
      </Text>
    </View>
  );
}

function AddContact({ pointId, onAdded }: { pointId: string; onAdded: (view: OutreachView) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OutreachKind>('woman');
  const [reach, setReach] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const [draftKey, renewDraftKey] = useDraftKey();
  const add = async () => {
    if (textLength(name.trim()) < 1 || textLength(name.trim()) > 20) {
      setProblem('请填写她的名字或称呼（最多 20 个字）');
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      onAdded(await callAction('team', 'addContact', { pointId, name: name.trim(), kind, ...(reach.trim() ? { reach: reach.trim() } : {}), clientKey: draftKey }));
      renewDraftKey();
      toast('已添加');
      setName('');
      setReach('');
      setOpen(false);
    } catch (error) {
      setProblem(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <Button className='btn btn--primary' onClick={() => setOpen(true)}>
        添加联系人
      </Button>
    );
  }
  return (
    <View className='card field'>
      <Text className='card__title'>添加联系人</Text>
      <Text className='field__label'>名字或称呼</Text>
      <Input className='input' value={name} maxlength={20} placeholder='例如 韦大姐' onInput={(e) => setName(e.detail.value)} />
      <Text className='field__label points-sub'>她是</Text>
      <ChoiceGroup label='联系人类别' options={KIND_OPTIONS} value={kind} onChange={setKind} />
      <Text className='field__label points-sub'>怎么联系她（选填）</Text>
      <Input className='input' value={reach} maxlength={60} placeholder='例如 电话、住在哪个屯' onInput={(e) => setReach(e.detail.value)} />
      <Text className='field__hint'>只有您能看到，县妇联和团队其他成员都看不到。</Text>
      <ActionProblem text={problem} />
      <View className='points-buttons'>
        <Button className='btn btn--plain points-buttons__go' disabled={busy || undefined} onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button className='btn btn--primary points-buttons__go' loading={busy} disabled={busy || undefined} onClick={() => void add()}>
          保存联系人
        </Button>
      </View>
    </View>
  );
}

function LogForm({ contact, onLogged, onClose }: { contact: ContactView; onLogged: (view: OutreachView) => void; onClose: () => void }) {
  const today = chinaDay();
  const [day, setDay] = useState(today);
  const [way, setWay] = useState<ContactWay | undefined>();
  const [topic, setTopic] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const [draftKey] = useDraftKey();
  const log = async () => {
    if (!way) {
      setProblem('请选择联系方式');
      return;
    }
    if (textLength(topic.trim()) < 2 || textLength(topic.trim()) > 100) {
      setProblem('请写下聊了什么（2–100 个字）');
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      onLogged(await callAction('team', 'logContact', { contactId: contact.id, day, way, topic: topic.trim(), clientKey: draftKey }));
      toast('已记录');
      onClose();
    } catch (error) {
      setProblem(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='outreach__log-form field'>
      <Text className='field__label'>哪一天</Text>
      <Picker mode='date' value={day} start={`${Number(today.slice(0, 4)) - 1}-01-01`} end={today} onChange={(e) => setDay(String(e.detail.value))}>
        <View className='points-picker' role='button' aria-label='联系日期'>
          {day === today ? `今天（${formatDay(day)}）` : formatDay(day)}
        </View>
      </Picker>
      <Text className='field__label points-sub'>怎么联系的</Text>
      <ChoiceGroup label='联系方式' options={WAY_OPTIONS} value={way} onChange={setWay} />
      <Text className='field__label points-sub'>聊了什么</Text>
      <Input className='input' value={topic} maxlength={100} placeholder='例如 了解家里老人看病的难处' onInput={(e) => setTopic(e.detail.value)} />
      <ActionProblem text={problem} />
      <View className='points-buttons'>
        <Button className='btn btn--plain points-buttons__go' disabled={busy || undefined} onClick={onClose}>
          取消
        </Button>
        <Button className='btn btn--primary points-buttons__go' loading={busy} disabled={busy || undefined} onClick={() => void log()}>
          保存记录
        </Button>
      </View>
    </View>
  );
}

function ContactRow({ contact: c, logging, onLog, onLogged, onClose }: { contact: ContactView; logging: boolean; onLog: () => void; onLogged: (view: OutreachView) => void; onClose: () => void }) {
  const [all, setAll] = useState(false);
  const shown = all ? c.logs : c.logs.slice(0, LOGS_SHOWN);
  return (
    <View className='list-item outreach__contact'>
      <View className='row'>
        <Text className='outreach__name'>
          {c.name}
          <Text className='tag tag--grey outreach__kind'>{OUTREACH_KIND_LABELS[c.kind]}</Text>
        </Text>
        <Text className='muted'>{c.logs.length > 0 ? `今年 ${c.logs.length} 次` : '今年还没联系'}</Text>
      </View>
      {c.reach && <Text className='muted outreach__reach'>联系方式：{c.reach}（只有您能看到）</Text>}
      {shown.map((l, i) => (
        <Text key={`${l.day}-${i}`} className='outreach__log'>
          {formatDay(l.day)} · {CONTACT_WAY_LABELS[l.way]} · {l.topic}
        </Text>
      ))}
      {c.logs.length > LOGS_SHOWN && (
        <View className='link' role='button' onClick={() => setAll(!all)}>
          {all ? '收起' : `查看全部 ${c.logs.length} 次`}
        </View>
      )}
      {logging ? (
        <LogForm contact={c} onLogged={onLogged} onClose={onClose} />
      ) : (
        <Button className='btn btn--secondary' onClick={onLog}>
          记一次联系
        </Button>
      )}
    </View>
  );
}

export default function Outreach() {
  const { params } = useRouter();
  const pointId = routeParam(params.pointId);
  const { state, reload, setState } = useListScreen('team', 'listContacts', { pointId });
  const [logging, setLogging] = useState('');
  const show = (view: OutreachView) => setState({ status: 'ready', data: view });

  if (!pointId) {
    return (
      <Screen>
        <Empty text='没有指明是哪个联系点' />
      </Screen>
    );
  }

  return (
    <Screen className='outreach'>
      <StateView state={state} onRetry={reload}>
        {(view) => (
          <View>
            <Progress view={view} />
            <AddContact pointId={pointId} onAdded={show} />
            <View className='card outreach__list'>
              <Text className='card__title'>我的联系人（{view.contacts.length}）</Text>
              <Text className='muted'>经常联系的妇女代表和妇女群众。这份名单只有您（执委）能看到。</Text>
              {view.contacts.length === 0 ? (
                <Empty text='还没有联系人，先添加一位吧' />
              ) : (
                view.contacts.map((c) => (
                  <ContactRow key={c.id} contact={c} logging={logging === c.id} onLog={() => setLogging(c.id)} onLogged={show} onClose={() => setLogging('')} />
                ))
              )}
            </View>
          </View>
        )}
      </StateView>
    </Screen>
  );
}
