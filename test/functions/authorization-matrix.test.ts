/**
 * The authorization matrix: every action of the `team` function, and the woman's own request actions of `resident`,
 * × every kind of caller, called as the host calls them against the local server.
 *
 * - An allowed call answers ok (and a step that writes does write).
 * - A refused call answers a stable code — `NotFound` to whoever may not even see the request (it must not reveal
 *   that the request exists), `Forbidden` to whoever may see it but not do this, and for a point's team — never
 *   `Internal`, and leaves no trace: every collection deep-equal before and after, no WeChat open-API call (no
 *   subscribe message, no content check, no mini-program code).
 *
 * The expectation is written here by hand: each persona's relations to the fixture (TO_REQUEST, TO_POINT) and who may
 * do what (MAY, OPEN, RESIDENT_MAY). Each cell also checks that the hand-written relations are what the data gives and
 * that PERMISSIONS (core/permissions.ts), mapped through those relations, allows exactly the same: the test fails
 * when the table, the implementation or this expectation drift apart.
 */
import { ACTION_INPUTS, type TeamRequestView } from '../../core/actions';
import type { Envelope, ErrorCode } from '../../core/envelope';
import { PERMISSIONS, relationsToPoint, relationsToRequest, type CallerFacts, type Permission, type Relation } from '../../core/permissions';
import type { Host } from '../../local/host/server';
import { COUNSELLOR, COUNTY_STAFF, data, EXECUTIVE, functionCaller, LI, OTHER_EXECUTIVE, PROSECUTOR, submitInput, WANG, withClientKey } from '../support/functions';
import { startTestHost } from '../support/local';
import { changedAnything, NO_CHANGES, takeTrace, traceChanges, type TraceChanges } from '../support/snapshot';

// The personas (rows of the matrix) and their relations to the fixtures, by hand.

const ANSHAN = 'point-xc-anshan';
const CHENGNAN = 'point-xc-chengnan';
/** 鞍山's executive as a member record (her persona is `point-xc-anshan-executive`). */
const ANSHAN_EXECUTIVE_MEMBER = 'point-xc-anshan-m0';
/** The only member of 鞍山 with the `rights` skill: every rights request there is routed to her. */
const PROSECUTOR_MEMBER = 'point-xc-anshan-m1';
const COUNSELLOR_MEMBER = 'point-xc-anshan-m2';
/** 卢海燕, a volunteer of 鞍山 (care). */
const VOLUNTEER_MEMBER = 'point-xc-anshan-m8';
const FIXTURE_PHONE = '13800000000';

const ROWS = {
  /** 王女士, who submitted the request. */
  owner: WANG,
  /** 李女士, another woman. */
  otherResident: LI,
  /** The prosecutor of 鞍山, to whom the (rights) request is assigned. */
  assignee: PROSECUTOR,
  /** The counsellor of 鞍山: on this point's team, not the assignee. */
  member: COUNSELLOR,
  /** 陆春燕 of 城南 (same county), a member of another point. */
  otherPointMember: 'point-xc-chengnan-m1',
  /** 鞍山's executive. */
  executive: EXECUTIVE,
  /** 城南's executive. */
  otherExecutive: OTHER_EXECUTIVE,
  /** Staff of 忻城县 (451322), the county of 鞍山 and 城南. */
  countyStaff: COUNTY_STAFF,
  /** Staff of 融水县 (450225). */
  otherCountyStaff: 'county-450225',
} as const;
type Row = keyof typeof ROWS;
const ROW_NAMES = Object.keys(ROWS) as Row[];

/** Relations to a rights request 王女士 submitted at 鞍山 (assigned to the prosecutor). */
const TO_REQUEST: Record<Row, Relation[]> = {
  owner: ['owner'],
  otherResident: [],
  assignee: ['assignee', 'member'],
  member: ['member'],
  otherPointMember: [],
  executive: ['executive', 'member'],
  otherExecutive: [],
  // County staff have no relation to a request through these functions (they see it when escalated, elsewhere).
  countyStaff: [],
  otherCountyStaff: [],
};

/** Relations to the point 鞍山 (its team, its invites). */
const TO_POINT: Record<Row, Relation[]> = {
  owner: [],
  otherResident: [],
  assignee: ['member'],
  member: ['member'],
  otherPointMember: [],
  executive: ['executive', 'member'],
  otherExecutive: [],
  countyStaff: ['countyStaff'],
  otherCountyStaff: [],
};

