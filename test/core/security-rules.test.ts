/**
 * config/security-rules.json holds each collection's CloudBase security rule (the `Rule` that ModifySafeRule sets
 * with AclTag CUSTOM). The mini-program reaches data only through the cloud functions, whose server SDK the rules do
 * not restrict, so every collection the schema defines must refuse all client reads and writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTION_NAMES } from '../../core/schema';

const rules = JSON.parse(readFileSync(join(__dirname, '../../config/security-rules.json'), 'utf8')) as Record<string, unknown>;

test.each(COLLECTION_NAMES)('%s refuses every client read and write', (name) => {
  // Exactly these two keys: a create/update/delete key would override `write` for that operation.
  expect(rules[name]).toStrictEqual({ read: false, write: false });
});

test('there is no rule for a collection the schema does not define', () => {
  const known = new Set<string>(COLLECTION_NAMES);
  expect(Object.keys(rules).filter((name) => !known.has(name))).toEqual([]);
});
