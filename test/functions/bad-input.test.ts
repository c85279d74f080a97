/**
 * Bad input, by the thousand: every action of `resident`, `team` and `county` gets at least RUNS generated inputs
 * that are bad by construction (test/support/bad-inputs.ts), called as the host calls it and by a caller who may do
 * the action, so the refusal is the input's. Each must answer `{ ok: false }` with a stable code other than
 * `Internal`, without reaching a handler (no database round trip) or an open API; and each action's runs leave every
 * collection as it was. The inputs tried per action are written to test-output/bad-input-counts.json.
 *
 * A failure prints fast-check's seed and path for its action (each action's seed is derived from SEED and its name,
 * and listed in the counts file); BAD_INPUT_SEED moves the base seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ACTION_INPUTS, type ActionInput, type ActionName, type FunctionName } from '../../core/actions';
import { SENSITIVE_DATA_CONSENT } from '../../core/consent';
import { ERROR_CODES } from '../../core/envelope';
import type { Check } from '../../core/validate';
import type { Host } from '../../local/host/server';
import { applyMutations, badInputs, type Json, type MutationKind } from '../support/bad-inputs';
import { EXECUTIVE, WANG } from '../support/functions';
import { startTestHost } from '../support/local';
import { NO_CHANGES, takeTrace, traceChanges } from '../support/snapshot';

const RUNS = 1000;
const SEED = Number(process.env.BAD_INPUT_SEED ?? 20261105);

/** Who may do each function's actions: the refusal must come from the input, not from who asks. */
const CALLERS: Record<FunctionName, string> = {
  resident: WANG,
  team: EXECUTIVE,
  // Staff of 忻城县, the county of 鞍山 and 城南.
  county: 'county-451322',
};

const ANSHAN = 'point-xc-anshan';
const REQUEST = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const ACTIVITY = 'activity-0001';
/** The client's key for one draft (a retried create returns the first). */
const KEY = 'draft-key-0001';
const PHOTO = 'cloud://local-dev.bucket/requests/draft-key-0001/1.jpg';
const PERIOD = { from: '2026-01', to: '2026-06' };
const target = (hours: number, days: number) => ({ firstResponse: { amount: hours, unit: 'hours' as const }, resolution: { amount: days, unit: 'days' as const } });

type Samples = { [F in FunctionName]: { [A in ActionName<F>]?: ActionInput<F, A> } };