// Who may do what, by hand.

const REQUEST_ACTIONS = ['getRequest', 'accept', 'reply', 'resolve', 'reassign', 'transfer', 'refer', 'recordReferralOutcome', 'extend'] as const;
const POINT_ACTIONS = ['getTeam', 'createInvite', 'listInvites', 'removeMember', 'updateMember', 'handover', 'setRoutingOverride'] as const;
/** A point's activities ("N" of 1+10+N): its whole team and its county's staff. */
const ACTIVITY_ACTIONS = ['createActivity', 'listActivities', 'cancelActivity', 'listSignUps', 'recordAttendance'] as const;
/** "10" and "1": the executive's own work; county staff see the survey's results. In the order they must run. */
const ONE_TEN_ACTIONS = ['listContacts', 'addContact', 'logContact', 'saveSurvey', 'publishSurvey', 'closeSurvey', 'surveySummary', 'exportSurvey'] as const;
/** Open to anyone by design, each with its own expectation (OPEN). */
const OPEN_ACTIONS = ['inbox', 'getInvite', 'joinTeam', 'setAway', 'subscribe'] as const;
const RESIDENT_ACTIONS = ['getMyRequest', 'sendMessage', 'withdraw', 'rate', 'reopen', 'subscribeUpdates'] as const;
type RequestAction = (typeof REQUEST_ACTIONS)[number];
type PointAction = (typeof POINT_ACTIONS)[number];
type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];
type OneTenAction = (typeof ONE_TEN_ACTIONS)[number];
type OpenAction = (typeof OPEN_ACTIONS)[number];
type ResidentAction = (typeof RESIDENT_ACTIONS)[number];

const MAY: Record<RequestAction | PointAction | ActivityAction | OneTenAction, Row[]> = {
  getRequest: ['assignee', 'executive'],
  accept: ['assignee'],
  reply: ['assignee', 'executive'],
  resolve: ['assignee', 'executive'],
  reassign: ['assignee', 'executive'],
  transfer: ['assignee', 'executive'],
  refer: ['assignee', 'executive'],
  recordReferralOutcome: ['assignee', 'executive'],
  extend: ['assignee', 'executive'],
  getTeam: ['assignee', 'member', 'executive', 'countyStaff'],
  createInvite: ['executive', 'countyStaff'],
  listInvites: ['executive', 'countyStaff'],
  removeMember: ['executive', 'countyStaff'],
  updateMember: ['executive', 'countyStaff'],
  handover: ['executive', 'countyStaff'],
  setRoutingOverride: ['executive', 'countyStaff'],
  createActivity: ['assignee', 'member', 'executive', 'countyStaff'],
  listActivities: ['assignee', 'member', 'executive', 'countyStaff'],
  cancelActivity: ['assignee', 'member', 'executive', 'countyStaff'],
  listSignUps: ['assignee', 'member', 'executive', 'countyStaff'],
  recordAttendance: ['assignee', 'member', 'executive', 'countyStaff'],
  listContacts: ['executive'],
  addContact: ['executive'],
  logContact: ['executive'],
  saveSurvey: ['executive'],
  publishSurvey: ['executive'],
  closeSurvey: ['executive'],
  surveySummary: ['executive', 'countyStaff'],
  exportSurvey: ['executive', 'countyStaff'],
};

/** Full contact details in the team's view of the request. */
const SEE_CONTACT: Row[] = ['assignee', 'executive'];

const RESIDENT_MAY: Record<ResidentAction, Row[]> = {
  getMyRequest: ['owner'],
  sendMessage: ['owner'],
  withdraw: ['owner'],
  rate: ['owner'],
  reopen: ['owner'],
  subscribeUpdates: ['owner'],
};

type Outcome = 'ok' | ErrorCode;
const everyone = (outcome: Outcome) => Object.fromEntries(ROW_NAMES.map((row) => [row, outcome])) as Record<Row, Outcome>;
/** Members of any point act for themselves; anyone else is not on a team. */
const membersOfAnyPoint = (): Record<Row, Outcome> => ({
  ...everyone('Forbidden'),
  assignee: 'ok',
  member: 'ok',
  otherPointMember: 'ok',
  executive: 'ok',
  otherExecutive: 'ok',
});

