/**
 * npm run deploy: takes the repository to a CloudBase environment. It builds the functions and the weapp, creates the
 * collections and indexes of core/schema.ts, applies config/security-rules.json to each collection, and creates or
 * updates every cloud function (code, runtime settings, timer triggers) from its cloudfunctions/<name>/config.json.
 *
 *   npm run deploy -- --dry-run            the full plan, with what is still missing; no network, no credentials
 *   npm run deploy                         the real thing: needs TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY
 *                                          (TENCENTCLOUD_SESSIONTOKEN with temporary keys) and an environment id
 *                                          (TCB_ENV_ID, else cloudbase.envId in config/deployment.json);
 *                                          TCB_REGION when the environment is not in ap-shanghai
 *   npm run deploy -- --write-cloudbaserc  regenerates cloudbaserc.json from the functions' config.json files
 *
 * The functions' config.json files are the one source of their settings: WeChat DevTools and the local host read them
 * too. cloudbaserc.json is generated from them for @cloudbase/cli users, and a test checks the two agree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type CloudBase from '@cloudbase/manager-node';
import deployment from '../config/deployment.json';
import { NEUTRAL_TEXTS, THING_VALUE_MAX } from '../core/notifications';
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from '../core/privacy';
import { COLLECTIONS, COLLECTION_NAMES, type IndexKeys } from '../core/schema';
import { slaPolicyProblems } from '../core/sla';
import { listCloudFunctions } from '../local/cloud-functions';
import { parseCron } from '../local/cron';

const root = resolve(__dirname, '..');
const functionsRoot = join(root, 'cloudfunctions');

/** CloudBase's generally available Node.js runtimes (22.21 and 24.11 are in public beta): https://docs.cloudbase.net/cli-v1/functions/configs */
export const RUNTIMES = ['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19'] as const;
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const;
/** Functions run with the cloud's own npm install of their package.json; the bundle and the tests use the root's. */
const FUNCTION_IGNORE = ['*.ts', 'node_modules', 'node_modules/**/*'];
const HANDLER = 'index.main';

export const CREDENTIAL_VARIABLES = ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const;
export const ENV_ID_VARIABLE = 'TCB_ENV_ID';
/** manager-node's own variable; environments made from WeChat DevTools are in Shanghai. */
export const REGION_VARIABLE = 'TCB_REGION';
const DEFAULT_REGION = 'ap-shanghai';

export type SecurityRule = Record<string, boolean | string>;
/** Not NodeJS.ProcessEnv: the app's typings make TARO_ENV required there. */
export type Env = Record<string, string | undefined>;

export interface TimerTrigger {
  name: string;
  type: string;
  config: string;
}

export interface FunctionConfigFile {
  permissions?: { openapi?: string[] };
  triggers?: TimerTrigger[];
  timeout?: number;
  memorySize?: number;
  runtime?: string;
}

export interface PlannedIndex {
  name: string;
  keys: IndexKeys;
  unique: boolean;
}

export interface PlannedCollection {
  name: string;
  description: string;
  indexes: PlannedIndex[];
  rule: SecurityRule | undefined;
}

export interface PlannedFunction {
  name: string;
  runtime: string;
  memorySize: number;
  timeout: number;
  handler: string;
  installDependency: boolean;
  ignore: string[];
  openapi: string[];
  triggers: TimerTrigger[];
}

export interface DeployPlan {
  appId: string;
  envId: string;
  envIdFrom: string;
  region: string;
  collections: PlannedCollection[];
  functions: PlannedFunction[];
  /** Each keeps a real deploy from starting; a dry run prints them as warnings. */
  problems: string[];
  /** What the platform offers no API for, in the order to do it. */
  byHand: string[];
}

