/**
 * Issue 7's abuse limits through the functions as the host calls them: the per-woman rate limits at their deployed
 * values, client keys that make every creating action safe to retry (also when the retries arrive at once), and
 * WeChat's content check on every free-text field of every action, refused before anything is written.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_INPUTS, type FunctionName } from '../../core/actions';
import { chinaDay, chinaMinute } from '../../core/china-time';
import { parse, parseWithFreeText, type Check } from '../../core/validate';
import type { Host } from '../../local/host/server';
import { ANSHAN, PNG, SAMPLES } from '../support/action-samples';
import { COUNTY_STAFF, data, EXECUTIVE, functionCaller, KEYED_ACTIONS, submitInput, WANG } from '../support/functions';
import { startTestHost, tempDataDir } from '../support/local';
import { NO_CHANGES, takeTrace, traceChanges } from '../support/snapshot';

/** Staff of 忻城县, the county of 鞍山. */
/** One of local/openapi-recorder.ts's DEFAULT_BLOCKED_WORDS: the local msgSecCheck answers "risky". */
const BLOCKED = '赌博';
const MINUTE = 60_000;
/** A small real PNG (1×1). */
const CHINESE = /[\u4e00-\u9fff]/;

let keySeq = 0;
/** A fresh client key, as the app chooses one per draft. */
const newKey = () => `abuse-${Date.now()}-${++keySeq}`;
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

type Doc = Record<string, any>;
const storedRequest = (host: Host, id: string) => host.cloudbase.store.find('requests', { _id: id })[0] as Doc;

const CALLERS: Record<FunctionName, string> = { resident: WANG, team: EXECUTIVE, county: COUNTY_STAFF };


/** Issue 7's list; every other free-text field the parser finds is tried as well. */
const ISSUE_7_FIELDS = [
  'resident.submitRequest input.description',
  'resident.submitRequest input.contact.safeTimes',
  'resident.sendMessage input.text',
  'resident.withdraw input.reason',
  'resident.rate input.comment',
  'resident.reopen input.reason',
  'resident.signUp input.displayName',
  'resident.answerSurvey input.answers[0].text',
  'team.reply input.text',
  'team.reply (internal note) input.text',
  'team.resolve input.summary',
  'team.transfer input.reason',
  'team.refer input.note',
  'team.extend input.reason',
  'team.createInvite input.role',
  'team.joinTeam input.name',
  'team.createActivity input.title',
  'team.createActivity input.place',
  'team.createActivity input.description',
  'team.recordAttendance input.summary',
  'team.addContact input.name',
  'team.logContact input.topic',
  'team.saveSurvey input.title',
  'team.saveSurvey input.questions[0].text',
  'county.urge input.note',
  'county.close input.note',
  'county.createPoint input.name',
  'county.createPoint input.address',
  'county.createPoint input.executive.name',
  'county.updatePoint input.name',
  'county.updatePoint input.address',
  'county.updatePoint input.executiveTitle',
];

const checkOf = (fn: FunctionName, action: string) => (ACTION_INPUTS[fn] as Record<string, Check<unknown>>)[action] as Check<unknown>;

/**
 * The fields the check asks for that the sample leaves out: the sample is watched while it is parsed, so a field added
 * to an action's schema is noticed here even when it is optional.
 */
function fieldsLeftOut(check: Check<unknown>, sample: Doc): string[] {
  const missing: string[] = [];
  const watch = (value: unknown, path: string): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    return new Proxy(value, {
      get(target, key, receiver) {
        const found: unknown = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return found;
        if (Array.isArray(target)) return /^\d+$/.test(key) ? watch(found, `${path}[${key}]`) : found;
        if (!Object.prototype.hasOwnProperty.call(target, key)) missing.push(`${path}.${key}`);
        return watch(found, `${path}.${key}`);
      },
    });
  };
  parse(check, watch(sample, 'input'));
  return missing;
}

/** `input.questions[0].options[1]` → ['questions', 0, 'options', 1] */
const segmentsOf = (path: string): (string | number)[] =>
  path
    .replace(/^input\.?/, '')
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s));

function withBlockedWord(sample: Doc, path: string): Doc {
  const copy = JSON.parse(JSON.stringify(sample)) as Doc;
  const segments = segmentsOf(path);
  const parent = segments.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  const last = segments[segments.length - 1] as string | number;
  parent[last] = `${BLOCKED}${parent[last] as string}`;
  return copy;
}

/** Whether the input passes its action's check. */
function valid(fn: FunctionName, action: string, input: Doc): boolean {
  try {
    parse(checkOf(fn, action), input);
    return true;
  } catch {
    return false;
  }
}