const OPEN: Record<OpenAction, Record<Row, Outcome>> = {
  /** Everyone gets her own (the fixture request is in it only for whoever holds it and the executive: INBOX_SHOWS). */
  inbox: everyone('ok'),
  /** Anyone holding the code may see what it is for. */
  getInvite: everyone('ok'),
  /** Anyone holding a valid code joins; who is already on 鞍山's team cannot join it twice. */
  joinTeam: { ...everyone('ok'), assignee: 'Conflict', member: 'Conflict', executive: 'Conflict' },
  setAway: membersOfAnyPoint(),
  subscribe: membersOfAnyPoint(),
};
const INBOX_SHOWS: Row[] = ['assignee', 'executive'];

/** Refused on a request: who may see it is told she may not do this; anyone else learns nothing of it. */
const refusalOnRequest = (row: Row): ErrorCode => (MAY.getRequest.includes(row) ? 'Forbidden' : 'NotFound');

/** PERMISSIONS mapped through a persona's relations: what the one table says. */
const tableAllows = (permission: Permission, relations: Relation[]) => (PERMISSIONS[permission] as readonly Relation[]).some((r) => relations.includes(r));

// The host, the calls, the fixtures.

let host: Host;
const call = functionCaller(() => host);
const callAs = async <T = any>(openid: string, fn: string, action: string, input: unknown) =>
  (await host.invoke(fn, { action, input: withClientKey(action, input) }, { openid })) as Envelope<T>;
const openidOf = (row: Row) => {
  const persona = host.personas.find((p) => p.id === ROWS[row]);
  if (!persona) throw new Error(`no persona ${ROWS[row]} in the demo data`);
  return persona.openid;
};

beforeAll(async () => {
  host = await startTestHost();
  // Every member with a WeChat account holds plenty of "new assignment" grants: a step that would tell someone has
  // something to send, so "no subscribe message" after a refused call is a real check.
  host.cloudbase.store.update('members', { openid: { $exists: true } }, { $set: { notifyTokens: 1000 } }, { multi: true, upsert: false, merge: true });
});
afterAll(() => host?.close());

/** The caller's facts as the functions compute them, read straight from the store. */
function factsOf(row: Row): CallerFacts {
  const openid = openidOf(row);
  const { store } = host.cloudbase;
  const staff = store.find('countyStaff', { openid })[0];
  return {
    openid,
    memberships: store
      .find('members', { openid, active: true })
      .map((m) => ({ memberId: String(m._id), pointId: String(m.pointId), isExecutive: !!m.isExecutive })),
    ...(staff ? { countyCode: String(staff.countyCode) } : {}),
  };
}
const storedRequest = (id: string) => {
  const request = host.cloudbase.store.find('requests', { _id: id })[0];
  if (!request) throw new Error(`no request ${id}`);
  return request;
};
const sorted = (relations: Iterable<Relation>) => [...relations].sort();

type Stage = 'assigned' | 'accepted' | 'referred' | 'resolved' | 'rated';

/** A rights request from 王女士 at 鞍山, brought to a stage by the people who would do it. */
async function requestAt(stage: Stage): Promise<string> {
  const { id } = data<{ id: string }>(await call('resident', 'submitRequest', submitInput({ notifyGrant: true }), ROWS.owner));
  if (storedRequest(id).assigneeId !== PROSECUTOR_MEMBER) throw new Error(`fixture: the rights request went to ${storedRequest(id).assigneeId}`);
  if (stage !== 'assigned') data(await call('team', 'accept', { requestId: id }, ROWS.assignee));
  if (stage === 'referred') data(await call('team', 'refer', { requestId: id, agency: 'legalAid', note: '已联系县法律援助中心' }, ROWS.assignee));
  if (stage === 'resolved' || stage === 'rated') data(await call('team', 'resolve', { requestId: id, summary: '已陪同她申请人身安全保护令' }, ROWS.assignee));
  if (stage === 'rated') data(await call('resident', 'rate', { requestId: id, rating: 1, comment: '还是很担心' }, ROWS.owner));
  return id;
}

const INVITE_INPUT = { pointId: ANSHAN, role: '巾帼志愿者', helpsWith: '陪同办事、上门探访', skills: ['care'] };

