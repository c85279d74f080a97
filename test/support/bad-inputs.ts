/**
 * Bad inputs by construction: mutations of an action's valid sample that no correct check may accept. The validator
 * is asked one thing only, which keys are required (deleting one from the sample makes it fail); every other
 * mutation is bad because of what it is (a wrong type, an injection object, a huge string, a control character…).
 */
import fc from 'fast-check';
import { parse, type Check } from '../../core/validate';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Kind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';
export type Path = (string | number)[];

export const kindOf = (value: unknown): Kind => (value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as Kind));

// Every field of every sample is classified by its name, so a new field cannot slip past the mutations meant for it.

/** Strings from a closed ASCII alphabet: ids, codes, enum values, dates, phone numbers, file IDs, base64, the consent version. */
export const STRICT_STRING_FIELDS = new Set([
  'requestId', 'pointId', 'toPointId', 'memberId', 'memberIds', 'activityId', 'surveyId', 'questionId', 'contactId',
  'attendedSignUpIds', 'code', 'clientKey', 'contentType', 'data', 'category', 'urgency', 'method', 'phone', 'photos',
  'consentVersion', 'agency', 'skills', 'awayUntil', 'type', 'startsAt', 'kind', 'day', 'way', 'format', 'unit', 'from',
  'to', 'table', 'confirm',
]);
/** Text a person types: any script and emoji are fine there. */
export const FREE_TEXT_FIELDS = new Set([
  'description', 'safeTimes', 'text', 'reason', 'summary', 'note', 'outcome', 'comment', 'role', 'helpsWith', 'name',
  'displayName', 'title', 'place', 'intro', 'reach', 'topic', 'address', 'serviceHours', 'executiveTitle', 'duties',
  'options',
]);
/** Counts, ratings, years, indexes: whole numbers, never negative, all far below a million. */
export const INT_FIELDS = new Set(['rating', 'days', 'capacity', 'extraCount', 'year', 'amount', 'choice', 'choices']);
/** Coordinates: never beyond ±180. */
export const REAL_FIELDS = new Set(['latitude', 'longitude']);

/** Longer than any list the actions take (the longest allows 500). */
const OVERSIZE_MIN = 1001;
/** Longer than any text field; base64 data may be longer, so these carry a character base64 never has. */
const HUGE_MIN = 100_000;

const INJECTIONS: Json[] = [{ $gt: '' }, { $ne: null }, { $where: '1' }, { $regex: '.*' }, { $exists: true }, { $in: [] }, { $nin: [''] }];
/** C0 controls other than tab and line breaks, DEL, C1 controls (CSI is a terminal escape), and lone surrogates. */
const BAD_CHARS = [
  ...'\u0000\u0001\u0007\u0008\u000E\u001B\u001F\u007F\u0080\u0085\u009B\u009F',
  '\uD800', '\uDBFF', '\uD83D', '\uDC00', '\uDFFF',
];
/** Not whitespace (trim keeps them), and none is ASCII: RTL/LTR overrides and isolates, joiners, emoji, full-width forms. */
const ODD_UNICODE = ['\u202E', '\u202D', '\u2066', '\u061C', '\u200D', '\u200C', '\u200B', '\u2060', '\u0301', '👩‍💻', '🙂', '🇨🇳', 'Ａ', 'ｚ', '０', '－', '＿'];
/** Keys no action takes: Object.prototype's names, operators, store fields, and names with a hyphen. */
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '$where', '$set', '_id', '_openid', 'openid', 'isExecutive', '', ' ', 'a.b'];

export type Mutation =
  | { kind: 'wrongType' | 'notObject' | 'injection' | 'outOfRange' | 'nonInteger'; path: Path; value: Json }
  | { kind: 'hugeString'; path: Path; length: number; filler: string; bad: string; at: number }
  | { kind: 'badChar' | 'oddUnicode'; path: Path; char: string; at: number }
  | { kind: 'fullWidth'; path: Path }
  | { kind: 'extraKey'; path: Path; key: string; value: Json }
  | { kind: 'deleteRequired' | 'nullRequired'; path: Path }
  | { kind: 'oversizeList'; path: Path; length: number };
export type MutationKind = Mutation['kind'];

interface Node {
  path: Path;
  value: Json;
  /** The nearest key above it (a list item's is its list's). */
  field: string;
}

const clone = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;

function nodesOf(value: Json, path: Path = [], field = ''): Node[] {
  const here: Node = { path, value, field };
  if (Array.isArray(value)) return [here, ...value.flatMap((item, i) => nodesOf(item, [...path, i], field))];
  if (kindOf(value) === 'object') return [here, ...Object.entries(value as Record<string, Json>).flatMap(([k, v]) => nodesOf(v, [...path, k], k))];
  return [here];
}

const at = (root: Json, path: Path): Json => path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key] as Json, root);

