/** Seeds the demo data on first run; later runs keep whatever the store holds. */
import type { DocumentStore } from '../db/store';
import type { DemoData } from './demo-data';

export function seedIfEmpty(store: DocumentStore, demo: DemoData): boolean {
  if (store.count('points', {}) > 0) return false;
  store.insert('points', demo.points);
  store.insert('members', demo.members);
  store.insert('countyStaff', demo.countyStaff);
  return true;
}