/** Inputs whose flag changes where the text goes: a team reply kept as an internal note. */
const VARIANTS: { fn: FunctionName; action: string; label: string; sample: Doc }[] = [
  { fn: 'team', action: 'reply', label: ' (internal note)', sample: { ...SAMPLES.team.reply, internal: true } },
];

/** One case per free-text field of every sample, as the parser lists them (the router checks the same list). */
const FREE_TEXT_FIELDS = [
  ...(Object.keys(SAMPLES) as FunctionName[]).flatMap((fn) => Object.entries(SAMPLES[fn] as Record<string, Doc>).map(([action, sample]) => ({ fn, action, label: '', sample }))),
  ...VARIANTS,
].flatMap(({ fn, action, label, sample }) =>
  parseWithFreeText(checkOf(fn, action), sample).freeText.map(({ path }) => {
    const input = withBlockedWord(sample, path);
    return { name: `${fn}.${action}${label} ${path}`, fn, action, path, input, valid: valid(fn, action, input) };
  }),
);

/** Text the parser counts as free (no pattern) but another rule fixes to one value, so no word can be put in it. */
const FIXED_TEXT: string[] = [];
const FREE_TEXT_CASES = FREE_TEXT_FIELDS.filter((c) => c.valid);

describe('rate limits, as deployed (rateLimitFactor 1)', () => {
  let host: Host;
  const call = functionCaller(() => host);
  const openidOf = (persona: string) => host.personas.find((p) => p.id === persona)?.openid as string;
  const unchangedBy = async <T>(work: () => Promise<T>): Promise<T> => {
    const before = takeTrace(host.cloudbase);
    const result = await work();
    expect(traceChanges(before, takeTrace(host.cloudbase), host.cloudbase)).toEqual(NO_CHANGES);
    return result;
  };
  /** Refused with the time she may try again (named in China time in the message), about `expected`. */
  const expectLimited = (reply: unknown, expected: number) => {
    expect(reply).toEqual({ ok: false, code: 'RateLimited', message: expect.stringMatching(CHINESE), retryAt: expect.any(String) });
    const { retryAt, message } = reply as { retryAt: string; message: string };
    expect(Math.abs(Date.parse(retryAt) - expected)).toBeLessThan(5000);
    expect(message).toContain(chinaMinute(retryAt));
  };

  beforeAll(async () => {
    host = await startTestHost({ loadResidents: 5, rateLimitFactor: 1 });
  });
  afterAll(() => host.close());

  test('5 requests an hour: the 6th waits until the first is an hour old and writes nothing; other women and retries are not limited', async () => {
    const drafts = Array.from({ length: 5 }, () => submitInput());
    const ids: string[] = [];
    for (const draft of drafts) ids.push(data(await call('resident', 'submitRequest', draft, 'load-resident-1')).id);

    const refused = await unchangedBy(() => call('resident', 'submitRequest', submitInput(), 'load-resident-1'));
    expectLimited(refused, Date.parse(storedRequest(host, ids[0] as string).createdAt) + 60 * MINUTE);

    expect(data(await call('resident', 'submitRequest', submitInput(), 'load-resident-2'))).toEqual({ id: expect.any(String), duplicate: false });
    // A retry after a lost answer is answered, not limited: its first try already counts among her five.
    const retried = await unchangedBy(() => call('resident', 'submitRequest', drafts[4], 'load-resident-1'));
    expect(retried).toEqual({ ok: true, data: { id: ids[4], duplicate: true } });
    expect(host.cloudbase.store.count('requests', { residentOpenid: openidOf('load-resident-1') })).toBe(5);
  });

  test('20 requests a day: with none in the last hour, the 21st waits until the oldest is a day old', async () => {
    const openid = openidOf('load-resident-5');
    const threeHoursAgo = new Date(Date.now() - 180 * MINUTE).toISOString();
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < 5; i += 1) data(await call('resident', 'submitRequest', submitInput(), 'load-resident-5'));
      // Moved out of the hour's window, so only the day's counts.
      host.cloudbase.store.update('requests', { residentOpenid: openid }, { $set: { createdAt: threeHoursAgo } }, { multi: true, upsert: false, merge: true });
    }
    const refused = await unchangedBy(() => call('resident', 'submitRequest', submitInput(), 'load-resident-5'));
    expectLimited(refused, Date.parse(threeHoursAgo) + 24 * 60 * MINUTE);
  });

  test('10 messages in 10 minutes on a request: the 11th waits; a retry of a sent one adds nothing', async () => {
    const id = data(await call('resident', 'submitRequest', submitInput(), 'load-resident-3')).id as string;
    const sent: { text: string; clientKey: string }[] = [];
    for (let i = 1; i <= 10; i += 1) {
      const message = { text: `第 ${i} 条留言`, clientKey: newKey() };
      data(await call('resident', 'sendMessage', { requestId: id, ...message }, 'load-resident-3'));
      sent.push(message);
    }
    const messages = () => (storedRequest(host, id).timeline as Doc[]).filter((e) => e.type === 'message' && e.by === 'resident');
    expect(messages()).toHaveLength(10);

    const refused = await unchangedBy(() => call('resident', 'sendMessage', { requestId: id, text: '第 11 条留言', clientKey: newKey() }, 'load-resident-3'));
    expectLimited(refused, Date.parse((messages()[0] as Doc).at) + 10 * MINUTE);

    const retried = await unchangedBy(() => call('resident', 'sendMessage', { requestId: id, ...sent[3] }, 'load-resident-3'));
    expect(retried.ok).toBe(true);
    expect(messages().filter((e) => e.text === '第 4 条留言')).toHaveLength(1);
  });

  test('10 sign-ups an hour: the 11th waits; signing up again for one she has is answered', async () => {
    const activities: string[] = [];
    for (let i = 1; i <= 11; i += 1) {
      const input = { pointId: ANSHAN, type: 'skills', title: `技能培训第 ${i} 期`, startsAt: inDays(i), place: '社区会议室', capacity: 20 };
      activities.push(data(await call('team', 'createActivity', input, EXECUTIVE)).id);
    }
    for (const activityId of activities.slice(0, 10)) data(await call('resident', 'signUp', { activityId, displayName: '小韦' }, 'load-resident-4'));

    const last = activities[10] as string;
    const refused = await unchangedBy(() => call('resident', 'signUp', { activityId: last, displayName: '小韦' }, 'load-resident-4'));
    const hers = host.cloudbase.store.find('signUps', { residentOpenid: openidOf('load-resident-4') }) as Doc[];
    expect(hers).toHaveLength(10);
    expectLimited(refused, Math.min(...hers.map((s) => Date.parse(s.createdAt))) + 60 * MINUTE);

    const again = await unchangedBy(() => call('resident', 'signUp', { activityId: activities[0], displayName: '小韦' }, 'load-resident-4'));
    expect(again).toMatchObject({ ok: true, data: { id: activities[0], signedUp: true } });
    expect(data(await call('resident', 'signUp', { activityId: last, displayName: '小蓝' }, 'load-resident-5')).signedUp).toBe(true);
  });
});

