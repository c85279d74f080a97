/**
 * A small input validator: every action's input goes through one of these before anything is read or written.
 * Objects are strict (unknown keys are refused) and strings must be strings, so an injection-shaped value such as
 * {"$gt": ""} in place of an id never reaches a query.
 */
import { ActionError } from './envelope';

export type Check<T> = (value: unknown, path: string) => T;
export type Checked<C> = C extends Check<infer T> ? T : never;

const invalid = (path: string, message: string): never => {
  throw new ActionError('InvalidParameter', `${path}：${message}`);
};

/** Lone surrogates and control characters (C0, DEL and C1) other than line breaks and tabs are refused in text. */
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextRule {
  min?: number;
  max: number;
  pattern?: RegExp;
  patternHint?: string;
}

/** Length is counted in characters as a person sees them (code points), not UTF-16 units. */
export const textLength = (s: string): number => Array.from(s).length;

/** Free text (a text without a pattern) met while parsing, for the content check; parse is synchronous. */
let freeTextSink: FreeText[] | undefined;

export interface FreeText {
  path: string;
  text: string;
}

export const text =
  ({ min = 0, max, pattern, patternHint }: TextRule): Check<string> =>
  (value, path) => {
    if (typeof value !== 'string') return invalid(path, '应为文字');
    const trimmed = value.trim();
    if (UNSAFE_TEXT.test(trimmed)) return invalid(path, '含有无法识别的字符');
    const length = textLength(trimmed);
    if (length < min) return invalid(path, min === 1 ? '不能为空' : `至少 ${min} 个字`);
    if (length > max) return invalid(path, `最多 ${max} 个字（现在 ${length} 个）`);
    if (pattern && !pattern.test(trimmed)) return invalid(path, patternHint ?? '格式不正确');
    if (!pattern && trimmed && freeTextSink) freeTextSink.push({ path, text: trimmed });
    return trimmed;
  };

export const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (value, path) =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? (value as T)
      : invalid(path, `应为 ${values.join(' / ')} 之一`);

export const int =
  ({ min, max }: { min: number; max: number }): Check<number> =>
  (value, path) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? value
      : invalid(path, `应为 ${min} 到 ${max} 之间的整数`);

export const num =
  ({ min, max }: { min: number; max: number }): Check<number> =>
  (value, path) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : invalid(path, `应为 ${min} 到 ${max} 之间的数`);

export const list =
  <T>(item: Check<T>, { max, min = 0 }: { max: number; min?: number }): Check<T[]> =>
  (value, path) => {
    if (!Array.isArray(value)) return invalid(path, '应为列表');
    if (value.length > max) return invalid(path, `最多 ${max} 项（现在 ${value.length} 项）`);
    if (value.length < min) return invalid(path, `至少 ${min} 项`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };

/** Base64 data of at most `maxBytes` decoded bytes; checked by shape and length only, decoded by the caller. */
export const base64 =
  ({ maxBytes }: { maxBytes: number }): Check<string> =>
  (value, path) => {
    if (typeof value !== 'string' || value.length === 0) return invalid(path, '应为文件内容');
    if (value.length > Math.ceil(maxBytes / 3) * 4) return invalid(path, `文件太大，最大 ${Math.round(maxBytes / 1024)} KB`);
    if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return invalid(path, '文件内容格式不正确');
    return value;
  };

export const bool: Check<boolean> = (value, path) => (typeof value === 'boolean' ? value : invalid(path, '应为是或否'));

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value, path) =>
    value === undefined || value === null ? undefined : check(value, path);

/** Document ids and keys the system generates: letters, digits, '-' and '_'. */
export const id: Check<string> = text({ min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternHint: '编号格式不正确' });

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** Keys whose check may give `undefined` are optional in the checked object. */
export type CheckedObject<S extends Record<string, Check<unknown>>> = Simplify<
  { [K in keyof S as undefined extends Checked<S[K]> ? never : K]: Checked<S[K]> } & {
    [K in keyof S as undefined extends Checked<S[K]> ? K : never]?: Exclude<Checked<S[K]>, undefined>;
  }
>;

export const object =
  <S extends Record<string, Check<unknown>>>(shape: S): Check<CheckedObject<S>> =>
  (value, path) => {
    if (!isPlainObject(value)) return invalid(path, '应为对象');
    for (const key of Object.keys(value)) {
      // Own keys only: `in` would let `constructor`, `__proto__` and the rest of Object.prototype's names through.
      if (!Object.prototype.hasOwnProperty.call(shape, key)) invalid(`${path}.${key}`, '不认识的字段');
    }
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const checked = check(value[key], `${path}.${key}`);
      if (checked !== undefined) out[key] = checked;
    }
    return out as CheckedObject<S>;
  };

/** A rule across fields of an already-checked value; it names the field at fault ('' for the value itself). */
export const refine =
  <T>(check: Check<T>, rule: (value: T) => { field: string; message: string } | undefined): Check<T> =>
  (value, path) => {
    const checked = check(value, path);
    const broken = rule(checked);
    return broken ? invalid(broken.field ? `${path}.${broken.field}` : path, broken.message) : checked;
  };

/** Runs a check at the top of an action's input. */
export const parse = <T>(check: Check<T>, value: unknown): T => check(value ?? {}, 'input');

/** Parses and lists every non-empty free-text field of the checked value (names, notes, descriptions…). */
export function parseWithFreeText<T>(check: Check<T>, value: unknown): { value: T; freeText: FreeText[] } {
  const freeText: FreeText[] = [];
  freeTextSink = freeText;
  try {
    return { value: parse(check, value), freeText };
  } finally {
    freeTextSink = undefined;
  }
}
