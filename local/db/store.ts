/**
 * The embedded document store behind the local CloudBase-protocol server: one SQLite table per collection, one
 * row per document (relaxed Extended JSON text), MongoDB query / update / aggregation semantics from mingo.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { EJSON } from 'bson';
import { Aggregator, Query, update as applyUpdateOperators } from 'mingo';
import type { CollectionDefinition, IndexDefinition } from '../../core/schema';
import { applyNearSphere, extractNearSphere } from './geo';
import { compileGroup, Unsupported } from './group';

export type Doc = Record<string, any>;
export type SortSpec = Record<string, 1 | -1>;

/** Error codes as CloudBase's database answers them. */
export type DatabaseErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_NOT_EXIST'
  | 'INVALID_PARAM';

export class DatabaseError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** CloudBase caps every query at 1000 documents, and returns 100 when no limit is given. */
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

export interface UpdateOptions {
  multi: boolean;
  upsert: boolean;
  /** false replaces the whole document (`doc.set`); true applies update operators. */
  merge: boolean;
}

interface Row {
  id: string;
  version: number;
  doc: string;
}

interface Transaction {
  id: string;
  startedAt: number;
  /** Version of each document the transaction read or wrote, as first seen (0 = absent). */
  seen: Map<string, number>;
  /** Pending writes: the new document, or null for a removal. */
  writes: Map<string, { collection: string; id: string; doc: Doc | null }>;
}

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const TRANSACTION_TTL_MS = 60_000;

const serialize = (doc: Doc): string => EJSON.stringify(doc, { relaxed: true });
/** Most documents hold no Extended JSON type at all: plain JSON.parse reads them several times faster. */
const deserialize = (text: string): Doc => (text.includes('"$') ? (EJSON.parse(text, { relaxed: true }) as Doc) : (JSON.parse(text) as Doc));
const table = (collection: string) => `"c_${collection}"`;
const txKey = (collection: string, id: string) => `${collection}\u0000${id}`;

/** CloudBase document ids are 32 hex characters. */
export const newDocumentId = (): string => randomBytes(16).toString('hex');

const jsonPath = (field: string) => `'$.${field.replace(/'/g, "''")}'`;

/**
 * The top-level fields a `$match` + `$group` aggregation reads, or undefined when it may read anything (any other
 * stage right after the match, or `$expr` / `$where`). Stages after the group only see the group's output.
 */
export function fieldsReadByAggregation(match: Doc, stages: Doc[]): string[] | undefined {
  const fields = new Set<string>(['_id']);
  let known = true;
  const fromQuery = (query: unknown): void => {
    if (Array.isArray(query)) return query.forEach(fromQuery);
    if (!query || typeof query !== 'object') return;
    for (const [key, value] of Object.entries(query as Doc)) {
      if (key === '$expr' || key === '$where') known = false;
      else if (key.startsWith('$')) fromQuery(value);
      else fields.add(key.split('.')[0] as string);
    }
  };
  const fromExpression = (expression: unknown): void => {
    if (typeof expression === 'string' && expression.startsWith('$') && !expression.startsWith('$$')) fields.add(expression.slice(1).split('.')[0] as string);
    else if (Array.isArray(expression)) expression.forEach(fromExpression);
    else if (expression && typeof expression === 'object') Object.values(expression).forEach(fromExpression);
  };
  fromQuery(match);
  const group = stages[0]?.$group;
  if (!group || Object.keys(stages[0] as Doc).length !== 1) return undefined;
  fromExpression(group);
  return known ? [...fields].sort() : undefined;
}

const hasOperators = (update: Doc) => Object.keys(update).some((key) => key.startsWith('$'));

/** Applies an update in MongoDB's way; returns whether anything changed. */
function applyUpdate(doc: Doc, update: Doc, merge: boolean): { next: Doc; changed: boolean } {
  if (!merge) {
    const next = { ...update, _id: doc._id };
    return { next, changed: serialize(next) !== serialize(doc) };
  }
  const modifier = hasOperators(update) ? update : { $set: update };
  // A copy through the store's own encoding (not the global structuredClone, which jest's jsdom environment lacks).
  const next = deserialize(serialize(doc));
  const changedPaths = applyUpdateOperators(next, modifier, undefined, undefined, { cloneMode: 'deep' });
  return { next, changed: changedPaths.length > 0 };
}

