/**
 * Small pieces the point-running pages share: messages, a tick row, activity states and activity photos.
 *
 * Buttons here take `disabled={busy || undefined}`: in the H5 build `disabled={false}` is written as the attribute
 * disabled="false", which Taro's own `taro-button-core[disabled]` style matches, and the label turns white.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ActivityView, UploadedPhoto } from '@core/actions';
import { PhotoField } from '@/components/PhotoField';
import './ui.css';

export { failureText } from '@/services/cloud';

export const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });

/** Asks before something that cannot be undone. */
export async function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const { confirm: yes } = await Taro.showModal({ title, content, confirmText, cancelText: '取消' });
  return yes;
}

export type TeamActivityState = 'upcoming' | 'full' | 'started' | 'done' | 'cancelled';

/** Where an activity stands for the team: sign-up open (or full), started and waiting for attendance, done, cancelled. */
export function teamActivityState(a: Pick<ActivityView, 'status' | 'startsAt' | 'seatsLeft'>, now = Date.now()): TeamActivityState {
  if (a.status === 'cancelled') return 'cancelled';
  if (a.status === 'done') return 'done';
  if (Date.parse(a.startsAt) <= now) return 'started';
  return a.seatsLeft > 0 ? 'upcoming' : 'full';
}

export const TEAM_ACTIVITY_STATE_LABELS: Record<TeamActivityState, string> = {
  upcoming: '报名中',
  full: '名额已满',
  started: '待登记参加情况',
  done: '已结束',
  cancelled: '已取消',
};

export function ActivityStateTag({ state }: { state: TeamActivityState }) {
  return <Text className={`tag points-state points-state--${state}`}>{TEAM_ACTIVITY_STATE_LABELS[state]}</Text>;
}

/** A row she ticks (who came, a multiple-choice option): the whole row is the tap target. */
export function CheckRow({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (on: boolean) => void; hint?: string }) {
  return (
    <View className='points-check' role='checkbox' aria-checked={checked} onClick={() => onChange(!checked)}>
      <View className={`checkbox ${checked ? 'checkbox--checked' : ''}`}>{checked ? '✓' : ''}</View>
      <Text className='points-check__label'>{label}</Text>
      {hint && <Text className='muted'>{hint}</Text>}
    </View>
  );
}

/** A progress bar (0–1), with its figures said in words next to it for screen readers. */
export function Bar({ share, label }: { share: number; label: string }) {
  const width = `${Math.round(Math.max(0, Math.min(1, share)) * 100)}%`;
  return (
    <View className='points-bar' role='progressbar' aria-label={label} aria-valuenow={Math.round(share * 100)} aria-valuemin={0} aria-valuemax={100}>
      <View className='points-bar__fill' style={{ width }} />
    </View>
  );
}


/** Photos of an activity held: shown publicly on the activity's page, so the hint says so. */
export const ActivityPhotos = (props: { clientKey: string; photos: UploadedPhoto[]; onChange: (photos: UploadedPhoto[]) => void }) => (
  <PhotoField {...props} hint='照片会公开显示在活动页面上，请选没有拍清群众正脸的照片。' />
);
