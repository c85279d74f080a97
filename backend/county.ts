/**
 * County oversight: response-time targets, escalated requests (督办) and what staff do about them, and the dashboard,
 * which reads the monthly figures (O(points × months)), never the requests.
 */
import { type CountySla, type Dashboard, type DashboardRow, type EscalationItem, type ExportedFile, type TeamRequestView } from '../core/actions';
import type { Category, Point, ServiceRequest, TeamMember, TimelineEvent, Urgency } from '../core/domain';
import { chinaInstant } from '../core/china-time';
import { ActionError } from '../core/envelope';
import { isOpen } from '../core/lifecycle';
import { may, type CountyRequestPermission, type Relation } from '../core/permissions';
import { DEFAULT_RETENTION_DAYS, purgeAtFor } from '../core/privacy';
import { DASHBOARD_HEADER, dashboardTable, REQUEST_LIST_HEADER, requestCells } from '../core/report';
import { cellsMatching, figuresOf, mergeCells, nextPeriod, type PointStats } from '../core/rollup';
import { DEFAULT_SLA, deadlinesFor, type SlaPolicy } from '../core/sla';
import * as data from './data';
import { exportTable, fileStamp } from './files';
import type { Cell } from './spreadsheet';
import type { CountyStaff } from './data';
import { notifyAssigneeAndExecutive, notifyMember, notifyResident } from './notify';
import { assignedEvent, countyStaffOf as staffOf, routeToPoint, slaOf, toTeamView, withUnread } from './requests';
import type { Caller } from './router';

/** The county's own settings, as copied onto its points (absent: the defaults apply). */
export const countySettingsOf = (points: Pick<Point, 'sla' | 'retentionDays'>[]) => ({
  sla: points.find((p) => p.sla)?.sla,
  retentionDays: points.find((p) => p.retentionDays)?.retentionDays,
});

export async function getSla(caller: Caller): Promise<CountySla> {
  const staff = await staffOf(caller);
  const { sla: policy, retentionDays = DEFAULT_RETENTION_DAYS } = countySettingsOf(await data.listCountyPoints(staff.countyCode));
  return { countyCode: staff.countyCode, countyName: staff.countyName, policy: policy ?? DEFAULT_SLA, isDefault: !policy, retentionDays };
}

/** Requests submitted from now on are anonymised this many days after they end; earlier ones keep their period. */
export async function setRetention(caller: Caller, days: number): Promise<CountySla> {
  const staff = await staffOf(caller);
  if ((await data.setCountyRetention(staff.countyCode, days)) === 0) throw new ActionError('NotFound', '本县还没有联系点');
  return getSla(caller);
}

/** New requests of the county's points get these targets; requests already submitted keep theirs. */
export async function setSla(caller: Caller, policy: SlaPolicy): Promise<CountySla> {
  const staff = await staffOf(caller);
  if ((await data.setCountySla(staff.countyCode, policy)) === 0) throw new ActionError('NotFound', '本县还没有联系点');
  return getSla(caller);
}

export async function listEscalations(caller: Caller): Promise<EscalationItem[]> {
  const staff = await staffOf(caller);
  const escalations = await data.listOpenEscalations(staff.countyCode);
  if (escalations.length === 0) return [];
  const [requests, points] = await Promise.all([
    data.findRequestsByIds([...new Set(escalations.map((e) => e.requestId))]),
    data.listCountyPoints(staff.countyCode),
  ]);
  const requestById = new Map(requests.map((r) => [r._id, r]));
  const pointName = new Map(points.map((p) => [p._id, p.name]));
  return escalations.flatMap((e): EscalationItem[] => {
    const request = requestById.get(e.requestId);
    if (!request) return [];
    return [
      {
        requestId: e.requestId,
        pointId: request.pointId,
        pointName: pointName.get(request.pointId) ?? request.pointName,
        category: e.category,
        urgency: e.urgency,
        deadline: e.deadline,
        due: e.due,
        at: e.at,
        status: request.status,
        urgeCount: e.urgeCount ?? 0,
        inDanger: request.inDanger,
      },
    ];
  });
}

/**
 * An escalated request of the caller's county: staff see it only then (DESIGN.md §5), and a rights request's view by
 * them is logged. Anyone else learns nothing of it.
 */