/** Sets as own data property, so `__proto__` is a key like any other (as JSON.parse makes it). */
function setOwn(target: Json, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function without(root: Json, path: Path): Json {
  const copy = clone(root);
  delete (at(copy, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1] as string | number];
  return copy;
}

const fails = (check: Check<unknown>, value: Json): boolean => {
  try {
    parse(check, value);
    return false;
  } catch {
    return true;
  }
};

const fullWidth = (s: string) => s.replace(/[\u0021-\u007E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Inserts at a code-point boundary, so a lone surrogate stays alone and no pair is split by accident. */
function insertAt(s: string, char: string, position: number): string {
  const points = Array.from(s);
  const i = position % (points.length + 1);
  return [...points.slice(0, i), char, ...points.slice(i)].join('');
}

function hugeString(m: Extract<Mutation, { kind: 'hugeString' }>): string {
  const body = m.filler.repeat(Math.ceil(m.length / m.filler.length)).slice(0, m.length);
  const i = m.at % body.length;
  return body.slice(0, i) + m.bad + body.slice(i + 1);
}

/** Any JSON value, shallow (fast-check types object members as possibly undefined; JSON has none). */
const anyJson = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;

const touches = (m: Mutation): Path => (m.kind === 'extraKey' ? [...m.path, m.key] : m.path);
const overlaps = (a: Path, b: Path) => a.slice(0, b.length).every((k, i) => k === b[i]) || b.slice(0, a.length).every((k, i) => k === a[i]);

/**
 * The input the cloud would decode: the sample with the mutations applied in order, each skipped when it overlaps one
 * applied before (the first always applies), then through JSON as CloudBase passes the event.
 */
export function applyMutations(sample: Json, mutations: Mutation[]): { input: Json; applied: MutationKind[] } {
  let root = clone(sample);
  const done: Path[] = [];
  const applied: MutationKind[] = [];
  for (const m of mutations) {
    const touched = touches(m);
    if (done.some((p) => overlaps(p, touched))) continue;
    const old = at(root, m.path);
    let next: Json | undefined;
    switch (m.kind) {
      case 'wrongType':
      case 'notObject':
      case 'injection':
      case 'outOfRange':
      case 'nonInteger':
        next = m.value;
        break;
      case 'hugeString':
        next = hugeString(m);
        break;
      case 'badChar':
      case 'oddUnicode':
        next = insertAt(old as string, m.char, m.at);
        break;
      case 'fullWidth':
        next = fullWidth(old as string);
        break;
      case 'nullRequired':
        next = null;
        break;
      case 'oversizeList': {
        const items = (old as Json[]).length ? (old as Json[]) : ['x'];
        next = Array.from({ length: m.length }, (_, i) => clone(items[i % items.length] as Json));
        break;
      }
      case 'extraKey':
        setOwn(old, m.key, m.value);
        break;
      case 'deleteRequired':
        root = without(root, m.path);
        break;
    }
    if (next !== undefined) {
      if (m.path.length === 0) root = next;
      else setOwn(at(root, m.path.slice(0, -1)), m.path[m.path.length - 1] as string | number, next);
    }
    done.push(touched);
    applied.push(m.kind);
  }
  return { input: clone(root), applied };
}

/** Values of another JSON type than `value`'s (never null: an optional field takes null as "left out"). */
function otherType(value: Json): fc.Arbitrary<Json> {
  const kind = kindOf(value);
  const near: Json[] = (
    [String(value), JSON.stringify(value), [value], { value }, { 0: value }, 0, 1, true, false, Array.isArray(value) ? value.length : 0] as Json[]
  ).filter((v) => v !== null && kindOf(v) !== kind);
  return fc.oneof(
    fc.constantFrom(...near),
    anyJson.filter((v) => v !== null && kindOf(v) !== kind),
  );
}

const intOutOfRange: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -2_147_483_648, max: -1 }),
  fc.integer({ min: 1_000_000, max: 2_147_483_647 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, -1e21, 1e308, -Number.MAX_VALUE),
);
const realOutOfRange: fc.Arbitrary<number> = fc
  .tuple(fc.double({ min: 1000, max: 1e300, noNaN: true }), fc.boolean())
  .map(([x, negative]) => (negative ? -x : x));
const nonInteger = (value: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(value + 0.5, value - 0.25, 0.1, 1e-7, 5e-324),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)),
  );

export interface BadInputs {
  /** One to three mutations; the first always applies. */
  mutations: fc.Arbitrary<Mutation[]>;
  /** The kinds of mutation this sample offers a target for. */
  kinds: MutationKind[];
  /** Paths of the keys deleting which makes the sample fail. */
  required: Path[];
}