/**
 * A fresh invite to 鞍山 from its executive. The fixture needs only the code: WeChat is made to refuse the invite's
 * mini-program code image (the invite works without it), because drawing the PNG takes ~0.7 s under jest.
 */
async function newInvite(): Promise<string> {
  host.cloudbase.recorder.injectFault({ apiName: 'wxacode.getUnlimited', errcode: 45009, times: 1 });
  try {
    return data<{ code: string }>(await call('team', 'createInvite', INVITE_INPUT, ROWS.executive)).code;
  } finally {
    host.cloudbase.recorder.clearFaults();
  }
}

let throwawaySeq = 0;
/** A member of 鞍山 who is nobody else's fixture (a WeChat account of her own, joined by invite). */
async function throwawayMember(): Promise<{ memberId: string; openid: string }> {
  const openid = `local-matrix-throwaway-${++throwawaySeq}`;
  const code = await newInvite();
  const { memberId } = data<{ memberId: string }>(await callAs(openid, 'team', 'joinTeam', { code, name: '临时成员' }));
  return { memberId, openid };
}

/**
 * Cells that must leave their fixture as it was share one; a cell whose call went through (or left a trace) drops it,
 * so the next cell builds its own.
 */
const sharedFixtures = new Map<string, Promise<unknown>>();
function fixtureFor<T>(key: string, expected: Outcome, build: () => Promise<T>): Promise<T> {
  if (expected === 'ok') return build();
  if (!sharedFixtures.has(key)) sharedFixtures.set(key, build());
  return sharedFixtures.get(key) as Promise<T>;
}

interface CellResult {
  reply: Envelope<any>;
  changes: TraceChanges;
}

/** Calls as the persona; answers the reply and what changed. */
async function probe(fn: string, action: string, input: unknown, caller: { row: Row } | { openid: string }, sharedKey?: string): Promise<CellResult> {
  const before = takeTrace(host.cloudbase);
  const reply = 'row' in caller ? await call(fn, action, input, ROWS[caller.row]) : await callAs(caller.openid, fn, action, input);
  const changes = traceChanges(before, takeTrace(host.cloudbase), host.cloudbase);
  if (sharedKey && (reply.ok || changedAnything(changes))) sharedFixtures.delete(sharedKey);
  return { reply, changes };
}

const outcomeOf = (reply: Envelope<unknown>) => (reply.ok ? 'ok' : reply.code);

/** The cell's verdict: allowed answers ok (and writes, when the action does); refused answers `expected`, no trace. */
function expectOutcome({ reply, changes }: CellResult, expected: Outcome, writes: boolean) {
  if (expected === 'ok') {
    expect(reply.ok ? 'ok' : `${reply.code}: ${reply.message}`).toBe('ok');
    if (writes) expect(changedAnything(changes)).toBe(true);
    return;
  }
  expect({ outcome: outcomeOf(reply), changes }).toEqual({ outcome: expected, changes: NO_CHANGES });
  expect(reply).toEqual({ ok: false, code: expected, message: expect.stringMatching(/\S/) });
}

const cellsOf = (expectation: (row: Row) => Outcome) =>
  ROW_NAMES.map((row) => ({ row, personaId: ROWS[row], expected: expectation(row) }));

// The matrix covers every action, and the table says the same as the expectation.

describe('the matrix', () => {
  test('covers every action of the team function, and the woman’s request actions of the resident function', () => {
    expect([...REQUEST_ACTIONS, ...POINT_ACTIONS, ...ACTIVITY_ACTIONS, ...ONE_TEN_ACTIONS, ...OPEN_ACTIONS].sort()).toEqual(Object.keys(ACTION_INPUTS.team).sort());
    const residentInTable = Object.keys(PERMISSIONS)
      .filter((p) => p.startsWith('resident.'))
      .map((p) => p.slice('resident.'.length));
    expect([...RESIDENT_ACTIONS].sort()).toEqual(residentInTable.sort());
    for (const action of RESIDENT_ACTIONS) expect(Object.keys(ACTION_INPUTS.resident)).toContain(action);
  });

  test('the permission table governs exactly the actions the expectation gives a row of allowed callers', () => {
    const teamInTable = Object.keys(PERMISSIONS)
      .filter((p) => p.startsWith('team.'))
      .map((p) => p.slice('team.'.length));
    expect(teamInTable.sort()).toEqual([...REQUEST_ACTIONS, ...POINT_ACTIONS, ...ACTIVITY_ACTIONS, ...ONE_TEN_ACTIONS, 'seeContact'].sort());
    for (const action of OPEN_ACTIONS) expect(Object.keys(PERMISSIONS)).not.toContain(`team.${action}`);
  });

  test.each(ROW_NAMES)('the personas have the relations the expectation assumes: %s', async (row) => {
    const id = await fixtureFor('relations', 'NotFound', () => requestAt('assigned'));
    const point = host.cloudbase.store.find('points', { _id: ANSHAN })[0] as { _id: string; countyCode: string };
    const facts = factsOf(row);
    expect(sorted(relationsToRequest(facts, storedRequest(id) as never))).toEqual(sorted(TO_REQUEST[row]));
    expect(sorted(relationsToPoint(facts, point))).toEqual(sorted(TO_POINT[row]));
  });
});

