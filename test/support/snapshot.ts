/**
 * "Leaves no trace": everything the local server holds (every collection, every document) and every WeChat open-API
 * call it recorded, taken before and after a call and compared.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CloudbaseServer } from '../../local/cloudbase-server';
import { MAX_LIMIT, type Doc } from '../../local/db/store';

export interface Trace {
  /** Every document of every collection the store has (not only the ones the schema names), by collection. */
  collections: Record<string, Map<string, Doc>>;
  /** How many open-API calls (subscribe messages, content checks, mini-program codes…) were recorded so far. */
  openApiCalls: number;
}

export function takeTrace(cloudbase: Pick<CloudbaseServer, 'store' | 'recorder'>): Trace {
  const { store, recorder } = cloudbase;
  const collections: Trace['collections'] = {};
  for (const name of store.listCollections().sort()) {
    const docs = new Map<string, Doc>();
    for (let skip = 0; ; skip += MAX_LIMIT) {
      const page = store.find(name, {}, { sort: { _id: 1 }, skip, limit: MAX_LIMIT });
      for (const doc of page) docs.set(String(doc._id), doc);
      if (page.length < MAX_LIMIT) break;
    }
    collections[name] = docs;
  }
  return { collections, openApiCalls: recorder.list().length };
}

export interface TraceChanges {
  /** Per collection that changed: ids added and removed, and each changed document before and after. */
  collections: Record<string, { added: string[]; removed: string[]; changed: { _id: string; before: Doc; after: Doc }[] }>;
  /**
   * Open-API calls made in between, as `apiName` (and `touser` for a message). Content checks are left out: the router
   * checks free text before it knows who is calling, and a check reaches nobody.
   */
  openApi: string[];
}

/** What changed between two traces; `NO_CHANGES` when nothing did. */
export function traceChanges(before: Trace, after: Trace, cloudbase: Pick<CloudbaseServer, 'recorder'>): TraceChanges {
  const collections: TraceChanges['collections'] = {};
  for (const name of new Set([...Object.keys(before.collections), ...Object.keys(after.collections)])) {
    const was = before.collections[name] ?? new Map<string, Doc>();
    const now = after.collections[name] ?? new Map<string, Doc>();
    const added = [...now.keys()].filter((id) => !was.has(id));
    const removed = [...was.keys()].filter((id) => !now.has(id));
    const changed = [...now.entries()]
      .filter(([id, doc]) => was.has(id) && !isDeepStrictEqual(was.get(id), doc))
      .map(([id, doc]) => ({ _id: id, before: was.get(id) as Doc, after: doc }));
    if (added.length || removed.length || changed.length || !(name in before.collections) || !(name in after.collections)) {
      collections[name] = { added, removed, changed };
    }
  }
  const openApi = cloudbase.recorder
    .list()
    .slice(before.openApiCalls, after.openApiCalls)
    .filter((c) => c.apiName !== 'security.msgSecCheck')
    .map((c) => {
      const touser = (c.request as { touser?: unknown } | null)?.touser;
      return typeof touser === 'string' ? `${c.apiName} → ${touser}` : c.apiName;
    });
  return { collections, openApi };
}

export const NO_CHANGES: TraceChanges = { collections: {}, openApi: [] };

export const changedAnything = (changes: TraceChanges) => Object.keys(changes.collections).length > 0 || changes.openApi.length > 0;
