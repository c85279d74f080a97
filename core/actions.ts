/**
 * The contract between the app and the cloud functions: each function's actions, their input checks and the
 * shapes they return. The app calls `callAction('resident', 'getPoint', input)` and gets a typed result.
 */
import { SENSITIVE_DATA_CONSENT } from './consent';
import {
  CATEGORIES,
  COMMENT_MAX,
  CONTACT_METHODS,
  ACTIVITY_TYPES,
  CONTACT_WAYS,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  EXTENSION_DAYS_MAX,
  REFERRAL_AGENCIES,
  MESSAGE_MAX,
  PHOTO_BYTES_MAX,
  PHOTO_TYPES,
  OUTREACH_KINDS,
  PHOTOS_MAX,
  RATINGS,
  SURVEY_QUESTION_KINDS,
  URGENCIES,
  type ActivityStatus,
  type ActivityType,
  type Category,
  type ContactMethod,
  type ContactPreference,
  type ContactWay,
  type OutreachKind,
  type SurveyQuestionKind,
  type SurveyStatus,
  type PointDisplays,
  type ReferralAgency,
  type RequestStatus,
  type SensitiveDataConsent,
  type SlaDeadlineKind,
  type TimelineEventType,
  type Urgency,
} from './domain';
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from './privacy';
import type { PointFigures } from './rollup';
import { addSpan, SLA_LIMITS, SLA_UNITS, type SlaPolicy, type SlaSpan } from './sla';
import { base64, bool, id, int, list, num, object, oneOf, optional, refine, text, type Checked } from './validate';

export const POINT_CODE_PATTERN = /^[A-Z0-9-]{2,32}$/;
const pointCode = text({ min: 2, max: 32, pattern: POINT_CODE_PATTERN, patternHint: '联系点编码格式不正确' });
const phone = text({ min: 5, max: 20, pattern: /^\+?[0-9][0-9 -]{3,18}[0-9]$/, patternHint: '电话号码格式不正确' });
const none = object({});
export const MISSING_PHONE = '请留下联系电话，或选择匿名';
const byRequest = object({ requestId: id });
/** A storage file ID as CloudBase gives it: cloud://<env>.<bucket>/<path>. */
export const FILE_ID_PATTERN = /^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9/._-]+$/;
const fileId = text({ min: 10, max: 300, pattern: FILE_ID_PATTERN, patternHint: '照片编号格式不正确' });
const clientKey = text({ min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternHint: '提交编号格式不正确' });
const byPoint = object({ pointId: id });
const calendarDay = text({ min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, patternHint: '日期格式应为 YYYY-MM-DD' });
export const INVITE_CODE_PATTERN = /^[A-Z0-9]{8}$/;
const inviteCode = text({ min: 8, max: 8, pattern: INVITE_CODE_PATTERN, patternHint: '邀请码应为 8 位字母或数字' });
const month = text({ min: 7, max: 7, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, patternHint: '月份格式应为 YYYY-MM' });
const slaSpan = refine(object({ amount: int({ min: 1, max: 720 }), unit: oneOf(SLA_UNITS) }), (span) => {
  const { min, max } = SLA_LIMITS[span.unit];
  return span.amount < min || span.amount > max ? { field: 'amount', message: `应在 ${min} 到 ${max} 之间` } : undefined;
});
const spanMs = (span: SlaSpan) => addSpan(new Date(0), span).getTime();
const slaTarget = refine(object({ firstResponse: slaSpan, resolution: slaSpan }), (t) =>
  spanMs(t.firstResponse) > spanMs(t.resolution) ? { field: 'firstResponse', message: '受理时限不能长于办结时限' } : undefined,
);
/** A period of months for the dashboard, at most two years. */
const period = refine(object({ from: month, to: month }), (p) =>
  p.from > p.to ? { field: 'from', message: '开始月份不能晚于结束月份' } : monthsBetween(p.from, p.to) > 24 ? { field: 'to', message: '一次最多查看 24 个月' } : undefined,
);
export const monthsBetween = (from: string, to: string) => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
};
const latitude = num({ min: -90, max: 90 });
const longitude = num({ min: -180, max: 180 });
const duties = list(text({ min: 2, max: 60 }), { max: 8 });
/** An instant with its offset, as the app sends it: 2026-12-05T09:30:00+08:00. */
const instant = text({ min: 20, max: 30, pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, patternHint: '时间格式不正确' });
export const ACTIVITY_CAPACITY_MAX = 500;
export const SURVEY_QUESTIONS_MAX = 20;
export const SURVEY_OPTIONS_MAX = 8;
const surveyQuestion = refine(
  object({ kind: oneOf(SURVEY_QUESTION_KINDS), text: text({ min: 2, max: 100 }), options: optional(list(text({ min: 1, max: 40 }), { max: SURVEY_OPTIONS_MAX })) }),
  (q) =>
    q.kind !== 'text' && (q.options?.length ?? 0) < 2
      ? { field: 'options', message: '选择题至少需要 2 个选项' }
      : q.kind === 'text' && (q.options?.length ?? 0) > 0
        ? { field: 'options', message: '填空题不需要选项' }
        : undefined,
);
const surveyAnswer = object({
  questionId: id,
  choice: optional(int({ min: 0, max: SURVEY_OPTIONS_MAX - 1 })),
  choices: optional(list(int({ min: 0, max: SURVEY_OPTIONS_MAX - 1 }), { max: SURVEY_OPTIONS_MAX })),
  text: optional(text({ min: 1, max: 300 })),
});
export const OUTDATED_CONSENT = '同意书内容已更新，请重新阅读并确认';
export const MISSING_CONSENT = '请阅读并同意敏感个人信息处理说明';