// The team's steps on a request.

const REQUEST_SPECS: Record<RequestAction, { stage: Stage; input: (requestId: string) => Record<string, unknown>; writes: boolean }> = {
  // Opening it marks it read for her who holds it, so it may or may not write.
  getRequest: { stage: 'assigned', input: (requestId) => ({ requestId }), writes: false },
  accept: { stage: 'assigned', input: (requestId) => ({ requestId }), writes: true },
  reply: { stage: 'assigned', input: (requestId) => ({ requestId, text: '您好，我们已经收到，今天会和您联系', internal: false }), writes: true },
  resolve: { stage: 'accepted', input: (requestId) => ({ requestId, summary: '已陪同她申请人身安全保护令' }), writes: true },
  reassign: { stage: 'assigned', input: (requestId) => ({ requestId, memberId: COUNSELLOR_MEMBER, reason: '先做心理疏导' }), writes: true },
  transfer: { stage: 'assigned', input: (requestId) => ({ requestId, toPointId: CHENGNAN, reason: '她已经搬到城南社区居住' }), writes: true },
  refer: { stage: 'accepted', input: (requestId) => ({ requestId, agency: 'legalAid', note: '需要法律援助律师' }), writes: true },
  recordReferralOutcome: { stage: 'referred', input: (requestId) => ({ requestId, outcome: '法律援助中心已受理' }), writes: true },
  extend: { stage: 'assigned', input: (requestId) => ({ requestId, days: 3, reason: '需要等待法院排期' }), writes: true },
};

describe.each(REQUEST_ACTIONS)('team.%s', (action) => {
  const spec = REQUEST_SPECS[action];
  test.each(cellsOf((row) => (MAY[action].includes(row) ? 'ok' : refusalOnRequest(row))))(
    '$row ($personaId) → $expected',
    async ({ row, expected }) => {
      expect(tableAllows(`team.${action}`, TO_REQUEST[row])).toBe(MAY[action].includes(row));
      const requestId = await fixtureFor(`team.${action}`, expected, () => requestAt(spec.stage));
      const result = await probe('team', action, spec.input(requestId), { row }, `team.${action}`);
      expectOutcome(result, expected, spec.writes);
      if (action === 'getRequest' && result.reply.ok) {
        expect(tableAllows('team.seeContact', TO_REQUEST[row])).toBe(SEE_CONTACT.includes(row));
        const view = result.reply.data as TeamRequestView;
        expect(view.contact.phone === FIXTURE_PHONE).toBe(SEE_CONTACT.includes(row));
      }
    },
  );
});

/** Which steps a request's state permits (core/lifecycle.ts), by hand, for the fixtures' stages. */
const STATE_PERMITS: Record<'assigned' | 'accepted' | 'referred', RequestAction[]> = {
  assigned: ['accept', 'reassign', 'reply', 'transfer', 'extend'],
  accepted: ['reassign', 'reply', 'resolve', 'transfer', 'refer', 'extend'],
  referred: ['reassign', 'reply', 'resolve', 'transfer', 'refer', 'recordReferralOutcome', 'extend'],
};
const STEPS = REQUEST_ACTIONS.filter((a) => a !== 'getRequest');