async function escalatedRequest(caller: Caller, requestId: string, permission: CountyRequestPermission) {
  const [staff, request, escalations] = await Promise.all([data.findCountyStaff(caller.openid), data.findRequest(requestId), data.findEscalationsOf(requestId)]);
  const relations = new Set<Relation>();
  if (staff && request && request.countyCode === staff.countyCode && escalations.some((e) => e.countyCode === staff.countyCode)) relations.add('countyStaff');
  if (!request || !staff || !may(permission, relations)) throw new ActionError('NotFound', '没有找到这条督办的诉求，或您无权查看');
  return { staff, request, escalations };
}

const staffFacts = (caller: Caller, staff: CountyStaff) => ({ openid: caller.openid, memberships: [], countyCode: staff.countyCode });

export async function getRequest(caller: Caller, requestId: string): Promise<TeamRequestView> {
  const { staff, request } = await escalatedRequest(caller, requestId, 'county.getRequest');
  if (request.category === 'rights') {
    await data.insertAccessLog({ requestId: request._id, viewer: `county:${staff._id}`, reason: 'escalation', at: new Date().toISOString() });
  }
  return toTeamView(request, staffFacts(caller, staff));
}

/** One county step on an escalated open request, written only if it is still as read. */
async function countyStep(
  caller: Caller,
  requestId: string,
  permission: CountyRequestPermission,
  change: (
    request: ServiceRequest,
    at: string,
    staff: CountyStaff,
  ) => Promise<{ events: TimelineEvent[]; set: Partial<ServiceRequest> }> | { events: TimelineEvent[]; set: Partial<ServiceRequest> },
): Promise<{ staff: CountyStaff; request: ServiceRequest; updated: ServiceRequest }> {
  const { staff, request } = await escalatedRequest(caller, requestId, permission);
  if (!isOpen(request)) throw new ActionError('Conflict', '这条诉求已经结束');
  const at = new Date().toISOString();
  const { events, set } = await change(request, at, staff);
  const stored = await data.updateRequestIf(
    { _id: request._id, status: request.status, timeline: data.timelineLength(request.timeline.length) },
    { ...set, timeline: data.pushTimelineEvents(events) },
  );
  if (!stored) throw new ActionError('Conflict', '这条诉求刚刚有了新进展，请刷新后再试');
  return { staff, request, updated: { ...request, ...set, timeline: [...request.timeline, ...events] } };
}

const county = (at: string, staff: CountyStaff) => ({ at, by: `county:${staff._id}`, actorRole: '县妇联' });

export async function urge(caller: Caller, requestId: string, note?: string): Promise<TeamRequestView> {
  const { staff, request, updated } = await countyStep(caller, requestId, 'county.urge', (r, at, staff) => ({
    events: [{ type: 'urged', ...county(at, staff), ...(note ? { reason: note } : {}) }],
    set: { unreadBy: withUnread(r, [r.assigneeId, r.executiveId]) },
  }));
  await Promise.all([data.countUrge(request._id, new Date().toISOString()), notifyAssigneeAndExecutive(request, 'urged')]);
  return toTeamView(updated, staffFacts(caller, staff));
}

export async function reassignToPoint(caller: Caller, requestId: string, toPointId: string, reason: string): Promise<{ id: string; toPointName: string }> {
  let toPointName = '';
  let assignee: TeamMember | undefined;
  const { request } = await countyStep(caller, requestId, 'county.reassignToPoint', async (r, at, staff) => {
    const routed = await routeToPoint(toPointId, r.category, new Date(at));
    if (!routed || routed.point.countyCode !== r.countyCode) throw new ActionError('InvalidParameter', 'input.toPointId：请选择本县另一个在用的联系点');
    const { point: target, decision } = routed;
    if (target._id === r.pointId) throw new ActionError('InvalidParameter', 'input.toPointId：请选择另一个联系点');
    assignee = routed.assignee;
    toPointName = target.name;
    // A fresh start at the new point: its own deadlines from now, under the targets the request was submitted with.
    const due = deadlinesFor(at, slaOf(r));
    return {
      events: [
        { type: 'transferred', ...county(at, staff), fromPointName: r.pointName, toPointName: target.name, reason },
        assignedEvent(at, 'system', assignee, decision.reason),
      ],
      set: {
        pointId: target._id,
        pointName: target.name,
        assigneeId: assignee._id,
        executiveId: decision.executiveId,
        status: 'assigned',
        due,
        slaMarks: [],
        unreadBy: withUnread(r, [assignee._id, 'resident'], [r.assigneeId]),
      },
    };
  });
  const at = new Date().toISOString();
  await Promise.all([
    data.settleEscalations(request._id, ['firstResponse', 'resolution'], at),
    assignee ? notifyMember(assignee, request._id) : undefined,
    tellHer(request),
  ]);
  return { id: requestId, toPointName };
}