export const ACTION_INPUTS = {
  resident: {
    whoami: none,
    listPoints: none,
    /** Coarse position only: the app rounds it before sending, and nothing stores it. */
    listNearbyPoints: object({ latitude: num({ min: -90, max: 90 }), longitude: num({ min: -180, max: 180 }) }),
    getPoint: object({ code: pointCode }),
    /** A photo for the draft with this client key; its file ID then goes into submitRequest. */
    uploadPhoto: object({ clientKey, contentType: oneOf(PHOTO_TYPES), data: base64({ maxBytes: PHOTO_BYTES_MAX }) }),
    submitRequest: object({
      pointId: id,
      category: oneOf(CATEGORIES),
      urgency: oneOf(URGENCIES),
      description: text({ min: DESCRIPTION_MIN, max: DESCRIPTION_MAX }),
      contact: refine(
        object({
          anonymous: bool,
          phone: optional(phone),
          method: optional(oneOf(CONTACT_METHODS)),
          safeTimes: optional(text({ max: 100 })),
        }),
        // Unless she stays anonymous, the team needs a way to reach her.
        (c) => (!c.anonymous && !c.phone ? { field: 'phone', message: MISSING_PHONE } : undefined),
      ),
      inDanger: bool,
      photos: optional(list(fileId, { max: PHOTOS_MAX })),
      /** The version of the sensitive-data consent text she agreed to; an older version must be read again. */
      consentVersion: refine(optional(text({ max: 40, pattern: /^[A-Za-z0-9._-]+$/, patternHint: OUTDATED_CONSENT })), (v) =>
        !v ? { field: '', message: MISSING_CONSENT } : v !== SENSITIVE_DATA_CONSENT.version ? { field: '', message: OUTDATED_CONSENT } : undefined,
      ),
      /** Chosen by the client once per draft: a retried submit returns the first request. */
      clientKey,
      /** She allowed one progress message (WeChat's one-time subscribe grant) in the same tap. */
      notifyGrant: optional(bool),
    }),
    listMyRequests: none,
    getMyRequest: byRequest,
    sendMessage: object({ requestId: id, text: text({ min: 1, max: MESSAGE_MAX }), clientKey }),
    withdraw: object({ requestId: id, reason: optional(text({ max: COMMENT_MAX })) }),
    rate: object({ requestId: id, rating: int({ min: RATINGS[0], max: RATINGS[RATINGS.length - 1] }), comment: optional(text({ max: COMMENT_MAX })) }),
    reopen: object({ requestId: id, reason: text({ min: 5, max: MESSAGE_MAX }) }),
    /** She allowed one more progress message for this request. */
    subscribeUpdates: byRequest,
    /** An activity of a point, with the seats left and whether she has signed up. */
    getActivity: object({ activityId: id }),
    signUp: object({ activityId: id, displayName: text({ min: 1, max: 20 }) }),
    cancelSignUp: object({ activityId: id }),
    /** The point's published survey of this year, and whether she has answered it. */
    getSurvey: byPoint,
    /** Anonymous: the answers are stored with nothing that leads back to her; she can answer once. */
    answerSurvey: object({ surveyId: id, answers: list(surveyAnswer, { min: 1, max: SURVEY_QUESTIONS_MAX }) }),
    /** What the service holds about her (to read or download). */
    myData: none,
    /** Her open requests are withdrawn and every request anonymised; she confirms with the word. */
    deleteMyData: object({ confirm: oneOf(['delete'] as const) }),
  },
  team: {
    inbox: none,
    getRequest: byRequest,
    accept: byRequest,
    /** A public reply reaches the woman; an internal note stays with the team. */
    reply: object({ requestId: id, text: text({ min: 1, max: MESSAGE_MAX }), internal: bool, clientKey }),
    resolve: object({ requestId: id, summary: text({ min: 5, max: MESSAGE_MAX }) }),
    /** To another member of the same team. */
    reassign: object({ requestId: id, memberId: id, reason: optional(text({ max: COMMENT_MAX })) }),
    /** To another point, where it is routed afresh. */
    transfer: object({ requestId: id, toPointId: id, reason: text({ min: 5, max: COMMENT_MAX }) }),
    refer: object({ requestId: id, agency: oneOf(REFERRAL_AGENCIES), note: text({ min: 2, max: COMMENT_MAX }), clientKey }),
    recordReferralOutcome: object({ requestId: id, outcome: text({ min: 2, max: COMMENT_MAX }) }),
    /** 延期: more days to resolve, with the reason. */
    extend: object({ requestId: id, days: int({ min: 1, max: EXTENSION_DAYS_MAX }), reason: text({ min: 5, max: COMMENT_MAX }) }),
    getTeam: byPoint,
    /** Marks all her memberships away until a day (外出), or back when the day is left out. */
    setAway: object({ awayUntil: optional(calendarDay) }),
    createInvite: object({
      pointId: id,
      role: text({ min: 2, max: 20 }),
      helpsWith: text({ min: 2, max: 60 }),
      skills: list(oneOf(CATEGORIES), { max: CATEGORIES.length }),
      clientKey,
    }),
    listInvites: byPoint,
    /** What an invite is for, shown before she joins. */
    getInvite: object({ code: inviteCode }),
    /** Binds the caller's WeChat account to the team (the name is shown on the point's public roster). */
    joinTeam: object({ code: inviteCode, name: text({ min: 1, max: 20 }) }),
    /** Her open requests are routed again to the rest of the team. */
    removeMember: object({ memberId: id }),
    /** A member's public role and what she helps with on the roster (and plaque), and the categories routed to her. */
    updateMember: object({
      memberId: id,
      role: optional(text({ min: 2, max: 20 })),
      helpsWith: optional(text({ min: 2, max: 60 })),
      skills: optional(list(oneOf(CATEGORIES), { max: CATEGORIES.length })),
    }),
    /** The member becomes the point's executive; the former executive stays on the team as a member. */
    handover: object({ pointId: id, memberId: id }),
    /** She allowed one "new assignment" message. */
    subscribe: none,
    /** The point's own handlers for one category, tried before skill matching (an empty list removes it). */
    setRoutingOverride: object({ pointId: id, category: oneOf(CATEGORIES), memberIds: list(id, { max: 10 }) }),
    /** "N" of 1+10+N: an activity women can see on the point page and sign up for. */
    createActivity: object({
      pointId: id,
      type: oneOf(ACTIVITY_TYPES),
      title: text({ min: 4, max: 40 }),
      startsAt: instant,
      place: text({ min: 2, max: 60 }),
      capacity: int({ min: 1, max: ACTIVITY_CAPACITY_MAX }),
      description: optional(text({ max: 300 })),
      clientKey,
    }),
    cancelActivity: object({ activityId: id, reason: text({ min: 2, max: COMMENT_MAX }) }),
    listActivities: byPoint,
    /** Who signed up (the names they gave), for the door. */
    listSignUps: object({ activityId: id }),
    /** Afterwards: who came, how many, a short summary and photos. */
    recordAttendance: object({ activityId: id, attendedSignUpIds: list(id, { max: ACTIVITY_CAPACITY_MAX }), extraCount: int({ min: 0, max: 1000 }), summary: text({ min: 5, max: 500 }), photos: optional(list(fileId, { max: PHOTOS_MAX })) }),
    /** "10": the executive's own list of people she keeps in contact with (only she sees it). */
    listContacts: byPoint,
    addContact: object({ pointId: id, name: text({ min: 1, max: 20 }), kind: oneOf(OUTREACH_KINDS), reach: optional(text({ max: 60 })), clientKey }),
    logContact: object({ contactId: id, day: calendarDay, way: oneOf(CONTACT_WAYS), topic: text({ min: 2, max: 100 }), clientKey }),
    /** "1": this year's survey, as a draft until published. */
    saveSurvey: object({ pointId: id, title: text({ min: 4, max: 40 }), intro: optional(text({ max: 200 })), questions: list(surveyQuestion, { min: 1, max: SURVEY_QUESTIONS_MAX }) }),
    publishSurvey: byPoint,
    closeSurvey: byPoint,
    surveySummary: byPoint,
    exportSurvey: object({ pointId: id, format: oneOf(['csv', 'xlsx'] as const) }),
  },
  /** County federation staff, for the points of their own county. */
  county: {
    getSla: none,
    /** Response-time targets for new requests of the county's points. */
    setSla: object({ policy: object({ distress: slaTarget, trouble: slaTarget, worry: slaTarget }) }),
    /** Days after a request ends before it is anonymised, for requests submitted from now on. */
    setRetention: object({ days: int({ min: RETENTION_DAYS_MIN, max: RETENTION_DAYS_MAX }) }),
    /** 督办: the county's overdue requests that have not had their answer yet. */
    listEscalations: none,
    /** An escalated request's details (a rights request's view is logged). */
    getRequest: byRequest,
    /** 催办: the assignee and the executive are reminded, with an optional note for the team. */
    urge: object({ requestId: id, note: optional(text({ max: COMMENT_MAX })) }),
    /** To another point of the county, routed afresh there. */
    reassignToPoint: object({ requestId: id, toPointId: id, reason: text({ min: 5, max: COMMENT_MAX }) }),
    /** Closed by the county with a note she reads (e.g. she could not be reached). */
    close: object({ requestId: id, note: text({ min: 5, max: COMMENT_MAX }) }),
    dashboard: object({ period, category: optional(oneOf(CATEGORIES)), urgency: optional(oneOf(URGENCIES)) }),
    /** This year's 1 / 10 / N of every point of the county. */
    progress: object({ year: int({ min: 2022, max: 2100 }) }),
    /** The county's points, active or not. */
    listPoints: none,
    /** A new point with its executive, who joins with the returned one-time invite. */
    createPoint: object({
      code: pointCode,
      name: text({ min: 4, max: 40 }),
      address: text({ min: 4, max: 80 }),
      latitude,
      longitude,
      serviceHours: text({ min: 2, max: 80 }),
      executive: object({ name: text({ min: 1, max: 20 }), title: text({ min: 2, max: 40 }), helpsWith: text({ min: 2, max: 60 }) }),
      duties,
      clientKey,
    }),
    /** Changes show on the point page at once. */
    updatePoint: object({
      pointId: id,
      name: optional(text({ min: 4, max: 40 })),
      address: optional(text({ min: 4, max: 80 })),
      latitude: optional(latitude),
      longitude: optional(longitude),
      serviceHours: optional(text({ min: 2, max: 80 })),
      executiveTitle: optional(text({ min: 2, max: 40 })),
      duties: optional(duties),
    }),
    /** A deactivated point leaves the public lists; its open requests stay with its team. */
    setPointActive: object({ pointId: id, active: bool }),
    /** The plaque: the point's mini-program code, and an A4 plaque as PNG and PDF. */
    plaque: byPoint,
    /** The point's emblem, or its executive's photo, for the point page (JPG or PNG, as a request photo). */
    uploadDisplayImage: object({ pointId: id, kind: oneOf(['emblem', 'executivePhoto'] as const), contentType: oneOf(PHOTO_TYPES), data: base64({ maxBytes: PHOTO_BYTES_MAX }) }),
    /** A new one-time invite for a point's executive who has not joined yet (the last one expired or was lost). */
    reissueExecutiveInvite: object({ pointId: id, clientKey }),
    /** The dashboard's table, or the list of requests, without personal data, as a file to download. */
    export: object({
      period,
      category: optional(oneOf(CATEGORIES)),
      urgency: optional(oneOf(URGENCIES)),
      table: oneOf(['points', 'requests'] as const),
      format: oneOf(['csv', 'xlsx'] as const),
    }),
  },
} as const;