describe('the buttons the team view shows (`can`) are the matrix’s allowed cells', () => {
  const cases = (['assigned', 'accepted', 'referred'] as const).flatMap((stage) => MAY.getRequest.map((row) => ({ stage, row })));
  test.each(cases)('$row at a request $stage', async ({ stage, row }) => {
    const requestId = await fixtureFor(`can.${stage}`, 'NotFound', () => requestAt(stage));
    const view = data<TeamRequestView>(await call('team', 'getRequest', { requestId }, ROWS[row]));
    const expected = Object.fromEntries(STEPS.map((step) => [step, MAY[step].includes(row) && STATE_PERMITS[stage].includes(step)]));
    expect(view.can).toEqual(expected);
  });
});

// A point's team.

interface Throwaway {
  memberId: string;
  openid: string;
}

const POINT_SPECS: Record<
  PointAction,
  { target?: () => Promise<Throwaway>; input: (target?: Throwaway) => Record<string, unknown>; writes: boolean; undo?: (target?: Throwaway) => Promise<void> }
> = {
  getTeam: { input: () => ({ pointId: ANSHAN }), writes: false },
  createInvite: { input: () => INVITE_INPUT, writes: true },
  listInvites: { input: () => ({ pointId: ANSHAN }), writes: false },
  removeMember: { target: throwawayMember, input: (t) => ({ memberId: t?.memberId }), writes: true },
  updateMember: { target: throwawayMember, input: (t) => ({ memberId: t?.memberId, helpsWith: '陪同办事、上门探访、代办手续' }), writes: true },
  handover: {
    target: throwawayMember,
    input: (t) => ({ pointId: ANSHAN, memberId: t?.memberId }),
    writes: true,
    // The new executive hands 鞍山 back, so the other cells find the demo team as it was.
    undo: async (t) => {
      if (!t) throw new Error('handover: no member to hand back from');
      data(await callAs(t.openid, 'team', 'handover', { pointId: ANSHAN, memberId: ANSHAN_EXECUTIVE_MEMBER }));
      const executives = host.cloudbase.store.find('members', { pointId: ANSHAN, isExecutive: true, active: true }).map((m) => m._id);
      expect(executives).toEqual([ANSHAN_EXECUTIVE_MEMBER]);
    },
  },
  // `care`, never `rights`: the request fixtures keep going to the prosecutor.
  setRoutingOverride: {
    input: () => ({ pointId: ANSHAN, category: 'care', memberIds: [VOLUNTEER_MEMBER] }),
    writes: true,
    undo: async () => {
      data(await call('team', 'setRoutingOverride', { pointId: ANSHAN, category: 'care', memberIds: [] }, ROWS.executive));
    },
  },
};

describe.each(POINT_ACTIONS)('team.%s', (action) => {
  const spec = POINT_SPECS[action];
  test.each(cellsOf((row) => (MAY[action].includes(row) ? 'ok' : 'Forbidden')))('$row ($personaId) → $expected', async ({ row, expected }) => {
    expect(tableAllows(`team.${action}`, TO_POINT[row])).toBe(MAY[action].includes(row));
    const target = spec.target ? await fixtureFor(`team.${action}`, expected, spec.target) : undefined;
    const result = await probe('team', action, spec.input(target), { row }, `team.${action}`);
    try {
      expectOutcome(result, expected, spec.writes);
      // A pure read leaves no trace for anyone.
      if (!spec.writes) expect(result.changes).toEqual(NO_CHANGES);
    } finally {
      if (result.reply.ok && spec.undo) await spec.undo(target);
    }
  });
});

// A point's activities.

const ACTIVITY_INPUT = { pointId: ANSHAN, type: 'care', title: '重阳节走访慰问', place: '鞍山社区', capacity: 10 };
const aWeekFromNow = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** An open activity of 鞍山 from its executive; `held`: its start moved into the past, as if it had taken place. */
async function activityAt(held: boolean): Promise<string> {
  const { id } = data(await call('team', 'createActivity', { ...ACTIVITY_INPUT, startsAt: aWeekFromNow() }, ROWS.executive));
  if (held) host.cloudbase.store.update('activities', { _id: id }, { $set: { startsAt: new Date(Date.now() - 3_600_000).toISOString() } }, { multi: false, upsert: false, merge: true });
  return id as string;
}

