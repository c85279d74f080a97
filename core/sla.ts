/**
 * Response-time targets per urgency (DESIGN.md §3, step 5), the deadlines they give a request, and when the scheduler
 * reminds and escalates. A county may set its own targets in hours, calendar days or working days; a request keeps
 * the targets it was submitted under.
 */
import deployment from '../config/deployment.json';
import { chinaWeekday, DAY_MS } from './china-time';
import { URGENCIES, type Urgency } from './domain';

export const SLA_UNITS = ['hours', 'days', 'workingDays'] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];
export const SLA_UNIT_LABELS: Record<SlaUnit, string> = { hours: '小时', days: '天', workingDays: '个工作日' };

export interface SlaSpan {
  amount: number;
  unit: SlaUnit;
}

export interface SlaTarget {
  firstResponse: SlaSpan;
  resolution: SlaSpan;
}

export type SlaPolicy = Record<Urgency, SlaTarget>;

/** Limits on what a county may set: long enough to be honest, short enough to mean something. */
export const SLA_LIMITS: Record<SlaUnit, { min: number; max: number }> = {
  hours: { min: 1, max: 720 },
  days: { min: 1, max: 60 },
  workingDays: { min: 1, max: 45 },
};

/** What is wrong with a policy read from configuration, one line per fault; empty when it is usable. */
export function slaPolicyProblems(raw: unknown, where: string): string[] {
  const problems: string[] = [];
  const policy = (raw ?? {}) as Record<string, Record<string, { amount?: unknown; unit?: unknown } | undefined> | undefined>;
  for (const urgency of URGENCIES) {
    for (const step of ['firstResponse', 'resolution'] as const) {
      const span = policy[urgency]?.[step];
      const at = `${where}.${urgency}.${step}`;
      const unit = span?.unit as SlaUnit;
      if (!SLA_UNITS.includes(unit)) problems.push(`${at}.unit must be one of ${SLA_UNITS.join(', ')}`);
      else if (!Number.isInteger(span?.amount) || (span?.amount as number) < SLA_LIMITS[unit].min || (span?.amount as number) > SLA_LIMITS[unit].max)
        problems.push(`${at}.amount must be a whole number from ${SLA_LIMITS[unit].min} to ${SLA_LIMITS[unit].max}`);
    }
  }
  return problems;
}

/** The defaults live in config/deployment.json; a policy that does not hold together stops everything at load. */
function configuredPolicy(raw: unknown): SlaPolicy {
  const problems = slaPolicyProblems(raw, 'config/deployment.json defaults.sla');
  if (problems.length) throw new Error(problems.join('; '));
  return raw as SlaPolicy;
}

export const DEFAULT_SLA: SlaPolicy = configuredPolicy(deployment.defaults.sla);

const HOUR_MS = 60 * 60 * 1000;
/** Working days are counted on China's calendar, Monday to Friday; public holidays are not modelled. */
const isWorkingDay = (at: Date) => {
  const weekday = chinaWeekday(at);
  return weekday !== 0 && weekday !== 6;
};

/** The moment a span after `start` ends: N working days end at the same time of day on the Nth working day after. */
export function addSpan(start: Date, span: SlaSpan): Date {
  if (span.unit === 'hours') return new Date(start.getTime() + span.amount * HOUR_MS);
  if (span.unit === 'days') return new Date(start.getTime() + span.amount * DAY_MS);
  let end = start.getTime();
  for (let counted = 0; counted < span.amount; ) {
    end += DAY_MS;
    if (isWorkingDay(new Date(end))) counted += 1;
  }
  return new Date(end);
}

/** A reminder goes out when three quarters of the time to a deadline have passed. */
export const REMIND_AT_FRACTION = 0.75;

export interface RequestDeadlines {
  firstResponseBy: string;
  resolveBy: string;
  remindFirstResponseAt: string;
  remindResolveAt: string;
}

export const remindBefore = (start: Date, end: Date) => new Date(start.getTime() + (end.getTime() - start.getTime()) * REMIND_AT_FRACTION);

/** Deadlines of a request submitted at `createdAt` under `target`, with any extension days granted since. */
export function deadlinesFor(createdAt: string, target: SlaTarget, extensionDays = 0): RequestDeadlines {
  const start = new Date(createdAt);
  const firstResponseBy = addSpan(start, target.firstResponse);
  const resolveBy = new Date(addSpan(start, target.resolution).getTime() + extensionDays * DAY_MS);
  return {
    firstResponseBy: firstResponseBy.toISOString(),
    resolveBy: resolveBy.toISOString(),
    remindFirstResponseAt: remindBefore(start, firstResponseBy).toISOString(),
    remindResolveAt: remindBefore(start, resolveBy).toISOString(),
  };
}

type Timed = { status: string; due: Pick<RequestDeadlines, 'firstResponseBy' | 'resolveBy'> };

/** Open and past a deadline: not accepted in time, or not resolved in time (extensions included). */
export function isOverdue(r: Timed, now: Date): boolean {
  if (r.status !== 'assigned' && r.status !== 'accepted') return false;
  if (r.status === 'assigned' && now.getTime() > Date.parse(r.due.firstResponseBy)) return true;
  return now.getTime() > Date.parse(r.due.resolveBy);
}

export const describeSpan = (span: SlaSpan) => `${span.amount} ${SLA_UNIT_LABELS[span.unit]}`;
