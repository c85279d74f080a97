/**
 * 我的数据: everything the service holds about her, to read, download (a JSON file), or delete. Deleting withdraws
 * her open requests, anonymises every request and removes her sign-ups; it cannot be undone.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { DeletedMyData, MyData } from '@core/actions';
// Screen and StateView first: their styles come before the components' on every page (one CSS order).
import { Screen } from '@/components/Screen';
import { StateView } from '@/components/StateView';
import { useAction } from '@/hooks/useAction';
import { ActionFailure, callAction } from '@/services/cloud';
import { calendarDay, categoryLabel, formatTime, statusLabel } from '@/utils/format';
import './index.css';

const failureText = (error: unknown) => (error instanceof ActionFailure ? error.message : '没有成功，请稍后再试');

export const fileNameOf = (at: Date = new Date()) => `我的数据-${calendarDay(at)}.json`;

export const deletedText = (d: DeletedMyData) => `已撤回 ${d.withdrawn} 条、匿名化 ${d.anonymised} 条诉求，删除 ${d.signUpsRemoved} 条报名记录`;

/** A file of her data: a download in a browser; in the mini-program, a file she can send to a chat (and save from there). */
async function saveFile(data: MyData) {
  const json = JSON.stringify(data, null, 2);
  const fileName = fileNameOf();
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  const filePath = `${Taro.env.USER_DATA_PATH ?? ''}/${fileName}`;
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: json, encoding: 'utf8', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) }),
  );
  try {
    await Taro.shareFileMessage({ filePath, fileName });
  } catch {
    void Taro.showToast({ title: '当前微信版本不支持发送文件，请升级后再试', icon: 'none' });
  }
}

function Requests({ requests }: { requests: MyData['requests'] }) {
  return (
    <View className='card'>
      <Text className='card__title'>我的诉求（{requests.length}）</Text>
      {requests.length === 0 && <Text className='muted my-data__line'>没有诉求记录</Text>}
      {requests.map((r) => (
        <View key={r.id} className='my-data__item'>
          <Text className='my-data__line'>{r.pointName}</Text>
          <Text className='muted my-data__line'>
            {categoryLabel(r.category)} · {statusLabel(r.status)} · 提交于 {formatTime(r.createdAt)}
          </Text>
          <Text className='my-data__description'>{r.description}</Text>
          {r.contact.phone && <Text className='my-data__line'>联系电话：{r.contact.phone}</Text>}
          <Text className='muted my-data__line'>
            同意书：第 {r.consent.version} 版，{formatTime(r.consent.at)} 同意
            {r.consent.withdrawnAt ? `，${formatTime(r.consent.withdrawnAt)} 撤回` : ''}
          </Text>
          {r.anonymiseAfter && <Text className='muted my-data__line'>将于 {formatTime(r.anonymiseAfter)} 后匿名化</Text>}
        </View>
      ))}
    </View>
  );
}

function SignUps({ signUps }: { signUps: MyData['signUps'] }) {
  return (
    <View className='card'>
      <Text className='card__title'>活动报名（{signUps.length}）</Text>
      {signUps.length === 0 && <Text className='muted my-data__line'>没有报名记录</Text>}
      {signUps.map((s) => (
        <View key={`${s.activityTitle}-${s.signedUpAt}`} className='my-data__item'>
          <Text className='my-data__line'>{s.activityTitle}</Text>
          <Text className='muted my-data__line'>
            {s.pointName} · 活动时间 {formatTime(s.startsAt)}
          </Text>
          <Text className='my-data__line'>
            称呼：{s.displayName} · {formatTime(s.signedUpAt)} 报名{s.cancelledAt ? `，${formatTime(s.cancelledAt)} 取消` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

function AccessLog({ entries }: { entries: MyData['accessLog'] }) {
  return (
    <View className='card'>
      <Text className='card__title'>谁查看过</Text>
      <Text className='muted my-data__line'>除了处理诉求的服务团队，其他工作人员查看您的诉求时都会留下记录。</Text>
      {entries.length === 0 && <Text className='my-data__line'>目前没有其他人查看过您的诉求</Text>}
      {entries.map((e) => (
        <View key={`${e.requestId}-${e.at}`} className='my-data__item'>
          <Text className='my-data__line'>{e.viewer}</Text>
          <Text className='muted my-data__line'>
            {formatTime(e.at)} · 原因：{e.reason}
          </Text>
        </View>
      ))}
    </View>
  );
}

function Contents({ data, onDeleted }: { data: MyData; onDeleted: (d: DeletedMyData) => void }) {
  const [busy, setBusy] = useState<'download' | 'delete' | null>(null);

  const download = async () => {
    setBusy('download');
    try {
      await saveFile(data);
    } catch {
      void Taro.showToast({ title: '没有保存成功，请稍后再试', icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: '删除我的数据',
      content: '还在处理中的诉求会被撤回，服务团队将不再帮助您处理；所有诉求会被匿名化，活动报名记录会被删除。删除后无法恢复，确定删除吗？',
      confirmText: '删除',
      confirmColor: '#c8102e',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy('delete');
    try {
      onDeleted(await callAction('resident', 'deleteMyData', { confirm: 'delete' }));
    } catch (error) {
      void Taro.showToast({ title: failureText(error), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <View>
      <View className='card'>
        <Text className='card__title'>我们保存了什么</Text>
        <Text className='my-data__text'>
          这里是您在执委联系点留下的全部信息：您提交的诉求（内容、联系方式、同意书）、活动报名，以及其他工作人员查看您诉求的记录。
        </Text>
        <Text className='my-data__text'>诉求办结后，按县妇联规定的保存期限到期即匿名化（每条诉求下注明了时间），之后不再能看出是谁提交的。</Text>
        <Text className='muted my-data__line'>生成于 {formatTime(data.generatedAt)}</Text>
      </View>
      <Requests requests={data.requests} />
      <SignUps signUps={data.signUps} />
      <AccessLog entries={data.accessLog} />
      <View className='card'>
        <Button className='btn btn--secondary' loading={busy === 'download'} disabled={busy !== null || undefined} onClick={() => void download()}>
          下载我的数据
        </Button>
        <Button className='btn btn--plain my-data__danger' loading={busy === 'delete'} disabled={busy !== null || undefined} onClick={() => void remove()}>
          删除我的数据
        </Button>
      </View>
    </View>
  );
}

export default function MyDataPage() {
  const { state, reload } = useAction('resident', 'myData', {});
  const [deleted, setDeleted] = useState<DeletedMyData | null>(null);

  return (
    <Screen className='my-data' quickExit>
      {deleted && (
        <View className='card my-data__result' role='status'>
          <Text className='card__title'>已删除</Text>
          <Text className='my-data__line'>{deletedText(deleted)}</Text>
        </View>
      )}
      <StateView state={state} onRetry={reload}>
        {(data) =>
          <Contents
            data={data}
            onDeleted={(d) => {
              setDeleted(d);
              void reload();
            }}
          />
        }
      </StateView>
    </Screen>
  );
}
