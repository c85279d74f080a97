/**
 * The timer-triggered jobs. CloudBase retries a failed timer invocation, and two runs may overlap, so every job is
 * idempotent: each request is marked once per deadline step by a conditional write, and an escalation has an id made
 * from its request and deadline.
 */
import { OPEN_STATUSES, type Escalation, type ServiceRequest, type SlaDeadlineKind, type SlaMark, type TimelineEvent } from '../core/domain';
import { nextPeriod, periodOf } from '../core/rollup';
import * as data from './data';
import { anonymiseExpired } from './privacy';
import { notifyAssigneeAndExecutive, retryFailedPushes, type RetryRun } from './notify';

interface SlaStep {
  mark: SlaMark;
  field: 'due.remindFirstResponseAt' | 'due.firstResponseBy' | 'due.remindResolveAt' | 'due.resolveBy';
  statuses: readonly ServiceRequest['status'][];
  deadline: SlaDeadlineKind;
  escalate: boolean;
}

/** Not accepted in time only concerns a request still waiting; not resolved in time, any open one. */
const SLA_STEPS: SlaStep[] = [
  { mark: 'firstResponseReminded', field: 'due.remindFirstResponseAt', statuses: ['assigned'], deadline: 'firstResponse', escalate: false },
  { mark: 'firstResponseEscalated', field: 'due.firstResponseBy', statuses: ['assigned'], deadline: 'firstResponse', escalate: true },
  { mark: 'resolutionReminded', field: 'due.remindResolveAt', statuses: OPEN_STATUSES, deadline: 'resolution', escalate: false },
  { mark: 'resolutionEscalated', field: 'due.resolveBy', statuses: OPEN_STATUSES, deadline: 'resolution', escalate: true },
];

/** Requests handled per step per run; the next run (five minutes later) takes the rest. */
const BATCH = 100;

export interface SlaRun {
  reminded: number;
  escalated: number;
}

const dueOfStep = (r: ServiceRequest, deadline: SlaDeadlineKind) => (deadline === 'firstResponse' ? r.due.firstResponseBy : r.due.resolveBy);

export const escalationId = (requestId: string, deadline: SlaDeadlineKind, due: string) => `${requestId}-${deadline}-${Date.parse(due)}`;

async function escalate(request: ServiceRequest, step: SlaStep, now: Date): Promise<boolean> {
  const due = dueOfStep(request, step.deadline);
  const at = now.toISOString();
  const escalation: Escalation = {
    _id: escalationId(request._id, step.deadline, due),
    requestId: request._id,
    pointId: request.pointId,
    countyCode: request.countyCode,
    deadline: step.deadline,
    due,
    at,
    category: request.category,
    urgency: request.urgency,
  };
  // The record first: a run that stops between the two writes leaves work the next run finishes, never a mark
  // without its record.
  await data.insertEscalation(escalation);
  const event: TimelineEvent = { type: 'escalated', at, by: 'system', deadline: step.deadline };
  if (await data.markSla(request, step.mark, { timeline: data.pushTimeline(event) })) return true;
  // Not marked: another run did it, or the request got its answer meanwhile (then the record is already settled).
  const current = await data.findRequest(request._id);
  if (current && !(current.slaMarks ?? []).includes(step.mark)) await data.settleEscalations(request._id, [step.deadline], at);
  return false;
}

export async function runSlaSteps(now: Date): Promise<SlaRun> {
  const run: SlaRun = { reminded: 0, escalated: 0 };
  for (const step of SLA_STEPS) {
    const due = await data.listDueForSla(step.field, [...step.statuses], step.mark, now.toISOString(), BATCH);
    for (const request of due) {
      if (step.escalate) {
        if (await escalate(request, step, now)) {
          run.escalated += 1;
          await notifyAssigneeAndExecutive(request, 'deadlinePassed');
        }
      } else if (await data.markSla(request, step.mark, {})) {
        run.reminded += 1;
        await notifyAssigneeAndExecutive(request, 'deadlineNear');
      }
    }
  }
  return run;
}

/** This month's and next month's figures documents for every active point, made ahead of the first event. */
async function openStatsMonths(now: Date): Promise<number> {
  const thisMonth = periodOf(now.toISOString());
  const periods = [thisMonth, nextPeriod(thisMonth)];
  return data.ensureStatsDocuments(await data.listActivePoints(), periods);
}

export interface SchedulerRun {
  at: string;
  statsDocumentsMade: number;
  sla: SlaRun;
  pushRetries: RetryRun;
  retention: { anonymised: number };
}

export async function runScheduledJobs(now: Date): Promise<SchedulerRun> {
  const statsDocumentsMade = await openStatsMonths(now);
  const sla = await runSlaSteps(now);
  const pushRetries = await retryFailedPushes(now);
  return { at: now.toISOString(), statsDocumentsMade, sla, pushRetries, retention: await anonymiseExpired(now) };
}