/** One valid input per action, every optional field given, so every field gets its mutations. */
const SAMPLES: Samples = {
  resident: {
    whoami: {},
    listPoints: {},
    listNearbyPoints: { latitude: 24.07, longitude: 108.67 },
    getPoint: { code: 'XC-ANSHAN' },
    uploadPhoto: { clientKey: KEY, contentType: 'image/jpeg', data: '/9j/4AAQSkZJRg==' },
    submitRequest: {
      pointId: ANSHAN,
      category: 'rights',
      urgency: 'distress',
      description: '家里有人动手打我，我想知道该怎么办',
      contact: { anonymous: false, phone: '13800000000', method: 'sms', safeTimes: '工作日上午' },
      inDanger: false,
      photos: [PHOTO],
      consentVersion: SENSITIVE_DATA_CONSENT.version,
      clientKey: KEY,
      notifyGrant: true,
    },
    listMyRequests: {},
    getMyRequest: { requestId: REQUEST },
    sendMessage: { requestId: REQUEST, text: '我晚上八点以后方便接电话', clientKey: KEY },
    withdraw: { requestId: REQUEST, reason: '已经和家人谈好了' },
    rate: { requestId: REQUEST, rating: 4, comment: '谢谢你们' },
    reopen: { requestId: REQUEST, reason: '他又开始动手了，问题没有解决' },
    subscribeUpdates: { requestId: REQUEST },
    getActivity: { activityId: ACTIVITY },
    signUp: { activityId: ACTIVITY, displayName: '王女士' },
    cancelSignUp: { activityId: ACTIVITY },
    getSurvey: { pointId: ANSHAN },
    answerSurvey: { surveyId: 'survey-0001', answers: [{ questionId: 'q1', choice: 0, choices: [0, 1], text: '希望多办法律讲座' }] },
    myData: {},
    deleteMyData: { confirm: 'delete' },
  },
  team: {
    inbox: {},
    getRequest: { requestId: REQUEST },
    accept: { requestId: REQUEST },
    reply: { requestId: REQUEST, text: '您好，我们已经收到，今天会和您联系', internal: false, clientKey: KEY },
    resolve: { requestId: REQUEST, summary: '已陪同她申请人身安全保护令' },
    reassign: { requestId: REQUEST, memberId: 'point-xc-anshan-m2', reason: '先做心理疏导' },
    transfer: { requestId: REQUEST, toPointId: 'point-xc-chengnan', reason: '她已经搬到城南社区居住' },
    refer: { requestId: REQUEST, agency: 'legalAid', note: '需要法律援助律师', clientKey: KEY },
    recordReferralOutcome: { requestId: REQUEST, outcome: '法律援助中心已受理' },
    extend: { requestId: REQUEST, days: 3, reason: '需要等待法院排期' },
    getTeam: { pointId: ANSHAN },
    setAway: { awayUntil: '2026-12-05' },
    createInvite: { pointId: ANSHAN, role: '巾帼志愿者', helpsWith: '陪同办事、上门探访', skills: ['care', 'family'], clientKey: KEY },
    listInvites: { pointId: ANSHAN },
    getInvite: { code: 'AB12CD34' },
    joinTeam: { code: 'AB12CD34', name: '赵女士' },
    removeMember: { memberId: 'point-xc-anshan-m8' },
    updateMember: { memberId: 'point-xc-anshan-m8', role: '巾帼志愿者', helpsWith: '陪同办事、上门探访', skills: ['care'] },
    handover: { pointId: ANSHAN, memberId: 'point-xc-anshan-m2' },
    subscribe: {},
    setRoutingOverride: { pointId: ANSHAN, category: 'care', memberIds: ['point-xc-anshan-m8'] },
    createActivity: {
      pointId: ANSHAN,
      type: 'care',
      title: '重阳节走访慰问',
      startsAt: '2026-12-05T09:30:00+08:00',
      place: '鞍山社区',
      capacity: 10,
      description: '走访社区里的留守老人',
      clientKey: KEY,
    },
    cancelActivity: { activityId: ACTIVITY, reason: '场地临时占用' },
    listActivities: { pointId: ANSHAN },
    listSignUps: { activityId: ACTIVITY },
    listContacts: { pointId: ANSHAN },
    addContact: { pointId: ANSHAN, name: '韦大姐', kind: 'representative', reach: '村委会旁小卖部', clientKey: KEY },
    logContact: { contactId: 'contact-0001', day: '2026-11-20', way: 'visit', topic: '了解托管需求', clientKey: KEY },
    saveSurvey: {
      pointId: ANSHAN,
      title: '社区妇女需求调查',
      intro: '匿名填写，约两分钟',
      questions: [{ kind: 'single', text: '最需要哪方面的服务？', options: ['法律', '心理'] }],
    },
    publishSurvey: { pointId: ANSHAN },
    closeSurvey: { pointId: ANSHAN },
    surveySummary: { pointId: ANSHAN },
    exportSurvey: { pointId: ANSHAN, format: 'csv' },
    recordAttendance: { activityId: ACTIVITY, attendedSignUpIds: ['signup-0001'], extraCount: 8, summary: '走访了八户留守老人', photos: [PHOTO] },
  },
  county: {
    getSla: {},
    setSla: { policy: { distress: target(2, 3), trouble: target(24, 7), worry: target(72, 15) } },
    setRetention: { days: 365 },
    listEscalations: {},
    getRequest: { requestId: REQUEST },
    urge: { requestId: REQUEST, note: '请今天内联系她' },
    reassignToPoint: { requestId: REQUEST, toPointId: 'point-xc-chengnan', reason: '她已经搬到城南社区居住' },
    close: { requestId: REQUEST, note: '多次联系不上本人' },
    dashboard: { period: PERIOD, category: 'rights', urgency: 'distress' },
    progress: { year: 2026 },
    listPoints: {},
    createPoint: {
      code: 'XC-HONGDU',
      name: '忻城县红渡镇执委联系点',
      address: '广西来宾市忻城县红渡镇妇女之家',
      latitude: 23.9812,
      longitude: 108.7421,
      serviceHours: '周一至周五 9:00–17:00',
      executive: { name: '覃春兰', title: '忻城县妇联执委', helpsWith: '留守妇女儿童关爱' },
      duties: ['听取妇女意见建议', '开展关爱帮扶'],
      clientKey: KEY,
    },
    updatePoint: {
      pointId: ANSHAN,
      name: '忻城县鞍山社区执委联系点',
      address: '广西来宾市忻城县城关镇鞍山社区',
      latitude: 24.0667,
      longitude: 108.6654,
      serviceHours: '周一至周五 9:00–17:00',
      executiveTitle: '忻城县妇联执委',
      duties: ['听取妇女意见建议'],
    },
    setPointActive: { pointId: ANSHAN, active: true },
    plaque: { pointId: ANSHAN },
    uploadDisplayImage: { pointId: ANSHAN, kind: 'emblem', contentType: 'image/png', data: 'iVBORw0KGgo=' },
    reissueExecutiveInvite: { pointId: ANSHAN, clientKey: KEY },
    export: { period: PERIOD, category: 'rights', urgency: 'distress', table: 'points', format: 'xlsx' },
  },
};