export interface CountySla {
  countyCode: string;
  countyName: string;
  policy: SlaPolicy;
  /** The county has not set its own targets: the defaults apply. */
  isDefault: boolean;
  /** Days after a request ends before it is anonymised. */
  retentionDays: number;
}

export interface EscalationItem {
  requestId: string;
  pointId: string;
  pointName: string;
  category: Category;
  urgency: Urgency;
  deadline: SlaDeadlineKind;
  /** When the deadline passed. */
  due: string;
  at: string;
  status: RequestStatus;
  urgeCount: number;
  inDanger: boolean;
}

export interface DashboardRow extends PointFigures {
  pointId: string;
  pointName: string;
  /** Open requests past a deadline now (open escalations). */
  overdueNow: number;
}

export interface Dashboard {
  countyName: string;
  periods: string[];
  rows: DashboardRow[];
  /** The county as a whole. */
  total: PointFigures & { overdueNow: number };
  /** Per month, the county as a whole. */
  trend: ({ period: string } & PointFigures)[];
}

export interface ExportedFile {
  fileName: string;
  fileID: string;
  /** A link that works for an hour. */
  url: string;
  rows: number;
}

export interface AdminPointSummary extends PointSummary {
  active: boolean;
  executiveName: string;
  /** Active members, the executive included. */
  teamSize: number;
  /** Everything the edit form shows, so a closed point can be edited too. */
  latitude: number;
  longitude: number;
  serviceHours: string;
  executiveTitle: string;
  duties: string[];
  /** The executive has bound her WeChat account (the point can be opened). */
  executiveJoined: boolean;
}