export function badInputs(check: Check<unknown>, sample: Json): BadInputs {
  if (kindOf(sample) !== 'object') throw new Error('every action takes an object: the sample must be one');
  if (fails(check, sample)) throw new Error('the sample is not valid');
  const nodes = nodesOf(sample);
  for (const { path, value, field } of nodes) {
    const where = `input.${path.join('.')}`;
    if (kindOf(value) === 'string') {
      if (STRICT_STRING_FIELDS.has(field)) {
        // Full-width forms and inserted odd characters are bad only where the alphabet is ASCII.
        if (!/^[\u0021-\u007E]+$/.test(value as string)) throw new Error(`${where}: a strict field's sample must be printable ASCII`);
      } else if (!FREE_TEXT_FIELDS.has(field)) throw new Error(`${where}: classify the field "${field}" in test/support/bad-inputs.ts`);
    }
    if (kindOf(value) === 'number' && !INT_FIELDS.has(field) && !REAL_FIELDS.has(field)) {
      throw new Error(`${where}: classify the number field "${field}" in test/support/bad-inputs.ts`);
    }
    if (kindOf(value) === 'null') throw new Error(`${where}: leave an optional field out of the sample rather than null`);
  }
  const properties = nodes.filter((n) => n.path.length > 0 && typeof n.path[n.path.length - 1] === 'string');
  const required = properties.filter((n) => fails(check, without(sample, n.path))).map((n) => n.path);
  const rootHasRequired = required.some((p) => p.length === 1);

  const strings = nodes.filter((n) => kindOf(n.value) === 'string');
  const strict = strings.filter((n) => STRICT_STRING_FIELDS.has(n.field));
  const ints = nodes.filter((n) => kindOf(n.value) === 'number' && INT_FIELDS.has(n.field));
  const reals = nodes.filter((n) => kindOf(n.value) === 'number' && REAL_FIELDS.has(n.field));
  const numbers = [...ints, ...reals];
  const objects = nodes.filter((n) => kindOf(n.value) === 'object');
  const lists = nodes.filter((n) => kindOf(n.value) === 'array');

  const pick = <T>(targets: T[], build: (target: T) => fc.Arbitrary<Mutation>) => (targets.length ? fc.constantFrom(...targets).chain(build) : undefined);
  const families: Partial<Record<MutationKind, fc.Arbitrary<Mutation> | undefined>> = {
    wrongType: pick(nodes.slice(1), (n) => otherType(n.value).map((value): Mutation => ({ kind: 'wrongType', path: n.path, value }))),
    // null is "no input" (parse takes it as {}): bad only where a key is required.
    notObject: (rootHasRequired ? fc.oneof(otherType(sample), fc.constant(null)) : otherType(sample)).map((value): Mutation => ({ kind: 'notObject', path: [], value })),
    injection: pick([...strings, ...numbers], (n) => fc.constantFrom(...INJECTIONS).map((value): Mutation => ({ kind: 'injection', path: n.path, value }))),
    hugeString: pick(strings, (n) =>
      fc
        .record({ length: fc.integer({ min: HUGE_MIN, max: HUGE_MIN + 50_000 }), filler: fc.constantFrom('x', 'A9', '中', '女'), bad: fc.constantFrom('!', '。', '~', '中', '$', '"'), at: fc.nat() })
        .map((r): Mutation => ({ kind: 'hugeString', path: n.path, ...r })),
    ),
    badChar: pick(strings, (n) => fc.record({ char: fc.constantFrom(...BAD_CHARS), at: fc.nat() }).map((r): Mutation => ({ kind: 'badChar', path: n.path, ...r }))),
    oddUnicode: pick(strict, (n) => fc.record({ char: fc.constantFrom(...ODD_UNICODE), at: fc.nat() }).map((r): Mutation => ({ kind: 'oddUnicode', path: n.path, ...r }))),
    fullWidth: pick(strict, (n) => fc.constant<Mutation>({ kind: 'fullWidth', path: n.path })),
    extraKey: pick(objects, (n) =>
      fc
        .record({ key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 }).map((s) => `x-${s}`)), value: anyJson })
        .map((r): Mutation => ({ kind: 'extraKey', path: n.path, ...r })),
    ),
    deleteRequired: pick(required, (path) => fc.constant<Mutation>({ kind: 'deleteRequired', path })),
    nullRequired: pick(required, (path) => fc.constant<Mutation>({ kind: 'nullRequired', path })),
    oversizeList: pick(lists, (n) => fc.integer({ min: OVERSIZE_MIN, max: 3000 }).map((length): Mutation => ({ kind: 'oversizeList', path: n.path, length }))),
    outOfRange: pick(numbers, (n) => (INT_FIELDS.has(n.field) ? intOutOfRange : realOutOfRange).map((value): Mutation => ({ kind: 'outOfRange', path: n.path, value }))),
    nonInteger: pick(ints, (n) => nonInteger(n.value as number).map((value): Mutation => ({ kind: 'nonInteger', path: n.path, value }))),
  };
  const offered = Object.entries(families).filter((e): e is [MutationKind, fc.Arbitrary<Mutation>] => e[1] !== undefined);
  return {
    mutations: fc.array(fc.oneof(...offered.map(([, arbitrary]) => arbitrary)), { minLength: 1, maxLength: 3 }),
    kinds: offered.map(([kind]) => kind),
    required,
  };
}