export interface PlanInputs {
  deployment: typeof deployment;
  securityRules: Record<string, SecurityRule>;
  functions: Record<string, FunctionConfigFile>;
  functionPackages: Record<string, { dependencies?: Record<string, string> }>;
  rootPackage: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  env: Env;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Everything the plan is made from, read from the working tree. */
export function readInputs(env: Env = process.env): PlanInputs {
  const names = listCloudFunctions(functionsRoot);
  const functions: PlanInputs['functions'] = {};
  const functionPackages: PlanInputs['functionPackages'] = {};
  for (const name of names) {
    const config = join(functionsRoot, name, 'config.json');
    functions[name] = existsSync(config) ? readJson<FunctionConfigFile>(config) : {};
    functionPackages[name] = readJson(join(functionsRoot, name, 'package.json'));
  }
  return {
    deployment,
    securityRules: readJson(join(root, 'config/security-rules.json')),
    functions,
    functionPackages,
    rootPackage: readJson(join(root, 'package.json')),
    env,
  };
}

const isPlaceholder = (value: string) => value.trim() === '' || value.startsWith('LOCAL-') || value === 'touristappid';
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

function functionProblems(name: string, config: FunctionConfigFile): string[] {
  const at = `cloudfunctions/${name}/config.json`;
  const problems: string[] = [];
  if (!RUNTIMES.includes(config.runtime as (typeof RUNTIMES)[number])) problems.push(`${at}: runtime must be one of ${RUNTIMES.join(', ')} (is ${config.runtime ?? 'missing'})`);
  if (!MEMORY_SIZES.includes(config.memorySize as (typeof MEMORY_SIZES)[number])) problems.push(`${at}: memorySize must be one of ${MEMORY_SIZES.join(', ')} MB (is ${config.memorySize ?? 'missing'})`);
  if (!Number.isInteger(config.timeout) || (config.timeout as number) < 1 || (config.timeout as number) > 60) problems.push(`${at}: timeout must be 1–60 seconds (is ${config.timeout ?? 'missing'})`);
  for (const trigger of config.triggers ?? []) {
    // CloudBase functions take timer triggers only; names as SCF allows them.
    if (trigger.type !== 'timer') problems.push(`${at}: trigger ${trigger.name} must be of type timer`);
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(trigger.name ?? '')) problems.push(`${at}: trigger name "${trigger.name}" must start with a letter, ≤ 60 of A-Z a-z 0-9 _ -`);
    try {
      parseCron(trigger.config);
    } catch (error) {
      problems.push(`${at}: trigger ${trigger.name}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** What keeps config/deployment.json (and the files it must agree with) from a real deploy, one line each. */
export function deploymentProblems(inputs: PlanInputs, envId: string, envIdFrom: string): string[] {
  const { deployment: d } = inputs;
  const problems: string[] = [];
  const appId = d.miniProgram.appId;
  if (!/^wx[0-9a-f]{16}$/.test(appId))
    problems.push(`config/deployment.json miniProgram.appId is "${appId}"${isPlaceholder(appId) ? ' (a placeholder)' : ''}: set the mini-program's AppID (wx + 16 hex digits; 微信公众平台 → 开发管理 → 开发设置)`);
  if (isPlaceholder(envId) || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(envId))
    problems.push(`CloudBase environment id is "${envId}" (from ${envIdFrom})${isPlaceholder(envId) ? ', a placeholder' : ''}: set ${ENV_ID_VARIABLE} or cloudbase.envId in config/deployment.json`);
  for (const [kind, template] of Object.entries(d.subscribeTemplates)) {
    const at = `config/deployment.json subscribeTemplates.${kind}`;
    if (isPlaceholder(template.id) || !/^[A-Za-z0-9_-]{10,}$/.test(template.id))
      problems.push(`${at}.id is "${template.id}"${isPlaceholder(template.id) ? ' (a placeholder)' : ''}: add the template "${template.title}" in 微信公众平台 → 订阅消息 and put its template id here`);
    const { text, time } = template.fields;
    if (text.type !== 'thing' || !/^thing\d+$/.test(text.key)) problems.push(`${at}.fields.text must be a thing keyword (key thing<N>), is ${text.type} ${text.key}`);
    if (time.type !== 'time' || !/^time\d+$/.test(time.key)) problems.push(`${at}.fields.time must be a time keyword (key time<N>), is ${time.type} ${time.key}`);
  }
  for (const value of NEUTRAL_TEXTS) {
    if ([...value].length > THING_VALUE_MAX) problems.push(`core/notifications.ts: "${value}" is longer than a thing keyword takes (${THING_VALUE_MAX} characters)`);
  }
  problems.push(...slaPolicyProblems(d.defaults.sla, 'config/deployment.json defaults.sla'));
  const days = d.defaults.retentionDays;
  if (!Number.isInteger(days) || days < RETENTION_DAYS_MIN || days > RETENTION_DAYS_MAX)
    problems.push(`config/deployment.json defaults.retentionDays must be a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX} (is ${days})`);

  for (const name of COLLECTION_NAMES) {
    if (!inputs.securityRules[name]) problems.push(`config/security-rules.json has no rule for the collection ${name}`);
  }
  for (const name of Object.keys(inputs.securityRules)) {
    if (!(COLLECTION_NAMES as string[]).includes(name)) problems.push(`config/security-rules.json has a rule for ${name}, which core/schema.ts does not define`);
  }
  for (const [name, config] of Object.entries(inputs.functions)) problems.push(...functionProblems(name, config));
  // The cloud installs each function's package.json; the bundle and the wire-shape tests use the root's versions.
  const tested = { ...inputs.rootPackage.devDependencies, ...inputs.rootPackage.dependencies };
  for (const [name, pkg] of Object.entries(inputs.functionPackages)) {
    for (const [dependency, version] of Object.entries(pkg.dependencies ?? {})) {
      if (!EXACT_VERSION.test(version)) problems.push(`cloudfunctions/${name}/package.json: ${dependency} "${version}" is not an exact version`);
      else if (tested[dependency] !== version) problems.push(`cloudfunctions/${name}/package.json: ${dependency} ${version} differs from the ${tested[dependency] ?? 'missing'} the tests run in package.json`);
    }
  }
  return problems;
}

export function planDeployment(inputs: PlanInputs = readInputs()): DeployPlan {
  const fromEnv = inputs.env[ENV_ID_VARIABLE]?.trim();
  const envId = fromEnv || inputs.deployment.cloudbase.envId;
  const envIdFrom = fromEnv ? ENV_ID_VARIABLE : 'config/deployment.json cloudbase.envId';
  const collections = COLLECTION_NAMES.map((name) => ({
    name,
    description: COLLECTIONS[name].description,
    indexes: COLLECTIONS[name].indexes.map((index: { name: string; keys: IndexKeys; unique?: boolean }) => ({ name: index.name, keys: index.keys, unique: index.unique === true })),
    rule: inputs.securityRules[name],
  }));
  const functions = Object.entries(inputs.functions).map(([name, config]) => ({
    name,
    runtime: config.runtime ?? '',
    memorySize: config.memorySize ?? 0,
    timeout: config.timeout ?? 0,
    handler: HANDLER,
    installDependency: true,
    ignore: FUNCTION_IGNORE,
    openapi: config.permissions?.openapi ?? [],
    triggers: config.triggers ?? [],
  }));
  return {
    appId: inputs.deployment.miniProgram.appId,
    envId,
    envIdFrom,
    region: inputs.env[REGION_VARIABLE]?.trim() || DEFAULT_REGION,
    collections,
    functions,
    problems: deploymentProblems(inputs, envId, envIdFrom),
    byHand: [
      // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html: "每次使用微信开发者工具上传云函数时均会根据配置更新权限"
      `WeChat DevTools: right-click each of ${functions.map((f) => f.name).join(', ')} → 上传并部署：云端安装依赖, once now and whenever its config.json permissions.openapi changes; WeChat registers a function's open-API permissions only from a DevTools upload (until then calls fail with -604101)`,
      'WeChat DevTools: upload dist/weapp (project.config.json), then submit the version for review in 微信公众平台',
      '微信公众平台: 用户隐私保护指引, 接口设置 (getFuzzyLocation, chooseLocation) and the subscribe-message templates: see the README, Deploy',
    ],
  };
}

const quoted = (text: string) => (/^[A-Za-z_$][\w$]*$/.test(text) ? text : `'${text}'`);
const keysText = (keys: IndexKeys) => `{ ${Object.entries(keys).map(([k, v]) => `${quoted(k)}: ${typeof v === 'string' ? `'${v}'` : v}`).join(', ')} }`;

export function formatPlan(plan: DeployPlan, env: Env, dryRun: boolean): string {
  const lines: string[] = [];
  const credentials = CREDENTIAL_VARIABLES.map((v) => `${v} ${env[v] ? 'set' : 'not set'}`).join(', ');
  lines.push(dryRun ? 'Deploy plan (dry run: nothing is built, sent or changed)' : 'Deploy plan', '');
  lines.push('Target');
  lines.push(`  mini-program app id     ${plan.appId}`);
  lines.push(`  CloudBase environment   ${plan.envId}   (from ${plan.envIdFrom})`);
  lines.push(`  region                  ${plan.region}   (${REGION_VARIABLE} changes it)`);
  lines.push(`  credentials             ${credentials}`, '');
  lines.push('Build: first the functions, the weapp after the cloud steps');
  lines.push('  npm run build:functions → cloudfunctions/<name>/index.js');
  lines.push(`  CLOUD_ENV=${plan.envId} taro build --type weapp → dist/weapp; project.config.json appid → ${plan.appId}`, '');
  lines.push(`Collections (${plan.collections.length}): created when missing, indexes added or replaced by name, then the rule set (ModifySafeRule, AclTag CUSTOM)`);
  for (const c of plan.collections) {
    lines.push(`  collection ${c.name} — ${c.description}`);
    for (const i of c.indexes) lines.push(`    index ${c.name}.${i.name} ${keysText(i.keys)} unique: ${i.unique ? 'yes' : 'no'}`);
    if (c.indexes.length === 0) lines.push('    (no index besides _id)');
    lines.push(`    rule ${c.name} ${c.rule ? JSON.stringify(c.rule) : '(missing)'}`);
  }
  lines.push('');
  lines.push(`Functions (${plan.functions.length}): created, or code and settings updated; timer triggers made to match`);
  for (const f of plan.functions) {
    lines.push(`  function ${f.name} runtime: ${f.runtime} memory: ${f.memorySize} MB timeout: ${f.timeout} s handler: ${f.handler} cloud npm install: ${f.installDependency ? 'yes' : 'no'}`);
    lines.push(`    open APIs ${f.name}: ${f.openapi.length ? f.openapi.join(', ') : '(none)'}`);
    for (const t of f.triggers) lines.push(`    trigger ${f.name}.${t.name} ${t.type} "${t.config}"`);
    if (f.triggers.length === 0) lines.push('    (no trigger)');
  }
  lines.push('', 'Then by hand (the platform has no API for these)');
  for (const step of plan.byHand) lines.push(`  - ${step}`);
  // A real deploy lists them itself, with the missing credentials, as the reasons it stops.
  if (dryRun && plan.problems.length) {
    lines.push('', `Warnings: a real deploy refuses until these ${plan.problems.length} are fixed`);
    for (const problem of plan.problems) lines.push(`  - ${problem}`);
  }
  return `${lines.join('\n')}\n`;
}

/** cloudbaserc.json in @cloudbase/cli's format: https://docs.cloudbase.net/cli-v1/functions/configs */
export function cloudbaserc(plan: DeployPlan): object {
  return {
    $comment:
      'Generated by `npm run deploy -- --write-cloudbaserc` from cloudfunctions/*/config.json (the source; test/functions/deploy.test.ts checks they agree). For `tcb fn deploy`; `npm run deploy` also creates the collections, indexes and rules. permissions.openapi is for reading only: the CLI ignores it, and WeChat takes it from a DevTools upload.',
    version: '2.0',
    envId: `{{env.${ENV_ID_VARIABLE}}}`,
    functionRoot: './cloudfunctions',
    functions: plan.functions.map((f) => ({
      name: f.name,
      runtime: f.runtime,
      memorySize: f.memorySize,
      timeout: f.timeout,
      handler: f.handler,
      installDependency: f.installDependency,
      ignore: f.ignore,
      triggers: f.triggers,
      permissions: { openapi: f.openapi },
    })),
  };
}

export const cloudbasercText = (plan: DeployPlan) => `${JSON.stringify(cloudbaserc(plan), null, 2)}\n`;

const missingCredentials = (env: Env) => CREDENTIAL_VARIABLES.filter((v) => !env[v]?.trim());

function step(text: string): void {
  console.log(`\n▶ ${text}`);
}

function buildFunctions(): void {
  step('Building the functions');
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build-functions.ts')], { cwd: root, stdio: 'inherit' });
}

/** Last, as the slowest step: the app calls the environment named at build time (CLOUD_ENV, config/index.ts). */
function buildWeapp(plan: DeployPlan): void {
  step(`Building the weapp for ${plan.envId}`);
  execFileSync(process.execPath, [join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], { cwd: root, stdio: 'inherit', env: { ...process.env, CLOUD_ENV: plan.envId } });
  const projectConfigPath = join(root, 'project.config.json');
  const projectConfig = readJson<Record<string, unknown>>(projectConfigPath);
  if (projectConfig.appid !== plan.appId) {
    writeFileSync(projectConfigPath, `${JSON.stringify({ ...projectConfig, appid: plan.appId }, null, 2)}\n`);
    console.log(`project.config.json appid → ${plan.appId}`);
  }
}

export type Manager = InstanceType<typeof CloudBase>;

const sameKeys = (existing: { Name?: string; Direction?: string }[], wanted: IndexKeys) =>
  existing.length === Object.keys(wanted).length && Object.entries(wanted).every(([name, direction], i) => existing[i]?.Name === name && existing[i]?.Direction === String(direction));

export async function deployCollections(manager: Manager, plan: DeployPlan): Promise<void> {
  const db = manager.database;
  // The collection's rule goes through the plain TCB API: https://cloud.tencent.com/document/api/876/128959
  const tcb = manager.commonService('tcb', '2018-06-08');
  for (const c of plan.collections) {
    step(`collection ${c.name}`);
    const { IsCreated } = await db.createCollectionIfNotExists(c.name);
    console.log(IsCreated ? '  created' : '  exists');
    const existing = (await db.describeCollection(c.name)).Indexes ?? [];
    const drop: { IndexName: string }[] = [];
    const create = [];
    for (const index of c.indexes) {
      const found = existing.find((e) => e.Name === index.name);
      if (found && sameKeys(found.Keys, index.keys) && found.Unique === index.unique) continue;
      if (found) drop.push({ IndexName: index.name });
      // Directions travel as strings: "1", "-1", "2dsphere". CloudBase has no sparse or partial unique index.
      create.push({
        IndexName: index.name,
        MgoKeySchema: { MgoIsUnique: index.unique, MgoIndexKeys: Object.entries(index.keys).map(([Name, d]) => ({ Name, Direction: String(d) })) },
      });
    }
    if (drop.length) {
      await db.updateCollection(c.name, { DropIndexes: drop });
      console.log(`  dropped to replace: ${drop.map((d) => d.IndexName).join(', ')}`);
    }
    if (create.length) {
      await db.updateCollection(c.name, { CreateIndexes: create });
      console.log(`  indexes created: ${create.map((i) => i.IndexName).join(', ')}`);
    }
    const unknown = existing.filter((e) => !e.Name.startsWith('_id') && !c.indexes.some((i) => i.name === e.Name));
    if (unknown.length) console.log(`  left alone (not in core/schema.ts): ${unknown.map((e) => e.Name).join(', ')}`);
    await tcb.call({ Action: 'ModifySafeRule', Param: { EnvId: plan.envId, CollectionName: c.name, AclTag: 'CUSTOM', Rule: JSON.stringify(c.rule) } });
    console.log(`  rule ${JSON.stringify(c.rule)}`);
  }
}

export async function deployFunctions(manager: Manager, plan: DeployPlan): Promise<void> {
  const fns = manager.functions;
  for (const f of plan.functions) {
    step(`function ${f.name}`);
    const func = { name: f.name, runtime: f.runtime, memorySize: f.memorySize, timeout: f.timeout, handler: f.handler, installDependency: f.installDependency, ignore: f.ignore, triggers: f.triggers };
    let existing: Awaited<ReturnType<typeof fns.getFunctionDetail>> | undefined;
    try {
      existing = await fns.getFunctionDetail(f.name);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ResourceNotFound.Function') throw error;
    }
    if (!existing) {
      await fns.createFunction({ func, functionRootPath: functionsRoot, force: false });
      console.log(`  created with ${f.triggers.length} trigger(s)`);
      continue;
    }
    // SCF sets the runtime only when a function is created (UpdateFunctionConfiguration has no Runtime).
    if (existing.Runtime !== f.runtime) console.log(`  ! runtime stays ${existing.Runtime}: CloudBase changes it only by creating the function anew (delete it in the console, then deploy)`);
    await fns.updateFunctionCode({ func, functionRootPath: functionsRoot });
    await fns.waitFunctionActive(f.name);
    await fns.updateFunctionConfig(func);
    await fns.waitFunctionActive(f.name);
    console.log('  code and settings updated');
    const current = (existing.Triggers ?? []).filter((t) => t.Type === 'timer');
    const keep = (t: (typeof current)[number]) => f.triggers.some((w) => w.name === t.TriggerName && (t.TriggerDesc ?? '').includes(w.config));
    for (const t of current.filter((t) => !keep(t))) {
      await fns.deleteFunctionTrigger(f.name, t.TriggerName);
      console.log(`  trigger ${t.TriggerName} removed`);
    }
    const toCreate = f.triggers.filter((w) => !current.some((t) => keep(t) && t.TriggerName === w.name));
    if (toCreate.length) {
      await fns.createFunctionTriggers(f.name, toCreate);
      console.log(`  triggers created: ${toCreate.map((t) => t.name).join(', ')}`);
    }
  }
}

async function deploy(plan: DeployPlan, env: Env): Promise<void> {
  const missing = missingCredentials(env);
  const refusals = [...missing.map((v) => `${v} is not set (a Tencent Cloud API key with access to CloudBase)`), ...plan.problems];
  if (refusals.length) {
    console.error(`Not deploying: ${refusals.length} thing(s) to fix first.`);
    for (const r of refusals) console.error(`  - ${r}`);
    process.exitCode = 1;
    return;
  }
  buildFunctions();
  // Loaded only here, so a dry run and the tests never touch the management SDK.
  const { default: ManagerCloudBase } = await import('@cloudbase/manager-node');
  const manager = new ManagerCloudBase({ secretId: env.TENCENTCLOUD_SECRETID, secretKey: env.TENCENTCLOUD_SECRETKEY, token: env.TENCENTCLOUD_SESSIONTOKEN, envId: plan.envId, region: plan.region });
  await deployCollections(manager, plan);
  await deployFunctions(manager, plan);
  buildWeapp(plan);
  console.log('\nDeployed. Still by hand:');
  for (const s of plan.byHand) console.log(`  - ${s}`);
}

async function main(argv: string[]): Promise<void> {
  const known = new Set(['--dry-run', '--write-cloudbaserc', '--help']);
  const unknown = argv.filter((a) => !known.has(a));
  if (unknown.length || argv.includes('--help')) {
    console.log('usage: npm run deploy [-- --dry-run | --write-cloudbaserc]');
    if (unknown.length) process.exitCode = 2;
    return;
  }
  const plan = planDeployment(readInputs(process.env));
  if (argv.includes('--write-cloudbaserc')) {
    writeFileSync(join(root, 'cloudbaserc.json'), cloudbasercText(plan));
    console.log(`cloudbaserc.json written (${plan.functions.length} functions)`);
    return;
  }
  const dryRun = argv.includes('--dry-run');
  process.stdout.write(formatPlan(plan, process.env, dryRun));
  if (!dryRun) await deploy(plan, process.env);
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