export interface CreatedPoint {
  point: AdminPointSummary;
  /** The executive binds her WeChat account with it (code and mini-program code). */
  executiveInvite: InviteView;
}

export interface PlaqueFiles {
  pngUrl: string;
  pdfUrl: string;
  /** The bare mini-program code, for printing elsewhere. */
  codeUrl: string;
}

export interface ActivityView {
  id: string;
  pointId: string;
  pointName: string;
  type: ActivityType;
  title: string;
  startsAt: string;
  place: string;
  description: string;
  capacity: number;
  seatsLeft: number;
  status: ActivityStatus;
  /** The caller has a seat. */
  signedUp: boolean;
  /** She may sign up now: open, upcoming, seats left, not signed up. */
  canSignUp: boolean;
  attendance?: { count: number; summary: string; photos: PhotoView[] };
}

export interface SignUpView {
  id: string;
  displayName: string;
  createdAt: string;
  attended: boolean;
}

export interface ContactView {
  id: string;
  name: string;
  kind: OutreachKind;
  reach?: string;
  /** Contacts logged with her this year, newest first. */
  logs: { day: string; way: ContactWay; topic: string }[];
}

export interface OutreachView {
  year: number;
  /** People contacted at least once this year, against the target of 10. */
  people: number;
  target: number;
  contacts: ContactView[];
}