describe('with the limits raised (the default for tests)', () => {
  const dataDir = tempDataDir('abuse');
  let host: Host;
  const call = functionCaller(() => host);
  const store = () => host.cloudbase.store;

  beforeAll(async () => {
    host = await startTestHost({ dataDir });
  });
  afterAll(() => host.close());

  /** Her photos on disk (the local server keeps storage under <dataDir>/storage). */
  const photoFiles = () =>
    (readdirSync(join(dataDir, 'storage'), { recursive: true }) as string[]).filter((f) => f.includes('request-photos') && statSync(join(dataDir, 'storage', f)).isFile()).length;

  async function submitted(): Promise<string> {
    return data(await call('resident', 'submitRequest', submitInput(), WANG)).id;
  }
  /** Accepted by whoever it was routed to; the assignee's member id is her persona id. */
  async function accepted(): Promise<{ requestId: string; assignee: string }> {
    const requestId = await submitted();
    const assignee = storedRequest(host, requestId).assigneeId as string;
    data(await call('team', 'accept', { requestId }, assignee));
    return { requestId, assignee };
  }
  let pointSeq = 0;
  const { clientKey: _sampleKey, ...pointFields } = SAMPLES.county.createPoint;
  const newPoint = () => ({ ...pointFields, code: `ABUSE-${Date.now().toString(36).toUpperCase()}-${++pointSeq}` });

  interface KeyedCase {
    fn: FunctionName;
    action: string;
    /** Makes what the action needs; the persona to call as and the input, with a client key. */
    prepare: () => Promise<{ persona: string; input: Doc }>;
    /** How many of what the action creates are stored. */
    count: (input: Doc) => number;
    /** The first and the repeated answer agree (by default: equal). */
    same?: (first: any, second: any) => void;
    /** The input for a call with a new key, when the same input would be refused for another reason. */
    fresh?: (input: Doc) => Doc;
    /** Open-API calls a repeat makes without writing anything. */
    repeatOpenApi?: string[];
  }

  const timelineLength = (input: Doc) => (storedRequest(host, input.requestId).timeline as unknown[]).length;
  // An invite's answer carries its mini-program code, drawn again for a repeat (a read of WeChat's, nothing stored).
  const INVITE_CODE_IMAGE = ['wxacode.getUnlimited'];

  const KEYED: KeyedCase[] = [
    {
      fn: 'resident',
      action: 'submitRequest',
      prepare: async () => ({ persona: WANG, input: submitInput() }),
      count: () => store().count('requests', {}),
      // The retry says it is one.
      same: (first, second) => {
        expect(first).toEqual({ id: expect.any(String), duplicate: false });
        expect(second).toEqual({ id: first.id, duplicate: true });
      },
    },
    {
      fn: 'resident',
      action: 'uploadPhoto',
      prepare: async () => ({ persona: WANG, input: { clientKey: newKey(), contentType: 'image/png', data: PNG } }),
      count: () => photoFiles(),
      // A retry after a lost answer must not leave a second file behind; the link is signed afresh each time.
      same: (first, second) => expect(second.fileID).toBe(first.fileID),
    },
    {
      fn: 'resident',
      action: 'sendMessage',
      prepare: async () => ({ persona: WANG, input: { requestId: await submitted(), text: '我晚上八点以后方便接电话', clientKey: newKey() } }),
      count: timelineLength,
    },
    {
      fn: 'team',
      action: 'reply',
      prepare: async () => {
        const { requestId, assignee } = await accepted();
        return { persona: assignee, input: { requestId, text: '您好，我们今天下午会和您联系', internal: false, clientKey: newKey() } };
      },
      count: timelineLength,
    },
    {
      fn: 'team',
      action: 'refer',
      prepare: async () => {
        const { requestId, assignee } = await accepted();
        return { persona: assignee, input: { requestId, agency: 'legalAid', note: '需要法律援助律师', clientKey: newKey() } };
      },
      count: (input) => ((storedRequest(host, input.requestId).referrals ?? []) as unknown[]).length,
    },
    {
      fn: 'team',
      action: 'createInvite',
      prepare: async () => ({ persona: EXECUTIVE, input: { pointId: ANSHAN, role: '巾帼志愿者', helpsWith: '陪同办事、上门探访', skills: ['care'], clientKey: newKey() } }),
      count: () => store().count('invites', {}),
      repeatOpenApi: INVITE_CODE_IMAGE,
    },
    {
      fn: 'team',
      action: 'createActivity',
      prepare: async () => ({
        persona: EXECUTIVE,
        input: { pointId: ANSHAN, type: 'care', title: '重阳节走访慰问', startsAt: inDays(7), place: '鞍山社区', capacity: 10, description: '走访留守老人', clientKey: newKey() },
      }),
      count: () => store().count('activities', {}),
    },
    {
      fn: 'team',
      action: 'addContact',
      prepare: async () => ({ persona: EXECUTIVE, input: { pointId: ANSHAN, name: '韦大姐', kind: 'representative', reach: '村委会旁小卖部', clientKey: newKey() } }),
      count: () => store().count('outreachContacts', {}),
    },
    {
      fn: 'team',
      action: 'logContact',
      prepare: async () => {
        const name = `联系人${++pointSeq}`;
        const view = data(await call('team', 'addContact', { pointId: ANSHAN, name, kind: 'woman' }, EXECUTIVE));
        const contactId = view.contacts.find((c: { name: string }) => c.name === name).id as string;
        return { persona: EXECUTIVE, input: { contactId, day: chinaDay(), way: 'visit', topic: '了解托管需求', clientKey: newKey() } };
      },
      count: () => store().count('outreachLogs', {}),
    },
    {
      fn: 'county',
      action: 'createPoint',
      prepare: async () => ({ persona: COUNTY_STAFF, input: { ...newPoint(), clientKey: newKey() } }),
      count: () => store().count('points', {}),
      // The same code under a new key is someone else's point (see below): a second point needs its own code.
      fresh: (input) => ({ ...input, code: newPoint().code }),
      repeatOpenApi: INVITE_CODE_IMAGE,
    },
    {
      fn: 'county',
      action: 'reissueExecutiveInvite',
      prepare: async () => {
        // A new point's executive has not bound her WeChat account yet.
        const created = data(await call('county', 'createPoint', { ...newPoint(), clientKey: newKey() }, COUNTY_STAFF));
        return { persona: COUNTY_STAFF, input: { pointId: created.point.id, clientKey: newKey() } };
      },
      count: () => store().count('invites', {}),
      repeatOpenApi: INVITE_CODE_IMAGE,
    },
  ];

  test('every action that takes a client key is tried', () => {
    const keyed = (Object.keys(SAMPLES) as FunctionName[]).flatMap((fn) =>
      Object.entries(SAMPLES[fn] as Record<string, Doc>)
        .filter(([, sample]) => 'clientKey' in sample)
        .map(([action]) => action),
    );
    expect(KEYED.map((c) => c.action).sort()).toEqual([...new Set([...keyed, ...KEYED_ACTIONS, 'submitRequest', 'uploadPhoto'])].sort());
  });

  describe('a repeat with the same client key meets the first result and changes nothing; a new key makes another', () => {
    test.each(KEYED.map((c) => ({ ...c, name: `${c.fn}.${c.action}` })))('$name', async ({ fn, action, prepare, count, same, fresh, repeatOpenApi = [] }) => {
      const { persona, input } = await prepare();
      const first = data(await call(fn, action, input, persona));
      const stored = count(input);

      const before = takeTrace(host.cloudbase);
      const second = data(await call(fn, action, input, persona));
      const changes = traceChanges(before, takeTrace(host.cloudbase), host.cloudbase);
      expect(changes.collections).toEqual({});
      expect(changes.openApi).toEqual(repeatOpenApi);
      if (same) same(first, second);
      else expect(second).toEqual(first);
      expect(count(input)).toBe(stored);

      const another = data(await call(fn, action, { ...(fresh ? fresh(input) : input), clientKey: newKey() }, persona));
      expect(count(input)).toBe(stored + 1);
      expect(another).not.toEqual(first);
    });
  });

  test("a new point under a new key cannot take a code that is in use: the retry is known by its key, not its content", async () => {
    const point = newPoint();
    data(await call('county', 'createPoint', { ...point, clientKey: newKey() }, COUNTY_STAFF));
    const before = takeTrace(host.cloudbase);
    expect(await call('county', 'createPoint', { ...point, clientKey: newKey() }, COUNTY_STAFF)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(traceChanges(before, takeTrace(host.cloudbase), host.cloudbase)).toEqual(NO_CHANGES);
  });

  test('the same submit fired 5 times at once stores one request, and every answer names it', async () => {
    const draft = submitInput();
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('resident', 'submitRequest', draft, WANG)));
    const results = answers.map((a) => data(a) as { id: string; duplicate: boolean });
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(store().find('requests', { clientKey: draft.clientKey })).toEqual([expect.objectContaining({ _id: results[0]?.id })]);
  });

  describe(`a blocked word (${BLOCKED}) in any one free-text field is refused before anything is written`, () => {
    test('every action has a sample, and every sample gives every field its action reads', () => {
      for (const fn of Object.keys(ACTION_INPUTS) as FunctionName[]) {
        expect(Object.keys(SAMPLES[fn]).sort()).toEqual(Object.keys(ACTION_INPUTS[fn]).sort());
        for (const [action, sample] of Object.entries(SAMPLES[fn] as Record<string, Doc>)) {
          expect({ action: `${fn}.${action}`, missing: fieldsLeftOut(checkOf(fn, action), sample) }).toEqual({ action: `${fn}.${action}`, missing: [] });
        }
      }
    });

    test('the fields named in issue 7 are among them, and only fixed text is left out', () => {
      expect(FREE_TEXT_CASES.map((c) => c.name)).toEqual(expect.arrayContaining(ISSUE_7_FIELDS));
      expect(FREE_TEXT_FIELDS.filter((c) => !c.valid).map((c) => c.name)).toEqual(FIXED_TEXT);
      // With the word in that field alone: the refusal below can only be the content check's.
      for (const { fn, action, path, input } of FREE_TEXT_CASES) {
        const blocked = parseWithFreeText(checkOf(fn, action), input).freeText.filter((f) => f.text.includes(BLOCKED));
        expect(blocked.map((f) => f.path)).toEqual([path]);
      }
    });

    test.each(FREE_TEXT_CASES)('$name', async ({ fn, action, input }) => {
      const checks = host.cloudbase.recorder.list('security.msgSecCheck').length;
      const before = takeTrace(host.cloudbase);
      const reply = await call(fn, action, input, CALLERS[fn]);
      expect(reply).toEqual({ ok: false, code: 'ContentRejected', message: expect.stringContaining(`「${BLOCKED}」`) });
      expect(traceChanges(before, takeTrace(host.cloudbase), host.cloudbase)).toEqual(NO_CHANGES);
      // Refused by WeChat's check, not by anything else.
      expect(host.cloudbase.recorder.list('security.msgSecCheck').length).toBeGreaterThan(checks);
    });
  });
});
