/**
 * Creating actions take a client key, chosen once per draft by the app. The id of what they create comes from the
 * caller and that key, so a retry after a lost answer meets the first result instead of making a second one.
 */
import { createHash } from 'node:crypto';
import { isDuplicateWrite } from './cloudbase';

export const keyedId = (kind: string, openid: string, clientKey: string): string =>
  `${kind}-${createHash('sha256').update(`${openid}\n${clientKey}`).digest('base64url').slice(0, 24)}`;

/** Inserts a document with a keyed id; a duplicate is the first call's write, so a retry carries on from it. */
export async function insertOnce(insert: () => Promise<void>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
  }
}