export interface SurveyQuestionView {
  id: string;
  kind: SurveyQuestionKind;
  text: string;
  options: string[];
}

export interface SurveyView {
  id: string;
  pointId: string;
  year: number;
  title: string;
  intro: string;
  questions: SurveyQuestionView[];
  status: SurveyStatus;
  responseCount: number;
}

export interface PublicSurvey extends SurveyView {
  answered: boolean;
}

export interface SurveySummary extends SurveyView {
  /** Per question: counts per option, or the text answers (anonymous, newest first). */
  results: { questionId: string; counts?: number[]; texts?: string[] }[];
}

export interface PointProgress {
  pointId: string;
  pointName: string;
  survey: SurveyStatus | 'none';
  surveyResponses: number;
  outreachPeople: number;
  activitiesHeld: number;
  activitiesPlanned: number;
}

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
  countyCode: string;
  countyName: string;
  address: string;
}

export interface NearbyPoint extends PointSummary {
  distanceMeters: number;
}

export interface PointView extends PointSummary {
  /** Where the plaque hangs (public), for "navigate to this point". */
  latitude: number;
  longitude: number;
  serviceHours: string;
  displays: PointDisplays;
  team: TeamRosterEntry[];
}

export interface TimelineEntryView {
  type: TimelineEventType;
  at: string;
  /** True when she herself acted (her messages, withdrawal, rating, reopening). */
  byResident: boolean;
  /** The public role of who acted, never a private identifier. */
  actorRole?: string;
  reason?: string;
  text?: string;
  rating?: number;
  fromPointName?: string;
  toPointName?: string;
  agency?: ReferralAgency;
  days?: number;
  deadline?: SlaDeadlineKind;
}

