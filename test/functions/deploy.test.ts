/**
 * `npm run deploy -- --dry-run` prints what a real deployment would create, and it must be the project as it is:
 * every collection and index of core/schema.ts, every rule of config/security-rules.json, every function folder with
 * its config.json settings and triggers. The dry run (and a real deploy that refuses) must use no network at all: the
 * CLI runs with a preload that blocks and records every TCP connection and DNS lookup, and any load of the management
 * SDK.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import deployment from '../../config/deployment.json';
import { NEUTRAL_TEXTS, SUBSCRIBE_TEMPLATE_IDS, THING_VALUE_MAX, renderNotification } from '../../core/notifications';
import { DEFAULT_RETENTION_DAYS } from '../../core/privacy';
import { COLLECTIONS, COLLECTION_NAMES } from '../../core/schema';
import { DEFAULT_SLA } from '../../core/sla';
import { cloudbasercText, deployCollections, deployFunctions, planDeployment, readInputs, type Env, type FunctionConfigFile, type Manager, type PlanInputs } from '../../scripts/deploy';

const root = join(__dirname, '../..');
const functionsRoot = join(root, 'cloudfunctions');
const rules = JSON.parse(readFileSync(join(root, 'config/security-rules.json'), 'utf8')) as Record<string, unknown>;
const functionDirs = readdirSync(functionsRoot).filter((name) => statSync(join(functionsRoot, name)).isDirectory());
const configOf = (name: string) => JSON.parse(readFileSync(join(functionsRoot, name, 'config.json'), 'utf8')) as FunctionConfigFile;

/** The environment of someone who has set nothing: no environment id, no keys. */
const bareEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('TENCENTCLOUD_') || name.startsWith('TCB_')) delete env[name];
  return env;
};

const filledIn = (): PlanInputs['deployment'] => {
  const d = structuredClone(deployment);
  d.miniProgram.appId = 'wx0123456789abcdef';
  d.subscribeTemplates.requestUpdate.id = 'x3GeHoEJu2OXVhpcO-JiB0gkLZ-yyynxAwiXWDXj0jQ';
  d.subscribeTemplates.newAssignment.id = 'b7QbOEc1kE0G2J6wYJ1FQ1WcVwq5d3rHh2mQkE5pLx8';
  return d;
};