const ACTIVITY_SPECS: Record<ActivityAction, { activity?: 'open' | 'held'; input: (activityId: string) => Record<string, unknown>; writes: boolean }> = {
  createActivity: { input: () => ({ ...ACTIVITY_INPUT, startsAt: aWeekFromNow() }), writes: true },
  listActivities: { input: () => ({ pointId: ANSHAN }), writes: false },
  cancelActivity: { activity: 'open', input: (activityId) => ({ activityId, reason: '场地临时占用' }), writes: true },
  listSignUps: { activity: 'open', input: (activityId) => ({ activityId }), writes: false },
  recordAttendance: { activity: 'held', input: (activityId) => ({ activityId, attendedSignUpIds: [], extraCount: 8, summary: '走访了八户留守老人' }), writes: true },
};

describe.each(ACTIVITY_ACTIONS)('team.%s', (action) => {
  const spec = ACTIVITY_SPECS[action];
  test.each(cellsOf((row) => (MAY[action].includes(row) ? 'ok' : 'Forbidden')))('$row ($personaId) → $expected', async ({ row, expected }) => {
    expect(tableAllows(`team.${action}`, TO_POINT[row])).toBe(MAY[action].includes(row));
    const activityId = spec.activity ? await fixtureFor(`team.${action}`, expected, () => activityAt(spec.activity === 'held')) : '';
    const result = await probe('team', action, spec.input(activityId), { row }, `team.${action}`);
    expectOutcome(result, expected, spec.writes);
    if (!spec.writes) expect(result.changes).toEqual(NO_CHANGES);
  });
});

// "10" and "1".

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function contactOfExecutive(): Promise<string> {
  const view = data(await call('team', 'addContact', { pointId: ANSHAN, name: '韦大姐', kind: 'representative' }, ROWS.executive));
  return view.contacts.at(-1).id as string;
}

const SURVEY_INPUT = { pointId: ANSHAN, title: '社区妇女需求调查', questions: [{ kind: 'single', text: '最需要哪方面的服务？', options: ['法律', '心理'] }] };

const ONE_TEN_SPECS: Record<OneTenAction, { contact?: true; input: (contactId: string) => Record<string, unknown>; writes: boolean }> = {
  listContacts: { input: () => ({ pointId: ANSHAN }), writes: false },
  addContact: { input: () => ({ pointId: ANSHAN, name: '小蓝', kind: 'woman' }), writes: true },
  logContact: { contact: true, input: (contactId) => ({ contactId, day: chinaToday(), way: 'visit', topic: '了解托管需求' }), writes: true },
  // The survey's life, in order: a draft, published, closed; its results readable throughout.
  saveSurvey: { input: () => SURVEY_INPUT, writes: true },
  publishSurvey: { input: () => ({ pointId: ANSHAN }), writes: true },
  closeSurvey: { input: () => ({ pointId: ANSHAN }), writes: true },
  surveySummary: { input: () => ({ pointId: ANSHAN }), writes: false },
  // Writes a file to storage, not to the database.
  exportSurvey: { input: () => ({ pointId: ANSHAN, format: 'csv' }), writes: false },
};

describe.each(ONE_TEN_ACTIONS)('team.%s', (action) => {
  const spec = ONE_TEN_SPECS[action];
  test.each(cellsOf((row) => (MAY[action].includes(row) ? 'ok' : 'Forbidden')))('$row ($personaId) → $expected', async ({ row, expected }) => {
    expect(tableAllows(`team.${action}`, TO_POINT[row])).toBe(MAY[action].includes(row));
    const contactId = spec.contact ? await fixtureFor(`team.${action}`, expected, contactOfExecutive) : '';
    const result = await probe('team', action, spec.input(contactId), { row }, `team.${action}`);
    expectOutcome(result, expected, spec.writes);
    // A pure read leaves no trace for anyone (a refused call is held to that by expectOutcome already).
    if (!spec.writes) expect(result.changes).toEqual(NO_CHANGES);
  });
});

// Open to anyone by design.

/** A China calendar day `days` from now, as the date picker gives it. */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('team.inbox', () => {
  test.each(cellsOf((row) => OPEN.inbox[row]))('$row ($personaId) → $expected, with the request only if she holds it or runs the point', async ({ row, expected }) => {
    const requestId = await fixtureFor('team.inbox', 'NotFound', () => requestAt('assigned'));
    const result = await probe('team', 'inbox', {}, { row });
    expectOutcome(result, expected, false);
    expect(result.changes).toEqual(NO_CHANGES);
    if (!result.reply.ok) return;
    const ids = (result.reply.data as { items: { id: string }[] }).items.map((i) => i.id);
    expect(ids.includes(requestId)).toBe(INBOX_SHOWS.includes(row));
  });
});