export interface PhotoView {
  url: string;
}

export interface MyRequestSummary {
  id: string;
  pointName: string;
  category: Category;
  urgency: Urgency;
  status: RequestStatus;
  createdAt: string;
  /** Something new for her since she last opened it (the in-app inbox). */
  unread: boolean;
}

export interface MyRequestView extends MyRequestSummary {
  description: string;
  anonymous: boolean;
  inDanger: boolean;
  photos: PhotoView[];
  timeline: TimelineEntryView[];
  feedback?: { rating: number; comment?: string; at: string };
  /** What she may do now, decided by the function so the app and the rules never disagree. */
  can: { message: boolean; withdraw: boolean; rate: boolean; reopen: boolean };
  /** Last moment she may reopen it, when she may. */
  reopenUntil?: string;
  /** Progress messages she has allowed and that are not used yet. */
  notifyTokens: number;
}

/** Everything the service holds about her, as she can read and download it. */
export interface MyData {
  generatedAt: string;
  requests: (MyRequestView & { contact: ContactPreference; consent: SensitiveDataConsent; anonymiseAfter?: string })[];
  signUps: { activityTitle: string; pointName: string; startsAt: string; displayName: string; signedUpAt: string; cancelledAt?: string }[];
  /** Who other than her team opened a request of hers, and why. */
  accessLog: { requestId: string; viewer: string; reason: string; at: string }[];
}

export interface DeletedMyData {
  withdrawn: number;
  anonymised: number;
  signUpsRemoved: number;
}

export interface UploadedPhoto {
  fileID: string;
  url: string;
}

export interface InboxItem {
  id: string;
  pointId: string;
  pointName: string;
  category: Category;
  urgency: Urgency;
  status: RequestStatus;
  createdAt: string;
  inDanger: boolean;
  assignedToMe: boolean;
  /** Past the first-response or resolution deadline and still open. */
  overdue: boolean;
  /** A step she has not seen yet (new assignment, her message…). */
  unread: boolean;
}