const CASES = (Object.keys(ACTION_INPUTS) as FunctionName[]).flatMap((fn) => Object.keys(ACTION_INPUTS[fn]).map((action) => ({ name: `${fn}.${action}`, fn, action })));

/** Per action, so adding one does not change the others' inputs. */
const seedOf = (name: string) => [...name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, SEED);

interface Tally {
  tried: number;
  seed: number;
  ms: number;
  codes: Record<string, number>;
  mutations: Partial<Record<MutationKind, number>>;
}
const tallies: Record<string, Tally> = {};

let host: Host;
const openidOf = (personaId: string) => {
  const persona = host.personas.find((p) => p.id === personaId);
  if (!persona) throw new Error(`no persona ${personaId}`);
  return persona.openid;
};

beforeAll(async () => {
  host = await startTestHost();
});

afterAll(async () => {
  const tried = Object.values(tallies).map((t) => t.tried);
  const dir = join(__dirname, '../../test-output');
  mkdirSync(dir, { recursive: true });
  const summary = { runsPerAction: RUNS, seed: SEED, actions: Object.keys(tallies).length, min: Math.min(...tried), max: Math.max(...tried), total: tried.reduce((a, b) => a + b, 0) };
  writeFileSync(join(dir, 'bad-input-counts.json'), `${JSON.stringify({ ...summary, perAction: tallies }, null, 2)}\n`);
  await host?.close();
});

/** Why a reply to a bad input is wrong, or undefined when it is right. */
function fault(reply: unknown, databaseRoundTrips: number, openApiCalls: number): string | undefined {
  const r = reply as { ok?: unknown; code?: unknown; message?: unknown } | null;
  if (r?.ok !== false) return `accepted: ${JSON.stringify(reply).slice(0, 300)}`;
  if (!(ERROR_CODES as readonly unknown[]).includes(r.code)) return `unknown code ${String(r.code)}`;
  if (r.code === 'Internal') return 'answered Internal';
  if (typeof r.message !== 'string' || !/\S/.test(r.message)) return 'no message';
  // The router checks input before anything is read (backend/router.ts): a round trip means a handler ran.
  if (databaseRoundTrips > 0) return `${r.code}, but reached a handler: ${databaseRoundTrips} database round trip(s)`;
  if (openApiCalls > 0) return `${r.code}, but called ${openApiCalls} open API(s)`;
  return undefined;
}

test('every sample is for an action that exists', () => {
  for (const fn of Object.keys(SAMPLES) as FunctionName[]) {
    for (const action of Object.keys(SAMPLES[fn])) expect(Object.keys(ACTION_INPUTS[fn])).toContain(action);
  }
});

describe(`bad input: at least ${RUNS} per action, refused without a trace`, () => {
  test.each(CASES)(
    '$name',
    async ({ fn, action }) => {
      const check = (ACTION_INPUTS[fn] as Record<string, Check<unknown>>)[action] as Check<unknown>;
      const sample = (SAMPLES[fn] as Record<string, unknown>)[action] as Json | undefined;
      if (sample === undefined) throw new Error(`${fn}.${action} has no valid sample: add one to SAMPLES`);
      // badInputs refuses a sample the check does not accept, so the samples stay honest.
      const { mutations, kinds } = badInputs(check, sample);
      const openid = openidOf(CALLERS[fn]);
      const seed = seedOf(`${fn}.${action}`);
      const tally: Tally = { tried: 0, seed, ms: 0, codes: {}, mutations: {} };
      tallies[`${fn}.${action}`] = tally;
      const { stats, recorder } = host.cloudbase;
      const started = Date.now();
      const before = takeTrace(host.cloudbase);

      await fc.assert(
        fc.asyncProperty(mutations, async (list) => {
          const { input, applied } = applyMutations(sample, list);
          const roundTrips = stats.snapshot().database;
          const openApi = recorder.list().length;
          const reply = await host.invoke(fn, { action, input }, { openid });
          tally.tried += 1;
          const code = String((reply as { code?: unknown } | null)?.code ?? 'ok');
          tally.codes[code] = (tally.codes[code] ?? 0) + 1;
          for (const kind of applied) tally.mutations[kind] = (tally.mutations[kind] ?? 0) + 1;
          const wrong = fault(reply, stats.snapshot().database - roundTrips, recorder.list().length - openApi);
          if (wrong) throw new Error(`${fn}.${action} ${wrong} (mutations: ${applied.join(', ')})`);
        }),
        { numRuns: RUNS, seed },
      );

      expect(traceChanges(before, takeTrace(host.cloudbase), host.cloudbase)).toEqual(NO_CHANGES);
      tally.ms = Date.now() - started;
      expect(tally.tried).toBeGreaterThanOrEqual(RUNS);
      // Every kind of mutation the sample offers a target for was tried.
      expect(kinds.filter((kind) => !tally.mutations[kind])).toEqual([]);
    },
    120_000,
  );
});
