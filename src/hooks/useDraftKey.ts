import { useState } from 'react';

/**
 * A client key the server uses to recognise a retried call (after a lost answer) and return its first result.
 * Chosen once per draft, kept while she tries again, renewed once the draft was sent.
 */
export const newClientKey = (): string =>
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;

export function useDraftKey(): [key: string, renew: () => void] {
  const [key, setKey] = useState(newClientKey);
  return [key, () => setKey(newClientKey())];
}
