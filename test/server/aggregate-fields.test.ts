/**
 * The store reads only the fields a `$match` + `$group` aggregation uses (a local stand-in for what the cloud's
 * indexes and engine do); the answers must be exactly those of the same pipeline over whole documents.
 */
import { join } from 'node:path';
import { Aggregator, Query } from 'mingo';
import { DocumentStore, fieldsReadByAggregation, type Doc } from '../../local/db/store';
import { tempDataDir } from '../support/local';

const docs: Doc[] = Array.from({ length: 60 }, (_, i) => ({
  _id: `r${i}`,
  pointId: `p${i % 3}`,
  status: ['assigned', 'accepted', 'resolved'][i % 3],
  // Some documents lack fields the pipeline reads, or hold nested values and text with "$".
  ...(i % 4 ? { assigneeId: `m${i % 5}` } : {}),
  ...(i % 7 ? { residentOpenid: `w${i % 4}` } : {}),
  createdAt: new Date(Date.UTC(2026, 10, 1 + (i % 20))).toISOString(),
  due: { resolveBy: new Date(Date.UTC(2026, 10, 5 + (i % 9))).toISOString() },
  description: `第 ${i} 条，带 "$gt" 字样`,
  timeline: [{ type: 'submitted', at: '2026-11-01T00:00:00.000Z' }],
}));

const pipelines: Doc[][] = [
  [
    { $match: { $or: [{ pointId: 'p1', status: { $in: ['assigned', 'accepted'] } }, { residentOpenid: 'w2', createdAt: { $gte: '2026-11-10' } }] } },
    {
      $group: {
        _id: '$assigneeId',
        open: { $sum: { $cond: { if: { $and: [{ $eq: ['$pointId', 'p1'] }, { $in: ['$status', ['assigned', 'accepted']] }] }, then: 1, else: 0 } } },
        mine: { $push: { $cond: { if: { $eq: ['$residentOpenid', 'w2'] }, then: '$createdAt', else: '' } } },
      },
    },
    { $sort: { _id: 1 } },
  ],
  [{ $match: { status: 'assigned', 'due.resolveBy': { $lt: '2026-11-10' } } }, { $group: { _id: '$pointId', n: { $sum: 1 }, latest: { $max: '$due.resolveBy' } } }, { $sort: { _id: 1 } }],
];

test.each(pipelines.map((p, i) => [i, p] as const))('pipeline %i gives the same answer as over whole documents', (_i, pipeline) => {
  const store = new DocumentStore(join(tempDataDir('aggregate'), 'store.sqlite'));
  store.createCollection('requests');
  // With the indexes the schema gives requests, so narrowing and picking fields work together.
  store.createIndex('requests', { name: 'point_status', keys: { pointId: 1, status: 1 } });
  store.createIndex('requests', { name: 'resident_created', keys: { residentOpenid: 1, createdAt: -1 } });
  store.insert('requests', docs);
  const [match, ...rest] = pipeline as [Doc, ...Doc[]];
  expect(fieldsReadByAggregation(match.$match, rest)).toBeDefined();
  const whole = new Aggregator(rest).run(docs.filter((d) => new Query(match.$match).test(d)));
  expect(store.aggregate('requests', pipeline)).toEqual(whole);
  store.close();
});

test('a pipeline that may read any field is answered from whole documents', () => {
  expect(fieldsReadByAggregation({ pointId: 'p1' }, [{ $project: { description: 1 } }])).toBeUndefined();
  expect(fieldsReadByAggregation({ $expr: { $eq: ['$a', '$b'] } }, [{ $group: { _id: null } }])).toBeUndefined();
  expect(fieldsReadByAggregation({ pointId: 'p1' }, [{ $group: { _id: '$due.resolveBy', n: { $sum: 1 } } }])).toEqual(['_id', 'due', 'pointId']);
});

test('a lookup by local and foreign field joins exactly what it would over the whole foreign collection', () => {
  const store = new DocumentStore(join(tempDataDir('aggregate'), 'store.sqlite'));
  store.createCollection('points');
  store.createCollection('members');
  store.createIndex('members', { name: 'point_order', keys: { pointId: 1, order: 1 } });
  const points: Doc[] = [{ _id: 'p0', code: 'A', ref: 'p1' }, { _id: 'p1', code: 'B', ref: 'p2' }, { _id: 'x2', code: 'C' }];
  const members = Array.from({ length: 12 }, (_, i) => ({ _id: `m${i}`, ...(i % 5 ? { pointId: `p${i % 3}` } : {}), order: i }));
  store.insert('points', points);
  store.insert('members', members);
  const lookups: Doc[][] = [
    [{ $match: { code: 'A' } }, { $limit: 1 }, { $lookup: { from: 'members', localField: '_id', foreignField: 'pointId', as: 'team' } }],
    // A local field some documents lack joins the foreign documents lacking theirs, as MongoDB does.
    [{ $match: {} }, { $lookup: { from: 'members', localField: 'ref', foreignField: 'pointId', as: 'team' } }, { $sort: { _id: 1 } }],
  ];
  for (const pipeline of lookups) {
    const [match, ...rest] = pipeline as [Doc, ...Doc[]];
    const whole = new Aggregator(rest, { collectionResolver: (name: string) => (name === 'members' ? members : []) }).run(points.filter((d) => new Query(match.$match).test(d)));
    expect(store.aggregate('points', pipeline)).toEqual(whole);
  }
  store.close();
});
