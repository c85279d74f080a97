/**
 * The workbench inbox's tabs: which requests each shows. The function counts with this and the app filters with it,
 * so a tab's badge always matches its list.
 */
import type { InboxItem, InboxTab } from './actions';
import { isOpen } from './lifecycle';

const IN_TAB: Record<InboxTab, (item: InboxItem) => boolean> = {
  /** Waiting for someone to accept it (the first response). */
  new: (i) => i.status === 'assigned',
  /** Open and hers to handle. */
  mine: (i) => i.assignedToMe && isOpen(i),
  inProgress: (i) => i.status === 'accepted',
  overdue: (i) => i.overdue,
  done: (i) => i.status === 'resolved' || i.status === 'withdrawn' || i.status === 'closed',
};

export const inTab = (tab: InboxTab, item: InboxItem): boolean => IN_TAB[tab](item);

/** Most pressing first: in danger, overdue, not accepted yet, then oldest. Finished ones newest first. */
export function sortForInbox(items: InboxItem[]): InboxItem[] {
  const open = items.filter(isOpen);
  const done = items.filter((i) => !open.includes(i));
  open.sort(
    (a, b) =>
      Number(b.inDanger) - Number(a.inDanger) ||
      Number(b.overdue) - Number(a.overdue) ||
      Number(b.status === 'assigned') - Number(a.status === 'assigned') ||
      a.createdAt.localeCompare(b.createdAt),
  );
  done.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return [...open, ...done];
}