describe('the plan', () => {
  const plan = planDeployment(readInputs(bareEnv()));

  test('has every collection of core/schema.ts, each index with its keys and unique flag, and its security rule', () => {
    expect(plan.collections.map((c) => c.name)).toEqual(COLLECTION_NAMES);
    for (const c of plan.collections) {
      const schema = COLLECTIONS[c.name as keyof typeof COLLECTIONS];
      expect(c.indexes).toEqual(schema.indexes.map((i: { name: string; keys: object; unique?: boolean }) => ({ name: i.name, keys: i.keys, unique: i.unique === true })));
      expect(c.rule).toStrictEqual(rules[c.name]);
    }
    expect(Object.keys(rules).sort()).toEqual([...COLLECTION_NAMES].sort());
  });

  test('has every function folder with the runtime, memory, timeout, open APIs and triggers of its config.json', () => {
    expect(plan.functions.map((f) => f.name).sort()).toEqual([...functionDirs].sort());
    for (const f of plan.functions) {
      const config = configOf(f.name);
      expect(f).toMatchObject({
        runtime: config.runtime,
        memorySize: config.memorySize,
        timeout: config.timeout,
        handler: 'index.main',
        openapi: config.permissions?.openapi ?? [],
        triggers: config.triggers ?? [],
      });
    }
    expect(plan.functions.find((f) => f.name === 'scheduler')?.triggers).toEqual([{ name: 'every-five-minutes', type: 'timer', config: '0 */5 * * * * *' }]);
  });

  test('cloudbaserc.json is the one generated from the config.json files (npm run deploy -- --write-cloudbaserc)', () => {
    expect(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')).toBe(cloudbasercText(plan));
  });

  test('as committed, only the placeholders keep a real deploy from starting, each named', () => {
    expect(plan.problems).toHaveLength(4);
    expect(plan.problems[0]).toMatch(/miniProgram\.appId is "touristappid" \(a placeholder\)/);
    expect(plan.problems[1]).toMatch(/environment id is "LOCAL-ENV-ID".*TCB_ENV_ID/);
    expect(plan.problems[2]).toMatch(/subscribeTemplates\.requestUpdate\.id is "LOCAL-TEMPLATE-REQUEST-UPDATE"/);
    expect(plan.problems[3]).toMatch(/subscribeTemplates\.newAssignment\.id is "LOCAL-TEMPLATE-NEW-ASSIGNMENT"/);
  });

  test('filled in, with TCB_ENV_ID set, nothing is missing', () => {
    const filled = planDeployment({ ...readInputs(bareEnv()), deployment: filledIn(), env: { TCB_ENV_ID: 'prod-4g7x2b' } });
    expect(filled.problems).toEqual([]);
    expect(filled).toMatchObject({ envId: 'prod-4g7x2b', envIdFrom: 'TCB_ENV_ID', appId: 'wx0123456789abcdef' });
  });

  test('a wrong value anywhere is named with where it is', () => {
    const inputs = { ...readInputs(bareEnv()), deployment: filledIn(), env: { TCB_ENV_ID: 'prod-4g7x2b' } };
    inputs.deployment.defaults.sla.worry.resolution.unit = 'weeks';
    inputs.deployment.defaults.sla.distress.firstResponse.amount = 0;
    inputs.deployment.defaults.retentionDays = 10;
    inputs.deployment.subscribeTemplates.newAssignment.fields.text = { key: 'phrase3', type: 'phrase', keyword: '状态' };
    inputs.securityRules = { ...inputs.securityRules, points: undefined as never, stray: { read: false, write: false } };
    const scheduler = configOf('scheduler');
    inputs.functions = { ...inputs.functions, scheduler: { ...scheduler, runtime: 'Nodejs8.9', timeout: 120, memorySize: 300, triggers: [{ name: '5min', type: 'timer', config: '*/5 * * * *' }] } };
    inputs.functionPackages = { ...inputs.functionPackages, resident: { dependencies: { '@cloudbase/node-sdk': '^3.18.3' } }, team: { dependencies: { '@cloudbase/node-sdk': '3.17.0' } } };
    const problems = planDeployment(inputs).problems.join('\n');
    expect(problems).toMatch(/defaults\.sla\.worry\.resolution\.unit must be one of hours, days, workingDays/);
    expect(problems).toMatch(/defaults\.sla\.distress\.firstResponse\.amount must be a whole number from 1 to 720/);
    expect(problems).toMatch(/defaults\.retentionDays must be a whole number of days from 30 to 1095 \(is 10\)/);
    expect(problems).toMatch(/subscribeTemplates\.newAssignment\.fields\.text must be a thing keyword/);
    expect(problems).toMatch(/security-rules\.json has no rule for the collection points/);
    expect(problems).toMatch(/security-rules\.json has a rule for stray/);
    expect(problems).toMatch(/scheduler\/config\.json: runtime must be one of Nodejs16\.13, Nodejs18\.15, Nodejs20\.19 \(is Nodejs8\.9\)/);
    expect(problems).toMatch(/scheduler\/config\.json: timeout must be 1–60 seconds \(is 120\)/);
    expect(problems).toMatch(/scheduler\/config\.json: memorySize must be one of/);
    expect(problems).toMatch(/trigger name "5min" must start with a letter/);
    expect(problems).toMatch(/trigger 5min: cron: expected 7 fields/);
    expect(problems).toMatch(/resident\/package\.json: @cloudbase\/node-sdk "\^3\.18\.3" is not an exact version/);
    expect(problems).toMatch(/team\/package\.json: @cloudbase\/node-sdk 3\.17\.0 differs from the 3\.18\.3 the tests run/);
  });
});

describe('a real deploy, against a stand-in for @cloudbase/manager-node that records each call', () => {
  const plan = planDeployment({ ...readInputs(bareEnv()), deployment: filledIn(), env: { TCB_ENV_ID: 'prod-4g7x2b' } });
  const calls: [string, ...unknown[]][] = [];
  const record =
    (name: string, answer: (first: string) => unknown = () => ({})) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return answer(args[0] as string);
    };
  const notFound = Object.assign(new Error('not found'), { code: 'ResourceNotFound.Function' });
  const manager = {
    database: {
      createCollectionIfNotExists: record('createCollectionIfNotExists', (name: string) => ({ IsCreated: name !== 'points' })),
      // points exists: one index as wanted, one with other keys, one the schema does not know, and _id's own.
      describeCollection: record('describeCollection', (name: string) => ({
        Indexes:
          name === 'points'
            ? [
                { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true },
                { Name: 'code_unique', Keys: [{ Name: 'code', Direction: '1' }], Unique: true },
                { Name: 'county_active', Keys: [{ Name: 'countyCode', Direction: '1' }], Unique: false },
                { Name: 'by_hand', Keys: [{ Name: 'name', Direction: '1' }], Unique: false },
              ]
            : [],
      })),
      updateCollection: record('updateCollection'),
    },
    commonService: (service: string, version: string) => ({ call: record(`commonService(${service}, ${version}).call`) }),
    functions: {
      // scheduler exists with an older schedule and a stray trigger; the others are new.
      getFunctionDetail: record('getFunctionDetail', (name: string) => {
        if (name !== 'scheduler') throw notFound;
        return {
          Runtime: 'Nodejs18.15',
          Triggers: [
            { TriggerName: 'every-five-minutes', Type: 'timer', TriggerDesc: '{"cron":"0 */10 * * * * *"}' },
            { TriggerName: 'nightly', Type: 'timer', TriggerDesc: '{"cron":"0 0 3 * * * *"}' },
          ],
        };
      }),
      createFunction: record('createFunction'),
      updateFunctionCode: record('updateFunctionCode'),
      updateFunctionConfig: record('updateFunctionConfig'),
      waitFunctionActive: record('waitFunctionActive'),
      deleteFunctionTrigger: record('deleteFunctionTrigger'),
      createFunctionTriggers: record('createFunctionTriggers'),
    },
  } as unknown as Manager;

  beforeAll(async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await deployCollections(manager, plan);
    await deployFunctions(manager, plan);
    log.mockRestore();
  });
  const named = (name: string) => calls.filter(([n]) => n === name).map(([, ...args]) => args);

  test('every collection is created when missing, with its indexes, and gets its rule', () => {
    expect(named('createCollectionIfNotExists').map(([c]) => c)).toEqual(COLLECTION_NAMES);
    const rulesSet = named('commonService(tcb, 2018-06-08).call').map(([a]) => a);
    expect(rulesSet).toEqual(
      COLLECTION_NAMES.map((c) => ({ Action: 'ModifySafeRule', Param: { EnvId: 'prod-4g7x2b', CollectionName: c, AclTag: 'CUSTOM', Rule: JSON.stringify(rules[c]) } })),
    );
    const requests = named('updateCollection').find(([c, change]) => c === 'requests' && 'CreateIndexes' in (change as object));
    expect(requests?.[1]).toEqual({
      CreateIndexes: COLLECTIONS.requests.indexes.map((i: { name: string; keys: Record<string, unknown>; unique?: boolean }) => ({
        IndexName: i.name,
        MgoKeySchema: { MgoIsUnique: i.unique === true, MgoIndexKeys: Object.entries(i.keys).map(([Name, d]) => ({ Name, Direction: String(d) })) },
      })),
    });
    const geo = named('updateCollection').find(([c, change]) => c === 'points' && 'CreateIndexes' in (change as object));
    expect(JSON.stringify(geo)).toContain('{"Name":"location","Direction":"2dsphere"}');
  });

  test('an index with other keys is dropped and made again; one already right, and one not in the schema, are left alone', () => {
    const points = named('updateCollection').filter(([c]) => c === 'points').map(([, change]) => change);
    expect(points).toEqual([
      { DropIndexes: [{ IndexName: 'county_active' }] },
      { CreateIndexes: [expect.objectContaining({ IndexName: 'county_active' }), expect.objectContaining({ IndexName: 'location_geo' })] },
    ]);
    expect(named('updateCollection').filter(([c]) => c === 'surveyResponders')).toEqual([]);
  });

  test('new functions are created with their settings and triggers from the function folders', () => {
    const created = named('createFunction').map(([p]) => p as { func: { name: string }; functionRootPath: string; force: boolean });
    expect(created.map((p) => p.func.name).sort()).toEqual(functionDirs.filter((n) => n !== 'scheduler').sort());
    for (const p of created) {
      const config = configOf(p.func.name);
      expect(p).toEqual({
        func: { name: p.func.name, runtime: config.runtime, memorySize: config.memorySize, timeout: config.timeout, handler: 'index.main', installDependency: true, ignore: ['*.ts', 'node_modules', 'node_modules/**/*'], triggers: config.triggers ?? [] },
        functionRootPath: functionsRoot,
        force: false,
      });
    }
  });

  test('an existing function gets its code and settings updated and its timer triggers made to match', () => {
    expect(named('updateFunctionCode').map(([p]) => (p as { func: { name: string } }).func.name)).toEqual(['scheduler']);
    expect(named('updateFunctionConfig').map(([f]) => f)).toEqual([expect.objectContaining({ name: 'scheduler', timeout: 60, memorySize: 256 })]);
    expect(named('deleteFunctionTrigger')).toEqual([
      ['scheduler', 'every-five-minutes'],
      ['scheduler', 'nightly'],
    ]);
    expect(named('createFunctionTriggers')).toEqual([['scheduler', [{ name: 'every-five-minutes', type: 'timer', config: '0 */5 * * * * *' }]]]);
  });
});