export async function close(caller: Caller, requestId: string, note: string): Promise<TeamRequestView> {
  const { staff, request, updated } = await countyStep(caller, requestId, 'county.close', (r, at, staff) => ({
    events: [{ type: 'closed', ...county(at, staff), text: note }],
    set: { status: 'closed', unreadBy: withUnread(r, ['resident']), purgeAt: purgeAtFor(at, r.retentionDays) },
  }));
  await Promise.all([data.settleEscalations(request._id, ['firstResponse', 'resolution'], new Date().toISOString()), tellHer(request)]);
  return toTeamView(updated, staffFacts(caller, staff));
}

/** Her one-use grant, when she has one left (taken with a conditional write, as the team's steps do in theirs). */
async function tellHer(request: ServiceRequest): Promise<void> {
  if ((request.notifyTokens ?? 0) > 0 && (await data.takeRequestNotifyToken(request._id))) await notifyResident(request.residentOpenid, request._id);
}

const monthsOf = (from: string, to: string) => {
  const months = [from];
  while ((months.at(-1) as string) < to) months.push(nextPeriod(months.at(-1) as string));
  return months;
};

type DashboardInput = { period: { from: string; to: string }; category?: Category; urgency?: Urgency };

export const dashboard = async (caller: Caller, input: DashboardInput): Promise<Dashboard> => dashboardOf(await staffOf(caller), input);

async function dashboardOf(staff: CountyStaff, input: DashboardInput): Promise<Dashboard> {
  const filter = { category: input.category, urgency: input.urgency };
  const [points, stats, overdue] = await Promise.all([
    data.listCountyPoints(staff.countyCode),
    data.listStats(staff.countyCode, input.period.from, input.period.to),
    data.countOverdueByPoint(staff.countyCode, filter),
  ]);
  const cellsOf = (docs: PointStats[]) => docs.flatMap((s) => cellsMatching(s, filter));

  const rows: DashboardRow[] = points.map((p) => ({
    pointId: p._id,
    pointName: p.name,
    ...figuresOf(mergeCells(cellsOf(stats.filter((s) => s.pointId === p._id)))),
    overdueNow: overdue.get(p._id) ?? 0,
  }));
  const periods = monthsOf(input.period.from, input.period.to);
  return {
    countyName: staff.countyName,
    periods,
    rows,
    total: { ...figuresOf(mergeCells(cellsOf(stats))), overdueNow: [...overdue.values()].reduce((a, b) => a + b, 0) },
    trend: periods.map((period) => ({ period, ...figuresOf(mergeCells(cellsOf(stats.filter((s) => s.period === period)))) })),
  };
}

/** Rows one request-list export may hold; a longer period is exported in parts. */
const REPORT_ROWS_MAX = 5000;

/** China's midnight at the start of a month, as an instant. */
const monthStart = (period: string) => chinaInstant(`${period}-01`);

export async function exportReport(
  caller: Caller,
  input: DashboardInput & { table: 'points' | 'requests'; format: 'csv' | 'xlsx' },
): Promise<ExportedFile> {
  const staff = await staffOf(caller);
  let header: string[];
  let rows: Cell[][];
  if (input.table === 'points') {
    const board = await dashboardOf(staff, input);
    header = DASHBOARD_HEADER;
    rows = dashboardTable(board.rows, board.total);
  } else {
    const requests = await data.listRequestsForReport(staff.countyCode, monthStart(input.period.from), monthStart(nextPeriod(input.period.to)), input, REPORT_ROWS_MAX + 1);
    if (requests.length > REPORT_ROWS_MAX) throw new ActionError('InvalidParameter', `这段时间的诉求超过 ${REPORT_ROWS_MAX} 条，请缩短时间分段导出`);
    header = REQUEST_LIST_HEADER;
    rows = requests.map(requestCells);
  }
  const sheetName = input.table === 'points' ? '联系点排名' : '诉求清单';
  return exportTable({
    cloudPath: `exports/${staff.countyCode}/${fileStamp()}-${input.table}.${input.format}`,
    fileName: `${staff.countyName}${sheetName}_${input.period.from}至${input.period.to}.${input.format}`,
    sheetName,
    format: input.format,
    header,
    rows,
  });
}
