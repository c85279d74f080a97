/**
 * A fast `$group` for the plain shapes this project's aggregations use (field paths, literals, comparisons, `$in`,
 * `$and` / `$or` / `$not`, `$cond`; `$sum`, `$push`, `$max`, `$min`, `$first`, `$last`). mingo answers everything,
 * but evaluates each expression through its operator registry: with hundreds of documents per call that was most of
 * a submit's time on the local server. Anything outside these shapes, at compile time or on a value it does not
 * handle, is left to mingo (`undefined` / `Unsupported`), so the answers are mingo's in every case.
 */
type Doc = Record<string, unknown>;
type Expression = (doc: Doc) => unknown;

export class Unsupported extends Error {}

const unsupported = (what: string): never => {
  throw new Unsupported(what);
};

const pathOf = (path: string): Expression => {
  const keys = path.split('.');
  return (doc) => {
    let value: unknown = doc;
    for (const key of keys) {
      if (Array.isArray(value)) return unsupported('a path through an array');
      value = value !== null && typeof value === 'object' ? (value as Doc)[key] : undefined;
    }
    return value;
  };
};

/** Values of one type (string, number, boolean, or both null); anything else, mixed types or a missing value, is left to mingo. */
function compare(a: unknown, b: unknown): number {
  if (a === null && b === null) return 0;
  const type = typeof a;
  if (a === null || b === null || type !== typeof b || (type !== 'string' && type !== 'number' && type !== 'boolean')) {
    return unsupported(`comparing ${a === undefined || b === undefined ? 'a missing value' : `${type} with ${typeof b}`}`);
  }
  return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
}

const truthy = (value: unknown) => value !== false && value !== null && value !== undefined && value !== 0;

const COMPARISONS: Record<string, (order: number) => boolean> = {
  $eq: (o) => o === 0,
  $ne: (o) => o !== 0,
  $gt: (o) => o > 0,
  $gte: (o) => o >= 0,
  $lt: (o) => o < 0,
  $lte: (o) => o <= 0,
};

function compileExpression(spec: unknown): Expression {
  if (typeof spec === 'string') return spec.startsWith('$$') ? unsupported('a variable') : spec.startsWith('$') ? pathOf(spec.slice(1)) : () => spec;
  if (spec === null || typeof spec === 'number' || typeof spec === 'boolean') return () => spec;
  if (Array.isArray(spec)) {
    const items = spec.map(compileExpression);
    return (doc) => items.map((item) => item(doc));
  }
  if (typeof spec !== 'object') return unsupported(typeof spec);
  const entries = Object.entries(spec as Doc);
  if (entries.length !== 1) return unsupported('an object expression');
  const [operator, operand] = entries[0] as [string, unknown];
  const args = Array.isArray(operand) ? operand.map(compileExpression) : [];
  const order = COMPARISONS[operator];
  if (order) {
    if (args.length !== 2) return unsupported(operator);
    const [a, b] = args as [Expression, Expression];
    return (doc) => order(compare(a(doc), b(doc)));
  }
  switch (operator) {
    case '$in': {
      if (args.length !== 2) return unsupported(operator);
      const [item, list] = args as [Expression, Expression];
      return (doc) => {
        const value = item(doc);
        const values = list(doc);
        if (!Array.isArray(values)) return unsupported('$in without a list');
        return values.some((v) => compare(v, value) === 0);
      };
    }
    case '$and':
      return (doc) => args.every((arg) => truthy(arg(doc)));
    case '$or':
      return (doc) => args.some((arg) => truthy(arg(doc)));
    case '$not':
      return args.length === 1 ? (doc) => !truthy((args[0] as Expression)(doc)) : unsupported(operator);
    case '$cond': {
      const [condition, then, otherwise] = Array.isArray(operand)
        ? (args as [Expression, Expression, Expression])
        : [compileExpression((operand as Doc).if), compileExpression((operand as Doc).then), compileExpression((operand as Doc).else)];
      return (doc) => (truthy(condition(doc)) ? then(doc) : otherwise(doc));
    }
    default:
      return unsupported(operator);
  }
}

interface Accumulator {
  initial: () => unknown;
  add: (total: unknown, value: unknown) => unknown;
}

const ACCUMULATORS: Record<string, Accumulator> = {
  $sum: { initial: () => 0, add: (total, value) => (typeof value === 'number' ? (total as number) + value : total) },
  $push: {
    initial: () => [],
    add: (list, value) => {
      if (value === undefined) unsupported('$push of a missing value');
      (list as unknown[]).push(value);
      return list;
    },
  },
  $max: { initial: () => undefined, add: (best, value) => (value === undefined || value === null ? best : best === undefined || compare(value, best) > 0 ? value : best) },
  $min: { initial: () => undefined, add: (best, value) => (value === undefined || value === null ? best : best === undefined || compare(value, best) < 0 ? value : best) },
  $first: { initial: () => FIRST_UNSET, add: (first, value) => (first === FIRST_UNSET ? (value === undefined ? null : value) : first) },
  $last: { initial: () => undefined, add: (_last, value) => (value === undefined ? null : value) },
};
const FIRST_UNSET = Symbol('unset');

/** A `$group` stage as a function over documents, or undefined when its shape is not one of these. */
export function compileGroup(spec: Doc): ((docs: Doc[]) => Doc[]) | undefined {
  try {
    const key = compileExpression(spec._id ?? null);
    const fields = Object.entries(spec)
      .filter(([name]) => name !== '_id')
      .map(([name, accumulatorSpec]) => {
        const entries = accumulatorSpec && typeof accumulatorSpec === 'object' ? Object.entries(accumulatorSpec as Doc) : [];
        const accumulator = entries.length === 1 ? ACCUMULATORS[(entries[0] as [string, unknown])[0]] : undefined;
        if (!accumulator) return unsupported(`accumulator of ${name}`);
        return { name, accumulator, value: compileExpression((entries[0] as [string, unknown])[1]) };
      });
    return (docs) => {
      const groups = new Map<string, { id: unknown; totals: unknown[] }>();
      for (const doc of docs) {
        const id = key(doc) ?? null;
        if (id !== null && typeof id === 'object') unsupported('a composite group key');
        const groupKey = `${typeof id}:${String(id)}`;
        let group = groups.get(groupKey);
        if (!group) {
          group = { id, totals: fields.map((f) => f.accumulator.initial()) };
          groups.set(groupKey, group);
        }
        const { totals } = group;
        fields.forEach((field, i) => {
          totals[i] = field.accumulator.add(totals[i], field.value(doc));
        });
      }
      return [...groups.values()].map(({ id, totals }) => ({
        _id: id,
        ...Object.fromEntries(fields.map((field, i) => [field.name, totals[i] === FIRST_UNSET || totals[i] === undefined ? null : totals[i]])),
      }));
    };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
