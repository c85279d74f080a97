/**
 * The contract between the app and the cloud functions: each function's actions, their input checks and the
 * shapes they return. The app calls `callAction('resident', 'getPoint', input)` and gets a typed result.
 */
import {
  CATEGORIES,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  URGENCIES,
  type Category,
  type PointDisplays,
  type RequestStatus,
  type TimelineEventType,
  type Urgency,
} from './domain';
import { bool, id, object, oneOf, optional, refine, text, type Checked } from './validate';

export const POINT_CODE_PATTERN = /^[A-Z0-9-]{2,32}$/;
const pointCode = text({ min: 2, max: 32, pattern: POINT_CODE_PATTERN, patternHint: '联系点编码格式不正确' });
const phone = text({ min: 5, max: 20, pattern: /^\+?[0-9][0-9 -]{3,18}[0-9]$/, patternHint: '电话号码格式不正确' });
const none = object({});
export const MISSING_PHONE = '请留下联系电话，或选择匿名';
const byRequest = object({ requestId: id });

export const ACTION_INPUTS = {
  resident: {
    whoami: none,
    listPoints: none,
    getPoint: object({ code: pointCode }),
    submitRequest: object({
      pointId: id,
      category: oneOf(CATEGORIES),
      urgency: oneOf(URGENCIES),
      description: text({ min: DESCRIPTION_MIN, max: DESCRIPTION_MAX }),
      contact: refine(
        object({
          anonymous: bool,
          phone: optional(phone),
          safeTimes: optional(text({ max: 100 })),
        }),
        // Unless she stays anonymous, the team needs a way to reach her.
        (c) => (!c.anonymous && !c.phone ? { field: 'phone', message: MISSING_PHONE } : undefined),
      ),
      /** Chosen by the client once per draft: a retried submit returns the first request. */
      clientKey: text({ min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternHint: '提交编号格式不正确' }),
    }),
    listMyRequests: none,
    getMyRequest: byRequest,
  },
  team: {
    inbox: none,
    getRequest: byRequest,
    accept: byRequest,
  },
} as const;

export type FunctionName = keyof typeof ACTION_INPUTS;
export type ActionName<F extends FunctionName> = keyof (typeof ACTION_INPUTS)[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Checked<(typeof ACTION_INPUTS)[F][A]>;

export interface TeamRosterEntry {
  name: string;
  role: string;
  helpsWith: string;
  isExecutive: boolean;
}

export interface PointSummary {
  id: string;
  code: string;
  name: string;
  countyName: string;
  address: string;
}

export interface PointView extends PointSummary {
  serviceHours: string;
  displays: PointDisplays;
  team: TeamRosterEntry[];
}

export interface TimelineEntryView {
  type: TimelineEventType;
  at: string;
  /** The public role of who acted, never a private identifier. */
  actorRole?: string;
  reason?: string;
}

export interface MyRequestSummary {
  id: string;
  pointName: string;
  category: Category;
  urgency: Urgency;
  status: RequestStatus;
  createdAt: string;
}

export interface MyRequestView extends MyRequestSummary {
  description: string;
  anonymous: boolean;
  timeline: TimelineEntryView[];
}

export interface InboxItem {
  id: string;
  pointName: string;
  category: Category;
  urgency: Urgency;
  status: RequestStatus;
  createdAt: string;
  assignedToMe: boolean;
}

export interface TeamRequestView extends InboxItem {
  description: string;
  /** Shown in full only to the assignee and the executive; masked for everyone else. */
  contact: { anonymous: boolean; phone?: string; safeTimes?: string };
  assigneeRole: string;
  timeline: TimelineEntryView[];
}

export interface Membership {
  memberId: string;
  pointId: string;
  pointName: string;
  role: string;
  isExecutive: boolean;
}

export interface Whoami {
  memberships: Membership[];
  countyStaff?: { countyCode: string; countyName: string };
}

export interface SubmitResult {
  id: string;
  /** True when this was a retry of a submit that had already been stored. */
  duplicate: boolean;
}

export interface ActionOutputs {
  resident: {
    whoami: Whoami;
    listPoints: PointSummary[];
    getPoint: PointView;
    submitRequest: SubmitResult;
    listMyRequests: MyRequestSummary[];
    getMyRequest: MyRequestView;
  };
  team: {
    inbox: InboxItem[];
    getRequest: TeamRequestView;
    accept: TeamRequestView;
  };
}

export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = A extends keyof ActionOutputs[F]
  ? ActionOutputs[F][A]
  : never;

export type SubmitRequestInput = ActionInput<'resident', 'submitRequest'>;
