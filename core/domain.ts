/** Vocabulary of the product (DESIGN.md §2), shared by the app and the cloud functions. */
import type { RequestDeadlines, SlaPolicy, SlaTarget } from './sla';

export const CATEGORIES = ['rights', 'mental', 'family', 'employment', 'care', 'policy', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  rights: '维权服务',
  mental: '心理健康',
  family: '婚姻家庭与家教家风',
  employment: '就业创业与技能',
  care: '关爱帮扶',
  policy: '政策咨询',
  other: '其他',
};

/** 三事: how heavy the matter is for her. */
export const URGENCIES = ['worry', 'trouble', 'distress'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Record<Urgency, { name: string; plain: string }> = {
  worry: { name: '操心事', plain: '需要帮忙想办法、问政策、找资源，不算紧急' },
  trouble: { name: '烦心事', plain: '已经影响到生活或家庭，希望尽快有人跟进' },
  distress: { name: '揪心事', plain: '让人非常揪心、着急的事，需要马上有人联系' },
};

/**
 * A reopened request (重办) goes back to `accepted`: the same assignee has it in hand again. `closed`: county staff
 * closed an escalated request with a note (not a resolution: it is not rated).
 */
export const REQUEST_STATUSES = ['assigned', 'accepted', 'resolved', 'withdrawn', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  assigned: '已派单，等待受理',
  accepted: '已受理',
  resolved: '已办结',
  withdrawn: '已撤回',
  closed: '已关闭',
};

export const OPEN_STATUSES: readonly RequestStatus[] = ['assigned', 'accepted'];

export const DESCRIPTION_MIN = 5;
export const DESCRIPTION_MAX = 1000;
export const MESSAGE_MAX = 500;
export const COMMENT_MAX = 200;
export const PHOTOS_MAX = 3;
/** Bytes of one photo after the phone has compressed it; also under open-API media limits. */
export const PHOTO_BYTES_MAX = 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
/** A request's timeline stops taking messages here, so one conversation cannot grow a document without bound. */
export const TIMELINE_MAX = 300;

export const RATINGS = [1, 2, 3, 4, 5] as const;
/** A rating at or below this is "unsatisfied" and lets her ask for the request to be handled again (重办). */
export const UNSATISFIED_AT_MOST = 2;
export const REOPEN_WITHIN_DAYS = 7;

/** How she would like to be reached when she leaves a number. */
export const CONTACT_METHODS = ['call', 'sms'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = { call: '打电话', sms: '只发短信' };

/** One-tap numbers shown at once when she says she is in danger now. */
export const EMERGENCY_NUMBERS = [
  { number: '110', label: '报警电话 110' },
  { number: '12338', label: '妇女维权公益服务热线 12338' },
] as const;

export type TimelineEventType =
  | 'submitted'
  | 'assigned'
  | 'accepted'
  | 'message'
  | 'note'
  | 'resolved'
  | 'withdrawn'
  | 'rated'
  | 'reopened'
  | 'transferred'
  | 'referred'
  | 'referralOutcome'
  | 'extended'
  | 'escalated'
  | 'urged'
  | 'closed';

/** 转介: outside agencies a team refers a woman to. */
export const REFERRAL_AGENCIES = ['legalAid', 'police', 'court', 'civilAffairs', 'hospital', 'other'] as const;
export type ReferralAgency = (typeof REFERRAL_AGENCIES)[number];
export const REFERRAL_AGENCY_LABELS: Record<ReferralAgency, string> = {
  legalAid: '法律援助',
  police: '公安',
  court: '法院',
  civilAffairs: '民政',
  hospital: '医院',
  other: '其他机构',
};

export interface Referral {
  agency: ReferralAgency;
  note: string;
  at: string;
  by: string;
  outcome?: string;
  outcomeAt?: string;
}

/** 延期: one request for more time adds at most this many days, and all of them together at most the total. */
export const EXTENSION_DAYS_MAX = 15;
export const EXTENSION_TOTAL_DAYS_MAX = 30;
/** Away (外出) is marked up to this far ahead. */
export const AWAY_DAYS_MAX = 180;
/** A team invite can be used once, within this many days. */
export const INVITE_VALID_DAYS = 7;
export const INVITE_CODE_LENGTH = 8;
/** Invite codes avoid letters and digits that look alike (0/O, 1/I/L). */
export const INVITE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export interface TimelineEvent {
  type: TimelineEventType;
  /** ISO 8601 time the event happened. */
  at: string;
  /** Member id of the actor, or 'resident' / 'system'. */
  by: string;
  /** The client key of the message, note or referral: a retried call finds it and writes nothing more. */
  key?: string;
  /** The actor's public role at the time, shown to the woman instead of an identifier. */
  actorRole?: string;
  /** Why the system did what it did (routing decisions). */
  reason?: string;
  /** For 'assigned': the member now responsible. */
  memberId?: string;
  /** Messages, notes (team only), the resolution summary, her reason to withdraw or reopen, her rating comment. */
  text?: string;
  /** For 'rated'. */
  rating?: number;
  /** For 'transferred': where it came from and went to. */
  fromPointName?: string;
  toPointName?: string;
  /** For 'referred'. */
  agency?: ReferralAgency;
  /** For 'extended'. */
  days?: number;
  /** For 'escalated': which deadline passed. */
  deadline?: SlaDeadlineKind;
}

/** The two deadlines of a request. */
export type SlaDeadlineKind = 'firstResponse' | 'resolution';

/** What the scheduler has done about a request's deadlines (each at most once per deadline). */
export type SlaMark = 'firstResponseReminded' | 'firstResponseEscalated' | 'resolutionReminded' | 'resolutionEscalated';

/** 督办: an overdue request brought to county staff, one per passed deadline. */
export interface Escalation {
  _id: string;
  requestId: string;
  pointId: string;
  countyCode: string;
  deadline: SlaDeadlineKind;
  /** The deadline that passed. */
  due: string;
  at: string;
  category: Category;
  urgency: Urgency;
  /** Set when the request got its answer (accepted, resolved) or was closed. */
  settledAt?: string;
  urgedAt?: string;
  urgeCount?: number;
}

export interface TeamMember {
  _id: string;
  pointId: string;
  /** Filled when the person has bound her WeChat account; never shown to residents. */
  openid?: string;
  name: string;
  /** Public role on the point's roster, e.g. 检察官、心理咨询师. */
  role: string;
  /** What she helps with, in the residents' words. */
  helpsWith: string;
  skills: Category[];
  isExecutive: boolean;
  /** ISO date she is back, when marked away. */
  awayUntil?: string;
  active: boolean;
  /** Display order on the roster. */
  order: number;
  joinedAt?: string;
  removedAt?: string;
  /** One-use subscribe-message grants for "new assignment" she has given and that are not used yet. */
  notifyTokens?: number;
}

/** A one-time invitation to join a point's team, bound to whoever opens it first (by OPENID). */
export interface TeamInvite {
  _id: string;
  code: string;
  pointId: string;
  role: string;
  helpsWith: string;
  skills: Category[];
  /** Member id of the executive, or the county staff id, who created it. */
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  usedByOpenid?: string;
  memberId?: string;
  /** Binds this existing member record (a new point's executive) instead of adding a member. */
  bindMemberId?: string;
}

/** The six kinds of activity in the pilot report ("N" of 1+10+N). */
export const ACTIVITY_TYPES = ['ideology', 'ruralRevitalization', 'skills', 'rights', 'care', 'familyValues'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  ideology: '思想引领',
  ruralRevitalization: '乡村振兴',
  skills: '素质提升',
  rights: '维权服务',
  care: '关爱帮扶',
  familyValues: '家庭家教家风建设',
};

/** An activity as the point page shows it (the public list is kept on the point, so the page needs no extra read). */
export interface DisplayedActivity {
  title: string;
  /** China calendar day. */
  date: string;
  /** The type's label. */
  type: string;
  /** Set for activities run through the app (sign-up is possible while it is upcoming and open). */
  id?: string;
  place?: string;
}

export interface PointDisplays {
  emblemUrl: string;
  executive: { name: string; title: string; photoUrl: string };
  duties: string[];
  activities: DisplayedActivity[];
}

export const ACTIVITY_STATUSES = ['open', 'cancelled', 'done'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export interface Activity {
  _id: string;
  pointId: string;
  /** The point's name when it was created, so her view needs no second read. */
  pointName: string;
  countyCode: string;
  type: ActivityType;
  title: string;
  startsAt: string;
  place: string;
  capacity: number;
  description: string;
  status: ActivityStatus;
  cancelReason?: string;
  /** Seats taken; a sign-up takes one only while it is below the capacity. */
  signUpCount: number;
  createdBy: string;
  createdAt: string;
  /** Recorded by the team afterwards. */
  attendance?: { count: number; summary: string; photos: string[]; recordedAt: string; recordedBy: string };
}

export interface ActivitySignUp {
  _id: string;
  activityId: string;
  residentOpenid: string;
  /** How the team may call her at the door (a name or a nickname she chose). */
  displayName: string;
  createdAt: string;
  cancelledAt?: string;
  attended?: boolean;
}

export interface Point {
  _id: string;
  code: string;
  /** The keyed id of the county staff's call that created it, so a retry of that call can carry on. */
  createdWith?: string;
  name: string;
  countyCode: string;
  countyName: string;
  address: string;
  /** GeoJSON point, [longitude, latitude], as `db.Geo.Point` stores it. */
  location: { type: 'Point'; coordinates: [number, number] };
  serviceHours: string;
  displays: PointDisplays;
  /** Per-category handler list set by the point, tried before skill matching. */
  routingOverrides?: Partial<Record<Category, string[]>>;
  /** The county's response-time targets, copied here when the county sets them so a submit reads them for free. */
  sla?: SlaPolicy;
  /** The county's retention period for ended requests, copied onto its points as the targets are. */
  retentionDays?: number;
  active: boolean;
}

export interface ContactPreference {
  anonymous: boolean;
  phone?: string;
  method?: ContactMethod;
  safeTimes?: string;
}

/** Her separate consent to the team handling sensitive personal data, with the version of the text she saw. */
export interface SensitiveDataConsent {
  /** What she agreed to (absent on requests from before it was recorded: the same purpose). */
  purpose?: typeof CONSENT_PURPOSE;
  version: string;
  at: string;
  /** She withdrew the request or deleted her data: nothing more is done with it. */
  withdrawnAt?: string;
}

export const CONSENT_PURPOSE = 'handleRequest' as const;

export interface Feedback {
  rating: number;
  comment?: string;
  at: string;
}

export interface ServiceRequest {
  _id: string;
  pointId: string;
  /** The county of the point now responsible (county staff supervise by county). */
  countyCode: string;
  /** The point's name when she submitted, so her list needs no second read. */
  pointName: string;
  residentOpenid: string;
  clientKey: string;
  category: Category;
  urgency: Urgency;
  description: string;
  contact: ContactPreference;
  /** She said she is in danger now (shown to the team first). */
  inDanger: boolean;
  /** Storage file IDs of her photos. */
  photos: string[];
  consent: SensitiveDataConsent;
  status: RequestStatus;
  assigneeId: string;
  executiveId: string;
  /** How WeChat's text check answered; the request is kept when it could not answer, so staff can review it. */
  contentCheck: ContentCheckOutcome;
  createdAt: string;
  acceptedAt?: string;
  resolvedAt?: string;
  /** The targets it was submitted under, and the deadlines they give (moved by extensions). */
  sla: SlaTarget;
  due: RequestDeadlines;
  slaMarks?: SlaMark[];
  /** Her rating of the latest resolution; cleared when she reopens it. */
  feedback?: Feedback;
  /** Times she reopened it because she was not satisfied (counted against the point). */
  reopenCount: number;
  /** Referrals to outside agencies, newest last. */
  referrals?: Referral[];
  /** Extra days granted by 延期, added to the resolution deadline. */
  extensionDays?: number;
  /** Who has not yet seen the latest step meant for them: 'resident' and/or member ids (the in-app inbox). */
  unreadBy?: string[];
  /** One-use subscribe-message grants she gave for updates on this request, not used yet. */
  notifyTokens?: number;
  timeline: TimelineEvent[];
  /** Days after it ends before it is anonymised (the county's setting when she submitted). */
  retentionDays?: number;
  /** When the scheduler anonymises it: set when it ends (resolved, withdrawn, closed), cleared when reopened. */
  purgeAt?: string;
  /** When what could identify her was removed (after the retention period, or at her request). */
  anonymisedAt?: string;
}

/** `review`: WeChat asks for a human look; `unavailable`: the check could not answer (never blocks a woman). */
export type ContentCheckOutcome = 'pass' | 'review' | 'unavailable';

/** "10" of 1+10+N: the people an executive keeps in contact with, and each contact she logs. */
export const OUTREACH_TARGET = 10;
export const OUTREACH_KINDS = ['representative', 'woman'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];
export const OUTREACH_KIND_LABELS: Record<OutreachKind, string> = { representative: '妇女代表', woman: '妇女群众' };
export const CONTACT_WAYS = ['visit', 'phone', 'wechat', 'meeting'] as const;
export type ContactWay = (typeof CONTACT_WAYS)[number];
export const CONTACT_WAY_LABELS: Record<ContactWay, string> = { visit: '走访', phone: '电话', wechat: '微信', meeting: '座谈会' };

export interface OutreachContact {
  _id: string;
  pointId: string;
  countyCode: string;
  /** The executive's member id: only she sees her list. */
  ownerMemberId: string;
  /** A name or a pseudonym. */
  name: string;
  kind: OutreachKind;
  /** How to reach her: visible only to the executive. */
  reach?: string;
  createdAt: string;
}

export interface OutreachLog {
  _id: string;
  contactId: string;
  pointId: string;
  countyCode: string;
  year: number;
  /** China calendar day. */
  day: string;
  way: ContactWay;
  topic: string;
  createdAt: string;
}

/** "1" of 1+10+N: the year's research survey of a point. */
export const SURVEY_QUESTION_KINDS = ['single', 'multiple', 'text'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];
export const SURVEY_STATUSES = ['draft', 'published', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export interface SurveyQuestion {
  id: string;
  kind: SurveyQuestionKind;
  text: string;
  /** For single and multiple choice. */
  options: string[];
}

export interface Survey {
  /** `<pointId>-<year>`: one survey per point per year. */
  _id: string;
  pointId: string;
  countyCode: string;
  year: number;
  title: string;
  intro: string;
  questions: SurveyQuestion[];
  status: SurveyStatus;
  responseCount: number;
  publishedAt?: string;
  closedAt?: string;
  updatedAt: string;
}

/** One woman's answers, with nothing that leads back to her. */
export interface SurveyResponse {
  _id: string;
  surveyId: string;
  /** Question id → the option index, the option indexes, or the text. */
  answers: Record<string, number | number[] | string>;
  /** The day only (not the time), so answers cannot be matched to who opened the survey when. */
  day: string;
}
