/**
 * Who handles a request (DESIGN.md §3, step 3). Pure: the caller reads the team and the open load, this decides,
 * and the decision's reason goes into the request's timeline.
 */
import { CATEGORY_LABELS, type Category, type TeamMember } from './domain';

export interface RoutingInput {
  category: Category;
  members: TeamMember[];
  /** Open requests per member id. */
  openLoad: Record<string, number>;
  /** The point's own handler list per category, tried first. */
  overrides?: Partial<Record<Category, string[]>>;
  now: Date;
}

export interface RoutingDecision {
  memberId: string;
  executiveId: string;
  reason: string;
}

export class NoExecutiveError extends Error {
  constructor() {
    super('point has no active executive');
  }
}

export const isAvailable = (member: TeamMember, now: Date): boolean =>
  member.active && !(member.awayUntil && new Date(member.awayUntil).getTime() > now.getTime());

const byLoadThenOrder = (openLoad: Record<string, number>) => (a: TeamMember, b: TeamMember) =>
  (openLoad[a._id] ?? 0) - (openLoad[b._id] ?? 0) || a.order - b.order;

export function routeRequest({ category, members, openLoad, overrides, now }: RoutingInput): RoutingDecision {
  const executive = members.find((m) => m.isExecutive && m.active);
  if (!executive) throw new NoExecutiveError();
  const label = CATEGORY_LABELS[category];
  const load = (m: TeamMember) => openLoad[m._id] ?? 0;

  const overrideIds = overrides?.[category];
  if (overrideIds && overrideIds.length > 0) {
    const listed = members.filter((m) => overrideIds.includes(m._id) && isAvailable(m, now));
    listed.sort((a, b) => load(a) - load(b) || overrideIds.indexOf(a._id) - overrideIds.indexOf(b._id));
    if (listed[0]) {
      return {
        memberId: listed[0]._id,
        executiveId: executive._id,
        reason: `联系点为「${label}」指定的处理人，当前在办 ${load(listed[0])} 件`,
      };
    }
  }

  const skilled = members
    .filter((m) => !m.isExecutive && m.skills.includes(category) && isAvailable(m, now))
    .sort(byLoadThenOrder(openLoad));
  if (skilled[0]) {
    return {
      memberId: skilled[0]._id,
      executiveId: executive._id,
      reason: `擅长「${label}」的在岗成员中当前在办最少（${load(skilled[0])} 件）`,
    };
  }

  return {
    memberId: executive._id,
    executiveId: executive._id,
    reason: `没有擅长「${label}」的在岗成员，由执委本人负责`,
  };
}
