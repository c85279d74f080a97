/** 督办 list: the function's escalations (one per passed deadline) as one entry per request, the most pressing first. */
import type { EscalationItem } from '@core/actions';
import type { Category, RequestStatus, SlaDeadlineKind, Urgency } from '@core/domain';

export const DEADLINE_LABELS: Record<SlaDeadlineKind, string> = { firstResponse: '超过受理时限', resolution: '超过办结时限' };

export interface OverdueRequest {
  requestId: string;
  pointId: string;
  pointName: string;
  category: Category;
  urgency: Urgency;
  status: RequestStatus;
  inDanger: boolean;
  urgeCount: number;
  /** The deadlines that passed, earliest first. */
  passed: { deadline: SlaDeadlineKind; due: string }[];
}

const URGENCY_ORDER: Record<Urgency, number> = { distress: 0, trouble: 1, worry: 2 };

export function groupEscalations(items: readonly EscalationItem[]): OverdueRequest[] {
  const byRequest = new Map<string, OverdueRequest>();
  for (const item of items) {
    const entry = byRequest.get(item.requestId);
    if (entry) {
      entry.urgeCount = Math.max(entry.urgeCount, item.urgeCount);
      if (!entry.passed.some((p) => p.deadline === item.deadline)) entry.passed.push({ deadline: item.deadline, due: item.due });
    } else {
      byRequest.set(item.requestId, {
        requestId: item.requestId,
        pointId: item.pointId,
        pointName: item.pointName,
        category: item.category,
        urgency: item.urgency,
        status: item.status,
        inDanger: item.inDanger,
        urgeCount: item.urgeCount,
        passed: [{ deadline: item.deadline, due: item.due }],
      });
    }
  }
  const list = [...byRequest.values()];
  for (const entry of list) entry.passed.sort((a, b) => a.due.localeCompare(b.due));
  // In danger first, then 揪心事 before 烦心事 before 操心事, then the longest overdue.
  return list.sort(
    (a, b) =>
      Number(b.inDanger) - Number(a.inDanger) ||
      URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
      (a.passed[0]?.due ?? '').localeCompare(b.passed[0]?.due ?? ''),
  );
}