export const INBOX_TABS = ['new', 'mine', 'inProgress', 'overdue', 'done'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export interface TeamInbox {
  counts: Record<InboxTab, number> & { unread: number };
  /** Open requests, then the most recent finished ones. */
  items: InboxItem[];
}

export interface ReferralView {
  agency: ReferralAgency;
  note: string;
  at: string;
  outcome?: string;
  outcomeAt?: string;
}

export interface TeamRequestView extends InboxItem {
  description: string;
  /** Shown in full only to the assignee and the executive; masked for everyone else. */
  contact: { anonymous: boolean; phone?: string; method?: ContactMethod; safeTimes?: string };
  photos: PhotoView[];
  assigneeId: string;
  assigneeRole: string;
  timeline: TimelineEntryView[];
  referrals: ReferralView[];
  extensionDays: number;
  firstResponseBy: string;
  resolveBy: string;
  /** What the caller may do now, from the permission table and the request's state. */
  can: { accept: boolean; reassign: boolean; reply: boolean; resolve: boolean; transfer: boolean; refer: boolean; recordReferralOutcome: boolean; extend: boolean };
}

export interface TeamMemberView {
  id: string;
  name: string;
  role: string;
  helpsWith: string;
  skills: Category[];
  isExecutive: boolean;
  awayUntil?: string;
  /** Open requests assigned to her now. */
  openLoad: number;
  isMe: boolean;
}

export interface TeamView {
  pointId: string;
  pointName: string;
  members: TeamMemberView[];
  /** The caller may invite, remove, hand over and set handlers (the executive, county staff of the county). */
  canManage: boolean;
  /** The point's own handler list per category (member ids), tried before skill matching. */
  routingOverrides: Partial<Record<Category, string[]>>;
}

export interface InviteView {
  code: string;
  pointName: string;
  role: string;
  helpsWith: string;
  skills: Category[];
  expiresAt: string;
  /** The join code as a mini-program code image (data: URL), when it was just created. */
  qrImage?: string;
}

export interface InviteInfo extends Omit<InviteView, 'qrImage' | 'code'> {
  /** Unused and not expired. */
  valid: boolean;
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
  /** Her "away until" day, when she marked herself away. */
  awayUntil?: string;
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
    listNearbyPoints: NearbyPoint[];
    getPoint: PointView;
    uploadPhoto: UploadedPhoto;
    submitRequest: SubmitResult;
    listMyRequests: MyRequestSummary[];
    getMyRequest: MyRequestView;
    sendMessage: MyRequestView;
    withdraw: MyRequestView;
    rate: MyRequestView;
    reopen: MyRequestView;
    subscribeUpdates: MyRequestView;
    getActivity: ActivityView;
    signUp: ActivityView;
    cancelSignUp: ActivityView;
    getSurvey: PublicSurvey;
    answerSurvey: PublicSurvey;
    myData: MyData;
    deleteMyData: DeletedMyData;
  };
  team: {
    inbox: TeamInbox;
    getRequest: TeamRequestView;
    accept: TeamRequestView;
    reply: TeamRequestView;
    resolve: TeamRequestView;
    reassign: TeamRequestView;
    transfer: { id: string; toPointName: string };
    refer: TeamRequestView;
    recordReferralOutcome: TeamRequestView;
    extend: TeamRequestView;
    getTeam: TeamView;
    setAway: { awayUntil?: string };
    createInvite: InviteView;
    listInvites: InviteView[];
    getInvite: InviteInfo;
    joinTeam: Membership;
    removeMember: TeamView & { rerouted: number };
    updateMember: TeamView;
    handover: TeamView;
    subscribe: { notifyTokens: number };
    setRoutingOverride: TeamView;
    createActivity: ActivityView;
    cancelActivity: ActivityView;
    listActivities: ActivityView[];
    listSignUps: SignUpView[];
    recordAttendance: ActivityView;
    listContacts: OutreachView;
    addContact: OutreachView;
    logContact: OutreachView;
    saveSurvey: SurveyView;
    publishSurvey: SurveyView;
    closeSurvey: SurveyView;
    surveySummary: SurveySummary;
    exportSurvey: ExportedFile;
  };
  county: {
    getSla: CountySla;
    setSla: CountySla;
    setRetention: CountySla;
    listEscalations: EscalationItem[];
    getRequest: TeamRequestView;
    urge: TeamRequestView;
    reassignToPoint: { id: string; toPointName: string };
    close: TeamRequestView;
    dashboard: Dashboard;
    export: ExportedFile;
    progress: PointProgress[];
    listPoints: AdminPointSummary[];
    createPoint: CreatedPoint;
    updatePoint: AdminPointSummary;
    setPointActive: AdminPointSummary;
    plaque: PlaqueFiles;
    reissueExecutiveInvite: InviteView;
    uploadDisplayImage: { url: string };
  };
}

export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = A extends keyof ActionOutputs[F]
  ? ActionOutputs[F][A]
  : never;

export type SubmitRequestInput = ActionInput<'resident', 'submitRequest'>;