function projectAndSort(docs: Doc[], options: FindOptions): Doc[] {
  const query = new Query({});
  let cursor = query.find(docs, options.projection && Object.keys(options.projection).length > 0 ? options.projection : undefined);
  if (options.sort && Object.keys(options.sort).length > 0) cursor = cursor.sort(options.sort);
  if (options.skip) cursor = cursor.skip(options.skip);
  cursor = cursor.limit(Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT));
  return cursor.all() as Doc[];
}

export class DocumentStore {
  private readonly db: Database.Database;
  private readonly transactions = new Map<string, Transaction>();
  private readonly statements = new Map<string, Database.Statement>();
  /** Rows read from SQLite by queries since the store opened (what a benchmark wants to see stay flat). */
  rowsRead = 0;
  /** Fields that have an index, per collection: a query's conditions on them narrow the scan in SQL. */
  private readonly indexedFields = new Map<string, Set<string>>();

  constructor(readonly file: string) {
    this.db = new Database(file);
    // WAL keeps every committed write through a process crash; NORMAL sync is safe for that in WAL mode.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
  }

  close(): void {
    this.db.close();
  }

  listCollections(): string[] {
    return (
      this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'").all() as {
        name: string;
      }[]
    ).map((r) => r.name.slice(2));
  }

  /** Collections seen to exist: nothing drops one, so every query after the first skips the catalogue. */
  private readonly existing = new Set<string>();

  hasCollection(collection: string): boolean {
    if (this.existing.has(collection)) return true;
    const found =
      COLLECTION_NAME.test(collection) && this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(`c_${collection}`) !== undefined;
    if (found) this.existing.add(collection);
    return found;
  }

  createCollection(collection: string): void {
    if (!COLLECTION_NAME.test(collection)) throw new DatabaseError('INVALID_PARAM', `invalid collection name: ${collection}`);
    if (this.hasCollection(collection)) {
      throw new DatabaseError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${collection} already exists`);
    }
    this.db.exec(`CREATE TABLE ${table(collection)} (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL)`);
  }

  createIndex(collection: string, index: IndexDefinition): void {
    this.requireCollection(collection);
    const fields = Object.entries(index.keys).filter(([, kind]) => kind !== '2dsphere');
    if (fields.length === 0) return;
    const columns = fields.map(([field]) => `json_extract(doc, ${jsonPath(field)})`).join(', ');
    const indexed = this.indexedFields.get(collection) ?? new Set<string>();
    for (const [field] of fields) indexed.add(field);
    this.indexedFields.set(collection, indexed);
    const name = `"ix_${collection}_${index.name}"`;
    // SQLite treats NULLs as distinct, so a unique index ignores documents without the key (a sparse index).
    this.db.exec(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON ${table(collection)} (${columns})`);
  }

  /** Creates what the schema defines and is missing; leaves existing data alone. */
  applySchema(collections: Record<string, CollectionDefinition>): void {
    for (const [collection, definition] of Object.entries(collections)) {
      if (!this.hasCollection(collection)) this.createCollection(collection);
      for (const index of definition.indexes) this.createIndex(collection, index);
    }
  }

  /** A query's result as CloudBase returns it: sorted, skipped, projected, and capped at 1000 documents. */
  find(collection: string, query: Doc, options: FindOptions = {}, transactionId?: string): Doc[] {
    return projectAndSort(this.match(collection, query, transactionId), options);
  }

  count(collection: string, query: Doc): number {
    return this.match(collection, query).length;
  }

  /** Every matching document, uncapped, nearest first for a `$nearSphere` query. */
  private match(collection: string, query: Doc, transactionId?: string): Doc[] {
    const { rest, near } = extractNearSphere(query);
    const docs = this.scan(collection, rest, transactionId);
    return near ? applyNearSphere(docs, near) : docs;
  }

  insert(collection: string, docs: Doc[], transactionId?: string): string[] {
    this.requireCollection(collection);
    const withIds = docs.map((doc) => ({ ...doc, _id: doc._id === undefined ? newDocumentId() : String(doc._id) }));
    if (transactionId) {
      const tx = this.transaction(transactionId);
      for (const doc of withIds) {
        if (this.readInTransaction(tx, collection, doc._id)) {
          throw new DatabaseError('DATABASE_DUPLICATE_WRITE', `duplicate _id ${doc._id} in ${collection}`);
        }
        tx.writes.set(txKey(collection, doc._id), { collection, id: doc._id, doc });
      }
      return withIds.map((d) => d._id);
    }
    const insert = this.statement(collection, 'insert', (t) => `INSERT INTO ${t} (id, version, doc) VALUES (?, 1, ?)`);
    this.write(() => {
      for (const doc of withIds) insert.run(doc._id, serialize(doc));
    });
    return withIds.map((d) => d._id);
  }

  update(collection: string, query: Doc, update: Doc, options: UpdateOptions, transactionId?: string): { updated: number; upsertedId?: string } {
    if (transactionId) return this.updateInTransaction(this.transaction(transactionId), collection, query, update, options);
    const matches = this.scan(collection, query);
    const targets = options.multi ? matches : matches.slice(0, 1);
    if (targets.length === 0) {
      if (!options.upsert) return { updated: 0 };
      const doc = this.upsertDocument(query, update, options.merge);
      const [upsertedId] = this.insert(collection, [doc]);
      return { updated: 0, upsertedId };
    }
    const replace = this.statement(collection, 'replace', (t) => `UPDATE ${t} SET doc = ?, version = version + 1 WHERE id = ?`);
    let updated = 0;
    this.write(() => {
      for (const doc of targets) {
        const { next, changed } = applyUpdate(doc, update, options.merge);
        if (!changed) continue;
        replace.run(serialize(next), doc._id);
        updated += 1;
      }
    });
    return { updated };
  }

  /** `updateAndReturn`: updates the first match and returns it as it is now. */
  updateAndReturn(collection: string, query: Doc, update: Doc, transactionId?: string): { updated: number; doc: Doc | null } {
    const [first] = this.find(collection, query, { limit: 1 }, transactionId);
    if (!first) return { updated: 0, doc: null };
    const { updated } = this.update(collection, { _id: first._id }, update, { multi: false, upsert: false, merge: true }, transactionId);
    const [now] = this.find(collection, { _id: first._id }, { limit: 1 }, transactionId);
    return { updated, doc: now ?? null };
  }

  remove(collection: string, query: Doc, multi: boolean, transactionId?: string): number {
    const matches = this.scan(collection, query, transactionId);
    const targets = multi ? matches : matches.slice(0, 1);
    if (transactionId) {
      const tx = this.transaction(transactionId);
      for (const doc of targets) tx.writes.set(txKey(collection, doc._id), { collection, id: doc._id, doc: null });
      return targets.length;
    }
    const remove = this.statement(collection, 'remove', (t) => `DELETE FROM ${t} WHERE id = ?`);
    this.write(() => {
      for (const doc of targets) remove.run(doc._id);
    });
    return targets.length;
  }

  aggregate(collection: string, pipeline: Doc[]): Doc[] {
    const [first, ...rest] = pipeline;
    // A leading $match narrows the scan, as an index would in the cloud; unlike a query, an aggregation is not capped.
    const leadingMatch = first && '$match' in first ? (first.$match as Doc) : undefined;
    const stages = leadingMatch ? rest : pipeline;
    // Only the fields the group reads are taken out of each stored document (the match's fields included).
    const fields = leadingMatch && !extractNearSphere(leadingMatch).near ? fieldsReadByAggregation(leadingMatch, stages) : undefined;
    const source = fields ? this.scan(collection, leadingMatch as Doc, undefined, fields) : this.match(collection, leadingMatch ?? {});
    // A `$lookup` by local and foreign field reads only the foreign documents it can join, narrowed by the foreign
    // field's index, instead of the whole collection.
    let docs = source;
    let pending: Doc[] = [];
    const runPending = () => {
      if (pending.length) docs = new Aggregator(pending, { collectionResolver: (name: string) => (this.hasCollection(name) ? this.scan(name, {}) : []) }).run(docs) as Doc[];
      pending = [];
    };
    for (const stage of stages) {
      const group = stage.$group ? compileGroup(stage.$group as Doc) : undefined;
      if (group) {
        runPending();
        try {
          docs = group(docs);
          continue;
        } catch (error) {
          if (!(error instanceof Unsupported)) throw error;
        }
      }
      const lookup = stage.$lookup as Doc | undefined;
      if (!lookup || typeof lookup.localField !== 'string' || typeof lookup.foreignField !== 'string' || typeof lookup.from !== 'string') {
        pending.push(stage);
        continue;
      }
      runPending();
      const local = lookup.localField as string;
      const locals = docs.map((d) => local.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Doc)[key] : undefined), d));
      // A missing local value joins documents missing the foreign field, as MongoDB does: then every one is read.
      const query = locals.every((v) => v !== undefined && v !== null) ? { [lookup.foreignField as string]: { $in: [...new Set(locals.flat())] } } : {};
      const foreign = this.hasCollection(lookup.from) ? this.scan(lookup.from, query) : [];
      docs = new Aggregator([stage], { collectionResolver: (name: string) => (name === lookup.from ? foreign : []) }).run(docs) as Doc[];
    }
    runPending();
    return docs;
  }

  startTransaction(): string {
    const now = Date.now();
    for (const [id, tx] of this.transactions) {
      if (now - tx.startedAt > TRANSACTION_TTL_MS) this.transactions.delete(id);
    }
    const id = `tx-${newDocumentId()}`;
    this.transactions.set(id, { id, startedAt: now, seen: new Map(), writes: new Map() });
    return id;
  }

  /**
   * Applies a transaction's writes at once, or none of them: if a document it read or wrote changed since
   * (optimistic concurrency), it fails with a conflict, which the SDK's runTransaction retries.
   */
  commitTransaction(transactionId: string): void {
    const tx = this.transaction(transactionId);
    this.transactions.delete(transactionId);
    this.write(() => {
      for (const [key, version] of tx.seen) {
        const [collection, id] = key.split('\u0000') as [string, string];
        if (this.currentVersion(collection, id) !== version) {
          throw new DatabaseError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict');
        }
      }
      for (const { collection, id, doc } of tx.writes.values()) {
        if (doc === null) {
          this.statement(collection, 'remove', (t) => `DELETE FROM ${t} WHERE id = ?`).run(id);
        } else {
          this.statement(
            collection,
            'upsert',
            (t) => `INSERT INTO ${t} (id, version, doc) VALUES (?, 1, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, version = version + 1`,
          ).run(id, serialize(doc));
        }
      }
    });
  }

  abortTransaction(transactionId: string): void {
    this.transaction(transactionId);
    this.transactions.delete(transactionId);
  }

  private updateInTransaction(tx: Transaction, collection: string, query: Doc, update: Doc, options: UpdateOptions) {
    const matches = this.scan(collection, query, tx.id);
    const targets = options.multi ? matches : matches.slice(0, 1);
    if (targets.length === 0) {
      if (!options.upsert) return { updated: 0 };
      const [upsertedId] = this.insert(collection, [this.upsertDocument(query, update, options.merge)], tx.id);
      return { updated: 0, upsertedId };
    }
    let updated = 0;
    for (const doc of targets) {
      const { next, changed } = applyUpdate(doc, update, options.merge);
      if (!changed) continue;
      tx.writes.set(txKey(collection, doc._id), { collection, id: doc._id, doc: next });
      updated += 1;
    }
    return { updated };
  }

  private upsertDocument(query: Doc, update: Doc, merge: boolean): Doc {
    const equalities = Object.fromEntries(
      Object.entries(query).filter(([key, value]) => !key.startsWith('$') && (typeof value !== 'object' || value === null)),
    );
    return applyUpdate(equalities, update, merge).next;
  }

  /** Matching documents; inside a transaction, as the transaction sees them. */
  private scan(collection: string, query: Doc, transactionId?: string, fields?: string[]): Doc[] {
    this.requireCollection(collection);
    const tx = transactionId ? this.transaction(transactionId) : undefined;
    const matcher = new Query(query);
    const id = typeof query._id === 'string' ? query._id : undefined;
    const narrowed = id === undefined && !tx ? this.narrowing(collection, query) : undefined;
    // json_patch drops the nulls json_object gives for absent fields, so a field missing stays missing.
    const picked = fields && !tx && id === undefined ? `json_patch('{}', json_object(${fields.map(() => `?, doc -> ?`).join(', ')}))` : 'doc';
    const pickParams = picked === 'doc' ? [] : (fields as string[]).flatMap((field) => [field, `$.${field}`]);
    const where = narrowed ? `WHERE ${narrowed.where}` : '';
    const rows: Row[] =
      id !== undefined
        ? [this.rowById(collection, id)].filter((row): row is Row => row !== undefined)
        : (this.statement(collection, `scan:${picked === 'doc' ? '' : fields?.join(',')}:${where}`, (t) => `SELECT id, version, ${picked} AS doc FROM ${t} ${where} ORDER BY rowid`).all(
            ...pickParams,
            ...(narrowed?.params ?? []),
          ) as Row[]);
    this.rowsRead += rows.length;
    const docs: Doc[] = [];
    const seenIds = new Set<string>();
    for (const row of rows) {
      seenIds.add(row.id);
      if (tx) {
        const key = txKey(collection, row.id);
        if (!tx.seen.has(key)) tx.seen.set(key, row.version);
        const pending = tx.writes.get(key);
        if (pending) {
          if (pending.doc && matcher.test(pending.doc)) docs.push(pending.doc);
          continue;
        }
      }
      const doc = deserialize(row.doc);
      if (matcher.test(doc)) docs.push(doc);
    }
    if (tx) {
      for (const pending of tx.writes.values()) {
        if (pending.collection === collection && pending.doc && !seenIds.has(pending.id) && matcher.test(pending.doc)) {
          docs.push(pending.doc);
        }
      }
    }
    return docs;
  }

  private readInTransaction(tx: Transaction, collection: string, id: string): Doc | null {
    const key = txKey(collection, id);
    const pending = tx.writes.get(key);
    if (pending) return pending.doc;
    const row = this.rowById(collection, id);
    if (!tx.seen.has(key)) tx.seen.set(key, row?.version ?? 0);
    return row ? deserialize(row.doc) : null;
  }

  private rowById(collection: string, id: string): Row | undefined {
    return this.statement(collection, 'byId', (t) => `SELECT id, version, doc FROM ${t} WHERE id = ?`).get(id) as Row | undefined;
  }

  private currentVersion(collection: string, id: string): number {
    const row = this.statement(collection, 'version', (t) => `SELECT version FROM ${t} WHERE id = ?`).get(id) as
      | { version: number }
      | undefined;
    return row?.version ?? 0;
  }

  private transaction(transactionId: string): Transaction {
    const tx = this.transactions.get(transactionId);
    if (!tx) throw new DatabaseError('DATABASE_TRANSACTION_NOT_EXIST', `transaction ${transactionId} does not exist or has ended`);
    return tx;
  }

  private requireCollection(collection: string): void {
    if (!this.hasCollection(collection)) {
      throw new DatabaseError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${collection}`);
    }
  }

  private write(work: () => void): void {
    try {
      this.db.transaction(work)();
    } catch (error) {
      // Checked by code rather than class: jest may load better-sqlite3's error class more than once.
      if (String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) {
        throw new DatabaseError('DATABASE_DUPLICATE_WRITE', `duplicate key: ${(error as Error).message}`);
      }
      throw error;
    }
  }

  /**
   * SQL conditions that let SQLite use the collection's indexes (equality, `$in` and `$exists: false` on indexed
   * fields, which hold scalars in this project's schema, and `$or` of such branches). They only narrow: the query itself still decides every row.
   */
  private narrowing(collection: string, query: Doc): { where: string; params: unknown[] } | undefined {
    const indexed = this.indexedFields.get(collection);
    if (!indexed) return undefined;
    const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    const sqlValue = (v: string | number | boolean) => (typeof v === 'boolean' ? Number(v) : v);
    const clauses: string[] = [];
    const params: unknown[] = [];
    for (const [field, condition] of Object.entries(query)) {
      if (field === '$or' && Array.isArray(condition) && condition.length > 0) {
        // Narrows only when every branch does: a branch without an indexed condition could match any row.
        const branches = condition.map((branch) => (branch && typeof branch === 'object' ? this.narrowing(collection, branch as Doc) : undefined));
        if (branches.every((b) => b !== undefined)) {
          clauses.push(`(${branches.map((b) => `(${b?.where})`).join(' OR ')})`);
          params.push(...branches.flatMap((b) => b?.params ?? []));
        }
        continue;
      }
      if (field.startsWith('$') || !indexed.has(field)) continue;
      const column = `json_extract(doc, ${jsonPath(field)})`;
      if (scalar(condition)) {
        clauses.push(`${column} = ?`);
        params.push(sqlValue(condition));
        continue;
      }
      if (!condition || typeof condition !== 'object' || Array.isArray(condition)) continue;
      const operators = Object.keys(condition);
      if (operators.length !== 1) continue;
      const operand = (condition as Doc)[operators[0] as string];
      if (operators[0] === '$eq' && scalar(operand)) {
        clauses.push(`${column} = ?`);
        params.push(sqlValue(operand));
      } else if (operators[0] === '$in' && Array.isArray(operand) && operand.length > 0 && operand.length <= 100 && operand.every(scalar)) {
        clauses.push(`${column} IN (${operand.map(() => '?').join(', ')})`);
        params.push(...operand.map(sqlValue));
      } else if (operators[0] === '$exists' && operand === false) {
        clauses.push(`${column} IS NULL`);
      }
    }
    return clauses.length ? { where: clauses.join(' AND '), params } : undefined;
  }

  private statement(collection: string, name: string, sql: (table: string) => string): Database.Statement {
    const key = `${collection}:${name}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql(table(collection)));
      this.statements.set(key, statement);
    }
    return statement;
  }
}
