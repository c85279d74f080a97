/**
 * A request as the people handling it see it: what she asked and how to reach her, the deadlines, referrals and the
 * timeline. The team's workbench and the county's 督办 page show the same file with their own steps in the middle;
 * the function decides what each may see (county staff get the phone masked and no safe times).
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { TeamRequestView } from '@core/actions';
import { CONTACT_METHOD_LABELS } from '@core/domain';
import { isOpen } from '@core/lifecycle';
import { PhotoStrip } from '@/components/PhotoStrip';
import { RequestHeading } from '@/components/RequestHeading';
import { Timeline } from '@/components/Timeline';
import { agencyLabel, formatTime } from '@/utils/format';
import './RequestFile.css';

type Viewer = 'team' | 'county';

function Deadlines({ request: r, viewer }: { request: TeamRequestView; viewer: Viewer }) {
  return (
    <View className='card'>
      <Text className='card__title'>办理时限</Text>
      <View className='request-file__deadline row'>
        <Text>首次响应</Text>
        <Text className={r.status === 'assigned' && r.overdue ? 'request-file__late' : ''}>
          {r.status === 'assigned' ? `${formatTime(r.firstResponseBy)} 前受理` : '已受理'}
        </Text>
      </View>
      <View className='request-file__deadline row'>
        <Text>办结期限</Text>
        <Text className={r.overdue ? 'request-file__late' : ''}>{formatTime(r.resolveBy)} 前</Text>
      </View>
      {r.extensionDays > 0 && (
        <Text className='muted'>
          {viewer === 'county' ? '团队已申请' : '已'}延期 {r.extensionDays} 天（已计入办结期限）
        </Text>
      )}
      {r.overdue && <Text className='field__error'>{viewer === 'county' ? '已超过时限' : '已超时，请尽快处理'}</Text>}
    </View>
  );
}

function Referrals({ request: r }: { request: TeamRequestView }) {
  if (r.referrals.length === 0) return null;
  return (
    <View className='card'>
      <Text className='card__title'>转介</Text>
      {r.referrals.map((ref, index) => (
        <View key={`${ref.agency}-${ref.at}-${index}`} className='list-item'>
          <View className='row'>
            <Text className='field__label'>{agencyLabel(ref.agency)}</Text>
            <Text className='muted'>{formatTime(ref.at)}</Text>
          </View>
          <Text className='request-text'>{ref.note}</Text>
          {ref.outcome ? (
            <Text className='request-file__outcome'>
              结果（{formatTime(ref.outcomeAt ?? ref.at)}）：{ref.outcome}
            </Text>
          ) : (
            <Text className='muted'>等待转介结果</Text>
          )}
        </View>
      ))}
    </View>
  );
}

/**
 * The row of steps over the forms in a request's file, one form open at a time (`open`); a refusal while no form is
 * open shows under the row. `className` names the page's row.
 */
export function StepBar<S extends string>({
  className,
  label,
  steps,
  labels,
  open,
  problem,
  onChoose,
}: {
  className: string;
  label: string;
  steps: readonly S[];
  labels: Record<S, string>;
  open: S | null;
  problem: string;
  onChoose: (step: S) => void;
}) {
  return (
    <View>
      {steps.length > 0 && (
        <View className={`request-steps ${className}`} role='toolbar' aria-label={label}>
          {steps.map((s) => (
            <View
              key={s}
              role='button'
              aria-expanded={open === s}
              className={`request-steps__button ${open === s ? 'request-steps__button--on' : ''}`}
              onClick={() => onChoose(s)}
            >
              {labels[s]}
            </View>
          ))}
        </View>
      )}
      {problem && !open && (
        <View className='notice' role='alert'>
          <Text>{problem}</Text>
        </View>
      )}
    </View>
  );
}

export function RequestFile({ request: r, viewer, children }: { request: TeamRequestView; viewer: Viewer; children: ReactNode }) {
  return (
    <View>
      <View className='card'>
        <RequestHeading request={r} large />
        <Text className='muted'>
          {r.pointName} · {formatTime(r.createdAt)} · 负责：{r.assignedToMe ? '我' : r.assigneeRole}
        </Text>
        <View>
          {r.inDanger && <Text className='tag tag--urgent'>{viewer === 'team' ? '她说现在有危险，请立即联系' : '她说现在有危险'}</Text>}
          {r.overdue && <Text className='tag request-file__overdue-tag'>已超时</Text>}
        </View>
        <Text className='request-text'>{r.description}</Text>
        <PhotoStrip photos={r.photos} />
      </View>
      <View className='card'>
        <Text className='card__title'>联系方式</Text>
        {r.contact.anonymous ? (
          <Text>{viewer === 'team' ? '她选择了匿名：请只在小程序里回复，不要尝试其他方式联系。' : '她选择了匿名，只能在小程序里回复她。'}</Text>
        ) : (
          <View>
            <Text className='request-file__phone'>电话：{r.contact.phone ?? '—'}</Text>
            {r.contact.method && <Text className='muted'>联系方式：{CONTACT_METHOD_LABELS[r.contact.method]}</Text>}
            {r.contact.safeTimes && <Text className='muted'>安全联系时间：{r.contact.safeTimes}</Text>}
            {viewer === 'county' && <Text className='field__hint'>号码已隐去，由负责的成员和执委联系她。</Text>}
          </View>
        )}
      </View>
      {isOpen(r) && <Deadlines request={r} viewer={viewer} />}
      <Referrals request={r} />
      {children}
      <View className='card'>
        <Text className='card__title'>办理记录</Text>
        <Timeline entries={r.timeline} audience='team' />
      </View>
    </View>
  );
}
