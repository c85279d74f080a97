/**
 * The one definition of collections and indexes. The local server creates them from this; the deploy script
 * creates the same on CloudBase.
 */

export type IndexKeys = Record<string, 1 | -1 | '2dsphere'>;

export interface IndexDefinition {
  name: string;
  keys: IndexKeys;
  /** Unique indexes ignore documents missing every key (sparse), as a partial index would. */
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
    ],
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