describe('team.getInvite', () => {
  test.each(cellsOf((row) => OPEN.getInvite[row]))('$row ($personaId) → $expected', async ({ row, expected }) => {
    const code = await fixtureFor('team.getInvite', 'NotFound', newInvite);
    const result = await probe('team', 'getInvite', { code }, { row });
    expectOutcome(result, expected, false);
    expect(result.changes).toEqual(NO_CHANGES);
    if (result.reply.ok) expect(result.reply.data).toMatchObject({ valid: true, role: INVITE_INPUT.role });
  });
});

describe('team.joinTeam', () => {
  test.each(cellsOf((row) => OPEN.joinTeam[row]))('$row ($personaId) → $expected', async ({ row, expected }) => {
    const code = await fixtureFor('team.joinTeam', expected, newInvite);
    const result = await probe('team', 'joinTeam', { code, name: '新成员' }, { row }, 'team.joinTeam');
    try {
      expectOutcome(result, expected, true);
    } finally {
      // Whoever joined leaves again, so her relations in the other cells stay as the expectation says.
      if (result.reply.ok) data(await call('team', 'removeMember', { memberId: (result.reply.data as { memberId: string }).memberId }, ROWS.executive));
    }
  });
});

describe.each(['setAway', 'subscribe'] as const)('team.%s', (action) => {
  test.each(cellsOf((row) => OPEN[action][row]))('$row ($personaId) → $expected (for herself only)', async ({ row, expected }) => {
    const input = action === 'setAway' ? { awayUntil: chinaDay(2) } : {};
    const result = await probe('team', action, input, { row });
    try {
      expectOutcome(result, expected, true);
      if (result.reply.ok) {
        // Only her own member records changed.
        const own = new Set(host.cloudbase.store.find('members', { openid: openidOf(row) }).map((m) => String(m._id)));
        expect(Object.keys(result.changes.collections)).toEqual(['members']);
        const touched = [...(result.changes.collections.members?.changed ?? [])].map((c) => c._id);
        expect(touched.every((id) => own.has(id))).toBe(true);
      }
    } finally {
      // Back from being away, so routing in the other cells is as the demo data says.
      if (action === 'setAway' && result.reply.ok) data(await call('team', 'setAway', {}, ROWS[row]));
    }
  });
});

// The woman's own request (resident function).

const RESIDENT_SPECS: Record<ResidentAction, { stage: Stage; input: (requestId: string) => Record<string, unknown>; writes: boolean }> = {
  // Marks it read only when something was unread for her.
  getMyRequest: { stage: 'assigned', input: (requestId) => ({ requestId }), writes: false },
  sendMessage: { stage: 'assigned', input: (requestId) => ({ requestId, text: '我晚上八点以后方便接电话' }), writes: true },
  withdraw: { stage: 'assigned', input: (requestId) => ({ requestId, reason: '已经和家人谈好了' }), writes: true },
  rate: { stage: 'resolved', input: (requestId) => ({ requestId, rating: 4, comment: '谢谢你们' }), writes: true },
  reopen: { stage: 'rated', input: (requestId) => ({ requestId, reason: '他又开始动手了，问题没有解决' }), writes: true },
  subscribeUpdates: { stage: 'assigned', input: (requestId) => ({ requestId }), writes: true },
};

describe.each(RESIDENT_ACTIONS)('resident.%s', (action) => {
  const spec = RESIDENT_SPECS[action];
  test.each(cellsOf((row) => (RESIDENT_MAY[action].includes(row) ? 'ok' : 'NotFound')))('$row ($personaId) → $expected', async ({ row, expected }) => {
    expect(tableAllows(`resident.${action}`, TO_REQUEST[row])).toBe(RESIDENT_MAY[action].includes(row));
    const requestId = await fixtureFor(`resident.${action}`, expected, () => requestAt(spec.stage));
    expectOutcome(await probe('resident', action, spec.input(requestId), { row }, `resident.${action}`), expected, spec.writes);
  });
});
