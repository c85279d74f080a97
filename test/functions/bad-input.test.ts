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
import { ACTION_INPUTS, type FunctionName } from '../../core/actions';
import { ERROR_CODES } from '../../core/envelope';
import type { Check } from '../../core/validate';
import type { Host } from '../../local/host/server';
import { applyMutations, badInputs, type Json, type MutationKind } from '../support/bad-inputs';
import { SAMPLES } from '../support/action-samples';
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
