/**
 * The one definition of collections and indexes. The local server creates them from this; the deploy script
 * creates the same on CloudBase.
 */

export type IndexKeys = Record<string, 1 | -1 | '2dsphere'>;

export interface IndexDefinition {
  name: string;
  keys: IndexKeys;
  /**
   * Locally, unique indexes ignore documents missing every key (sparse); CloudBase's do not, so every document of a
   * collection with a unique index carries its keys (anonymised requests keep a unique placeholder pair).
   */
  unique?: boolean;
}

export interface CollectionDefinition {
  description: string;
  indexes: IndexDefinition[];
}

export const COLLECTIONS = {
  points: {
    description: '联系点 and their five displays',
    indexes: [
      { name: 'code_unique', keys: { code: 1 }, unique: true },
      { name: 'county_active', keys: { countyCode: 1, active: 1 } },
      { name: 'location_geo', keys: { location: '2dsphere' } },
    ],
  },
  members: {
    description: 'the executive and team members of each point',
    indexes: [
      { name: 'point_order', keys: { pointId: 1, order: 1 } },
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  countyStaff: {
    description: 'county federation staff, scoped to one county',
    indexes: [{ name: 'openid_unique', keys: { openid: 1 }, unique: true }],
  },
  requests: {
    description: "women's requests with their timelines",
    indexes: [
      { name: 'resident_clientKey_unique', keys: { residentOpenid: 1, clientKey: 1 }, unique: true },
      { name: 'resident_created', keys: { residentOpenid: 1, createdAt: -1 } },
      { name: 'assignee_status', keys: { assigneeId: 1, status: 1 } },
      { name: 'point_status', keys: { pointId: 1, status: 1 } },
      { name: 'status_firstResponseBy', keys: { status: 1, 'due.firstResponseBy': 1 } },
      { name: 'status_remindFirstResponseAt', keys: { status: 1, 'due.remindFirstResponseAt': 1 } },
      { name: 'status_resolveBy', keys: { status: 1, 'due.resolveBy': 1 } },
      { name: 'status_remindResolveAt', keys: { status: 1, 'due.remindResolveAt': 1 } },
      { name: 'purgeAt', keys: { purgeAt: 1 } },
    ],
  },
  pointStats: {
    description: 'response-time figures per point per month, added to as events happen',
    indexes: [{ name: 'county_period', keys: { countyCode: 1, period: 1 } }],
  },
  escalations: {
    description: '督办: overdue requests brought to county staff, one per passed deadline',
    indexes: [
      { name: 'county_settled', keys: { countyCode: 1, settledAt: 1 } },
      { name: 'request', keys: { requestId: 1 } },
    ],
  },
  activities: {
    description: 'activities of each point ("N" of 1+10+N) with seats and attendance',
    indexes: [{ name: 'point_startsAt', keys: { pointId: 1, startsAt: -1 } }],
  },
  signUps: {
    description: "women's seats at activities (one per woman per activity: the id is made from both)",
    indexes: [
      { name: 'activity_created', keys: { activityId: 1, createdAt: 1 } },
      { name: 'resident_created', keys: { residentOpenid: 1, createdAt: -1 } },
    ],
  },
  outreachContacts: {
    description: '"10": the people an executive keeps in contact with (her own list)',
    indexes: [{ name: 'point_owner', keys: { pointId: 1, ownerMemberId: 1 } }],
  },
  outreachLogs: {
    description: '"10": each contact she logs',
    indexes: [
      { name: 'point_year', keys: { pointId: 1, year: 1 } },
      { name: 'county_year', keys: { countyCode: 1, year: 1 } },
    ],
  },
  surveys: {
    description: '"1": the research survey of each point, one per year',
    indexes: [{ name: 'county_year', keys: { countyCode: 1, year: 1 } }],
  },
  surveyResponses: {
    description: 'anonymous answers to a survey (nothing leads back to who answered)',
    indexes: [{ name: 'survey', keys: { surveyId: 1 } }],
  },
  surveyResponders: {
    description: 'one-way tokens of who has answered which survey, kept apart from the answers',
    indexes: [],
  },
  accessLog: {
    description: "who outside the assignee and the executive opened a rights request's details, and why",
    indexes: [{ name: 'request_at', keys: { requestId: 1, at: 1 } }],
  },
  invites: {
    description: 'one-time invitations to join a team, by code',
    indexes: [
      { name: 'code_unique', keys: { code: 1 }, unique: true },
      { name: 'point_expires', keys: { pointId: 1, expiresAt: 1 } },
    ],
  },
  pushRetries: {
    description: 'subscribe messages whose send failed, for the scheduler to try again',
    indexes: [{ name: 'due', keys: { nextAttemptAt: 1 } }],
  },
} as const satisfies Record<string, CollectionDefinition>;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];
