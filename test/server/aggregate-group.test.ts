/**
 * The store's fast `$group` (local/db/group.ts) must answer exactly as mingo does, on any documents: generated ones,
 * with fields missing, null, numbers or strings, for the group shapes the functions send and a few more.
 */
import fc from 'fast-check';
import { Aggregator } from 'mingo';
import { compileGroup, Unsupported } from '../../local/db/group';

type Doc = Record<string, unknown>;

const value = fc.oneof(fc.constantFrom('a', 'b', 'c', '2026-11-01', '2026-11-20'), fc.integer({ min: -3, max: 5 }), fc.constant(null));
const doc: fc.Arbitrary<Doc> = fc.record(
  { assigneeId: fc.constantFrom('m1', 'm2', 'm3'), pointId: fc.constantFrom('p1', 'p2'), status: fc.constantFrom('assigned', 'accepted', 'resolved'), residentOpenid: fc.constantFrom('w1', 'w2'), createdAt: value, n: value, due: fc.record({ at: value }, { requiredKeys: [] }) },
  { requiredKeys: ['pointId'] },
);

const OPEN = ['assigned', 'accepted'];
const SPECS: Doc[] = [
  // The submit's routing read (backend/data.ts openLoadAndSubmitsSince).
  {
    _id: '$assigneeId',
    open: { $sum: { $cond: { if: { $and: [{ $eq: ['$pointId', 'p1'] }, { $in: ['$status', OPEN] }] }, then: 1, else: 0 } } },
    mine: { $push: { $cond: { if: { $and: [{ $eq: ['$residentOpenid', 'w1'] }, { $gte: ['$createdAt', '2026-11-10'] }] }, then: '$createdAt', else: '' } } },
  },
  { _id: '$assigneeId', open: { $sum: 1 } },
  { _id: '$pointId', total: { $sum: '$n' }, top: { $max: '$n' }, low: { $min: '$createdAt' }, first: { $first: '$status' }, last: { $last: '$status' } },
  { _id: null, late: { $sum: { $cond: [{ $or: [{ $lt: ['$due.at', 'b'] }, { $not: [{ $ne: ['$n', 2] }] }] }, 1, 0] } } },
  { _id: '$due.at', count: { $sum: 1 } },
];

const byKey = (rows: Doc[]) => [...rows].sort((a, b) => JSON.stringify(a._id).localeCompare(JSON.stringify(b._id)));

test.each(SPECS.map((spec, i) => [i, spec] as const))('group %i answers as mingo does', (_i, spec) => {
  const fast = compileGroup(spec);
  expect(fast).toBeDefined();
  let compared = 0;
  fc.assert(
    fc.property(fc.array(doc, { maxLength: 40 }), (docs) => {
      const expected = byKey(new Aggregator([{ $group: spec }]).run(docs) as Doc[]);
      let actual: Doc[];
      try {
        actual = byKey((fast as (d: Doc[]) => Doc[])(docs));
      } catch (error) {
        // Unsupported on these values: the store hands the stage to mingo, so there is nothing to compare. Any other
        // error would reach the function calling the store, so it fails here.
        if (!(error instanceof Unsupported)) throw error;
        return;
      }
      expect(actual).toEqual(expected);
      compared += 1;
    }),
    { numRuns: 300, seed: 20261123 },
  );
  // Most generated sets are answered by the fast path itself, so the comparison means something.
  expect(compared).toBeGreaterThan(30);
});

test('shapes it does not know are left to mingo', () => {
  expect(compileGroup({ _id: '$pointId', people: { $addToSet: '$contactId' } })).toBeUndefined();
  expect(compileGroup({ _id: '$pointId', n: { $sum: { $multiply: ['$n', 2] } } })).toBeUndefined();
  expect(compileGroup({ _id: '$$ROOT', n: { $sum: 1 } })).toBeUndefined();
});