describe('config/deployment.json is where the app and the functions read their settings', () => {
  test('SLA defaults, retention and subscribe templates', () => {
    expect(DEFAULT_SLA).toEqual(deployment.defaults.sla);
    expect(DEFAULT_RETENTION_DAYS).toBe(deployment.defaults.retentionDays);
    expect(SUBSCRIBE_TEMPLATE_IDS).toEqual({ requestUpdate: deployment.subscribeTemplates.requestUpdate.id, newAssignment: deployment.subscribeTemplates.newAssignment.id });
    const message = renderNotification('urged', 'r1', new Date('2026-11-23T01:05:00Z'));
    const { text, time } = deployment.subscribeTemplates.newAssignment.fields;
    expect(Object.keys(message.data).sort()).toEqual([text.key, time.key].sort());
    expect(message.data[time.key]?.value).toBe('2026-11-23 09:05');
  });

  test('every neutral text fits a thing keyword, which WeChat caps at 20 characters', () => {
    for (const value of NEUTRAL_TEXTS) expect([...value].length).toBeLessThanOrEqual(THING_VALUE_MAX);
  });
});

describe('the command, offline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zw-deploy-'));
  const log = join(dir, 'network.log');
  const preload = join(dir, 'no-network.cjs');
  // Local pipes (tsx talks to its child over one) stay open; anything with a host or port is blocked and recorded.
  writeFileSync(
    preload,
    `const fs = require('node:fs'), net = require('node:net'), dns = require('node:dns'), Module = require('node:module');
const record = (what) => fs.appendFileSync(${JSON.stringify(log)}, process.pid + ' ' + what + '\\n');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const pipe = (first && typeof first === 'object' && typeof first.path === 'string') || (typeof first === 'string' && Number.isNaN(Number(first)));
  if (!pipe) { record('connect ' + (first && typeof first === 'object' ? first.host + ':' + first.port : first + ':' + args[1])); throw new Error('network blocked by deploy.test.ts'); }
  return connect.apply(this, args);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns[name] = (host) => { record('dns ' + host); throw new Error('network blocked by deploy.test.ts'); };
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns.promises[name] = async (host) => { record('dns ' + host); throw new Error('network blocked by deploy.test.ts'); };
const load = Module._load;
Module._load = function (request, ...rest) {
  if (String(request).includes('@cloudbase/manager-node')) record('load ' + request);
  return load.call(this, request, ...rest);
};
`,
  );
  const untouched = ['cloudfunctions/resident/index.js', 'project.config.json', 'cloudbaserc.json'];
  const stamps = () => untouched.map((f) => `${f} ${statSync(join(root, f)).mtimeMs}`);

  const run = (args: string[], extraEnv: Env = {}) => {
    writeFileSync(log, '');
    const result = spawnSync('npm', ['run', '--silent', 'deploy', '--', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...bareEnv(), ...extraEnv, NODE_OPTIONS: `--require ${preload}`, npm_config_update_notifier: 'false', npm_config_offline: 'true' },
    });
    return { ...result, network: readFileSync(log, 'utf8') };
  };

  test('npm run deploy -- --dry-run prints every collection, index, rule, function and trigger, and warns of the placeholders', () => {
    const before = stamps();
    const { status, stdout, stderr, network } = run(['--dry-run']);
    expect(stderr.replace(/^npm warn.*\n/gm, '')).toBe('');
    expect(status).toBe(0);
    expect(network).toBe('');
    expect(stamps()).toEqual(before);

    const lines = stdout.split('\n').map((l) => l.trim());
    const plan = planDeployment(readInputs(bareEnv()));
    for (const c of plan.collections) {
      expect(lines).toContain(`collection ${c.name} — ${c.description}`);
      for (const i of c.indexes) {
        const line = lines.find((l) => l.startsWith(`index ${c.name}.${i.name} `));
        const shown = Object.entries(i.keys).map(([key, d]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${typeof d === 'string' ? `'${d}'` : d}`);
        expect(line).toBe(`index ${c.name}.${i.name} { ${shown.join(', ')} } unique: ${i.unique ? 'yes' : 'no'}`);
      }
      expect(lines).toContain(`rule ${c.name} ${JSON.stringify(rules[c.name])}`);
    }
    expect(lines.filter((l) => l.startsWith('index ')).length).toBe(plan.collections.reduce((n, c) => n + c.indexes.length, 0));
    for (const name of functionDirs) {
      const config = configOf(name);
      expect(lines).toContain(`function ${name} runtime: ${config.runtime} memory: ${config.memorySize} MB timeout: ${config.timeout} s handler: index.main cloud npm install: yes`);
      expect(lines).toContain(`open APIs ${name}: ${(config.permissions?.openapi ?? []).join(', ') || '(none)'}`);
      for (const t of config.triggers ?? []) expect(lines).toContain(`trigger ${name}.${t.name} ${t.type} "${t.config}"`);
    }
    expect(lines).toContain('trigger scheduler.every-five-minutes timer "0 */5 * * * * *"');
    expect(stdout).toMatch(/Warnings: a real deploy refuses until these 4 are fixed/);
    expect(stdout).toMatch(/TENCENTCLOUD_SECRETID not set, TENCENTCLOUD_SECRETKEY not set/);
  });

  test('a real deploy without keys or configuration refuses, naming each missing value, before building or connecting', () => {
    const before = stamps();
    const { status, stderr, network } = run([]);
    expect(status).toBe(1);
    expect(network).toBe('');
    expect(stamps()).toEqual(before);
    expect(stderr).toMatch(/Not deploying: 6 thing\(s\) to fix first/);
    expect(stderr).toMatch(/TENCENTCLOUD_SECRETID is not set/);
    expect(stderr).toMatch(/TENCENTCLOUD_SECRETKEY is not set/);
    expect(stderr).toMatch(/environment id is "LOCAL-ENV-ID".*set TCB_ENV_ID/);
    expect(stderr).toMatch(/miniProgram\.appId is "touristappid"/);
    expect(stderr).toMatch(/requestUpdate\.id is "LOCAL-TEMPLATE-REQUEST-UPDATE"/);
    expect(stderr).toMatch(/newAssignment\.id is "LOCAL-TEMPLATE-NEW-ASSIGNMENT"/);
  });

  test('with keys and TCB_ENV_ID but placeholder ids it still refuses, and never sends the keys anywhere', () => {
    const { status, stdout, stderr, network } = run([], { TCB_ENV_ID: 'prod-4g7x2b', TENCENTCLOUD_SECRETID: 'AKIDtest', TENCENTCLOUD_SECRETKEY: 'test-key' });
    expect(status).toBe(1);
    expect(network).toBe('');
    expect(stdout).toMatch(/CloudBase environment {3}prod-4g7x2b {3}\(from TCB_ENV_ID\)/);
    expect(stdout).not.toMatch(/AKIDtest|test-key/);
    expect(stderr).toMatch(/Not deploying: 3 thing\(s\) to fix first/);
  });
});
