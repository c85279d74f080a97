import deployment from '../config/deployment.json';
import { DAY_MS } from './china-time';
import type { ServiceRequest } from './domain';

/** Masks a phone number for viewers who are not the assignee or the executive (DESIGN.md §5). */
export const maskPhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
};

export const RETENTION_DAYS_MIN = 30;
export const RETENTION_DAYS_MAX = 3 * 365;

/** How long an ended request keeps what could identify her, unless the county sets otherwise (config/deployment.json). */
export const DEFAULT_RETENTION_DAYS: number = deployment.defaults.retentionDays;

export const purgeAtFor = (endedAt: string, retentionDays = DEFAULT_RETENTION_DAYS): string =>
  new Date(Date.parse(endedAt) + retentionDays * DAY_MS).toISOString();

/**
 * What is left of a request once it is anonymised: the point, category, urgency, status and the times of each step
 * (the county's figures), and nothing she or the team wrote, nor any way to reach or recognise her.
 */
export function anonymisedRequest<R extends ServiceRequest>(request: R, at: string): Partial<ServiceRequest> {
  return {
    // The pair stays unique (the resident/clientKey index) without pointing at her.
    residentOpenid: '',
    clientKey: `anonymised-${request._id}`,
    description: '',
    contact: { anonymous: true },
    photos: [],
    // Free text (messages, notes, reasons, summaries) goes; who did what when, and ratings, stay for the figures.
    timeline: request.timeline.map(({ text: _text, reason: _reason, key: _key, ...kept }) => kept),
    ...(request.feedback ? { feedback: { rating: request.feedback.rating, at: request.feedback.at } } : {}),
    ...(request.referrals ? { referrals: request.referrals.map(({ agency, at: when, by, outcomeAt }) => ({ agency, at: when, by, note: '', ...(outcomeAt ? { outcomeAt } : {}) })) } : {}),
    consent: { ...request.consent, withdrawnAt: request.consent.withdrawnAt ?? at },
    anonymisedAt: at,
  };
}
