/**
 * Response-time targets per urgency (DESIGN.md §3, step 5) and the deadlines they give a request. Counties will be
 * able to set their own; these are the defaults.
 */
import type { ServiceRequest, Urgency } from './domain';

export interface SlaTarget {
  firstResponseHours: number;
  resolutionDays: number;
}

export const DEFAULT_SLA: Record<Urgency, SlaTarget> = {
  distress: { firstResponseHours: 2, resolutionDays: 3 },
  trouble: { firstResponseHours: 24, resolutionDays: 7 },
  worry: { firstResponseHours: 72, resolutionDays: 15 },
};

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

type Timed = Pick<ServiceRequest, 'urgency' | 'createdAt' | 'status' | 'acceptedAt' | 'extensionDays'>;

export function deadlines(r: Timed, sla: Record<Urgency, SlaTarget> = DEFAULT_SLA) {
  const created = new Date(r.createdAt).getTime();
  const target = sla[r.urgency];
  return {
    firstResponseBy: new Date(created + target.firstResponseHours * HOUR_MS),
    resolveBy: new Date(created + (target.resolutionDays + (r.extensionDays ?? 0)) * DAY_MS),
  };
}

/** Open and past a deadline: not accepted in time, or not resolved in time (extensions included). */
export function isOverdue(r: Timed, now: Date, sla: Record<Urgency, SlaTarget> = DEFAULT_SLA): boolean {
  if (r.status !== 'assigned' && r.status !== 'accepted') return false;
  const { firstResponseBy, resolveBy } = deadlines(r, sla);
  if (r.status === 'assigned' && now.getTime() > firstResponseBy.getTime()) return true;
  return now.getTime() > resolveBy.getTime();
}
