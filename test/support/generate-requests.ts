/**
 * A deterministic generator of realistic service requests over the demo points, for the dashboard test and the
 * dashboard benchmark (scripts/bench-dashboard.ts).
 *
 * Each request is played forward in time, step by step, as the functions would have stored it: submitted and routed,
 * accepted (or never), extended, resolved, rated, reopened (重办), resolved again, withdrawn, or closed by county
 * staff; the scheduler's reminders and 督办 escalations happen when it would have fired (every five minutes). Every
 * step that the functions count is fed through `statsIncrement`, exactly as the functions add it to the point's
 * monthly figures as events happen, so the `pointStats` documents are what the live system would hold.
 *
 * Requests come in batches (a generator), so a million of them never live in memory at once; only the figures
 * (points × months documents) accumulate.
 */
import { SENSITIVE_DATA_CONSENT } from '../../core/consent';
import {
  type Category,
  type Escalation,
  type ReferralAgency,
  type ServiceRequest,
  type SlaDeadlineKind,
  type SlaMark,
  type TeamMember,
  type TimelineEvent,
  type Urgency,
} from '../../core/domain';
import { minutesBetween, statsIncrement, type PointStats, type StatsEvent, type StatsIncrement } from '../../core/rollup';
import { DEFAULT_SLA, deadlinesFor, remindBefore, type RequestDeadlines, type SlaPolicy } from '../../core/sla';
import type { DocumentStore } from '../../local/db/store';
import { buildDemoData } from '../../local/seed/demo-data';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CHINA = 8 * HOUR;
/** The scheduler's timer fires every five minutes. */
const TICK = 5 * MINUTE;
const tick = (ms: number) => Math.ceil(ms / TICK) * TICK;
const iso = (ms: number) => new Date(ms).toISOString();

export interface GeneratorOptions {
  /** How many requests. */
  count: number;
  /** PRNG seed: the same seed and options give the same requests, byte for byte. */
  seed?: number;
  /** The moment the data is "as of" (rounded down to a scheduler tick). Default: a fixed date. */
  now?: Date;
  /** Months of history (China's calendar) ending with now's month. */
  months?: number;
  /** Requests per batch. */
  batchSize?: number;
}

export interface GeneratedBatch {
  requests: ServiceRequest[];
  /** 督办 records: open ones for requests overdue now, settled ones for deadlines that passed and were answered later. */
  escalations: Escalation[];
}

export const DEFAULT_GENERATOR_NOW = new Date('2026-10-20T03:00:00.000Z');

/** sfc32: small, fast, good enough, and the same on every machine. */
function sfc32(seed: number) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i += 1) next();
  return next;
}

type Weighted<T> = readonly (readonly [T, number])[];
/** Cumulative shares of each weights table, computed once. */
const cumulative = new WeakMap<object, { items: unknown[]; upTo: number[] }>();

class Random {
  private readonly next: () => number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.next = sfc32(seed);
  }

  float(): number {
    return this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(items: Weighted<T>): T {
    let table = cumulative.get(items) as { items: T[]; upTo: number[] } | undefined;
    if (!table) {
      let sum = 0;
      const upTo = items.map(([, w]) => (sum += w));
      table = { items: items.map(([item]) => item), upTo: upTo.map((u) => u / sum) };
      cumulative.set(items, table);
    }
    const r = this.next();
    const { upTo } = table;
    for (let i = 0; i < upTo.length - 1; i += 1) if (r < (upTo[i] as number)) return table.items[i] as T;
    return table.items[upTo.length - 1] as T;
  }

  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal duration in ms around a median, at least one minute. */
  duration(medianMs: number, sigma: number): number {
    return Math.max(MINUTE, Math.round(medianMs * Math.exp(sigma * this.normal())));
  }
}

const POINT_WEIGHTS: Record<string, number> = {
  'point-xc-anshan': 0.34,
  'point-xc-chengnan': 0.2,
  'point-rs-jiangmen': 0.2,
  'point-bh-beibuwan': 0.16,
  'point-bh-qiaozhong': 0.1,
};

const CATEGORY_WEIGHTS: Weighted<Category> = [
  ['rights', 0.12],
  ['mental', 0.1],
  ['family', 0.22],
  ['employment', 0.17],
  ['care', 0.16],
  ['policy', 0.17],
  ['other', 0.06],
];

const URGENCY_WEIGHTS: Weighted<Urgency> = [
  ['worry', 0.5],
  ['trouble', 0.35],
  ['distress', 0.15],
];

/** Minutes to the first response (median, spread), and days to resolution after it, per urgency. */
const RESPONSE: Record<Urgency, { medianMs: number; sigma: number }> = {
  distress: { medianMs: 40 * MINUTE, sigma: 1.3 },
  trouble: { medianMs: 5 * HOUR, sigma: 1.25 },
  worry: { medianMs: 14 * HOUR, sigma: 1.15 },
};
const RESOLUTION: Record<Urgency, { medianMs: number; sigma: number }> = {
  distress: { medianMs: 1.1 * DAY, sigma: 0.85 },
  trouble: { medianMs: 3 * DAY, sigma: 0.85 },
  worry: { medianMs: 5.5 * DAY, sigma: 0.85 },
};

const CONTENT_CHECKS: Weighted<ServiceRequest['contentCheck']> = [
  ['pass', 0.98],
  ['review', 0.01],
  ['unavailable', 0.01],
];

const RATINGS: Weighted<number> = [
  [5, 0.5],
  [4, 0.25],
  [3, 0.12],
  [2, 0.07],
  [1, 0.06],
];

/** 忻城县 set its own targets (in working days) some weeks before now; earlier requests keep the defaults. */
const XINCHENG_POLICY: SlaPolicy = {
  distress: { firstResponse: { amount: 1, unit: 'hours' }, resolution: { amount: 2, unit: 'workingDays' } },
  trouble: { firstResponse: { amount: 12, unit: 'hours' }, resolution: { amount: 5, unit: 'workingDays' } },
  worry: { firstResponse: { amount: 48, unit: 'hours' }, resolution: { amount: 10, unit: 'workingDays' } },
};
const XINCHENG_POLICY_SINCE_DAYS = 50;

const DESCRIPTIONS: Record<Category, string[]> = {
  rights: ['丈夫喝酒后经常动手，我想了解怎么申请人身安全保护令', '离婚后前夫不按时给抚养费，想问问该怎么办', '在厂里被克扣工资，老板说女工不给签合同'],
  mental: ['孩子高考后一直不说话，我很担心，想找人聊聊', '最近总是睡不着，心里很压抑，不知道跟谁说', '照顾瘫痪的婆婆好几年了，觉得自己快撑不住了'],
  family: ['和婆婆因为带孩子的事经常吵架，家里气氛很差', '孩子沉迷手机，说他就摔门，想学学怎么沟通', '丈夫常年在外打工，家里大小事都是我一个人扛'],
  employment: ['想学家政技能，请问最近有没有培训班', '搬到安置小区后找不到工作，想在附近做点事', '想开个网店卖本地特产，不知道从哪里开始'],
  care: ['家里老人独居，想申请上门探访', '留守的孩子放学后没人看，有没有托管的地方', '邻居家老人生病没人照顾，想帮她问问'],
  policy: ['想了解两癌免费筛查怎么报名', '易地搬迁户的医保怎么转过来', '生育补贴需要准备什么材料'],
  other: ['小区路灯坏了很久，晚上回家不安全', '想给联系点提个建议，活动时间能不能放在晚上', '想报名参加巾帼志愿者'],
};
const MESSAGES = ['请问现在进展怎么样了？', '我们已经联系了相关部门，请耐心等待', '明天上午方便电话联系吗？', '谢谢你们，我再等等看'];
const RESOLUTIONS = ['已陪同到县法律援助中心咨询并登记', '已电话疏导两次并约好下次面谈', '已帮助报名下一期培训班', '已协调社区上门探访', '已答复政策并告知办理材料'];
const AGENCIES: ReferralAgency[] = ['legalAid', 'police', 'court', 'civilAffairs', 'hospital', 'other'];
const SAFE_TIMES = ['工作日上午', '晚上八点以后', '周末下午', '中午十二点到一点'];

interface PointFacts {
  id: string;
  name: string;
  countyCode: string;
  executive: TeamMember;
  /** Active members with the skill, per category (routing picks one of them, else the executive). */
  skilled: Record<Category, TeamMember[]>;
}

/** The China-calendar month start (as an instant) `back` months before the month of `at`. */
const chinaMonthStart = (at: number, back: number): number => {
  const d = new Date(at + CHINA);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1) - CHINA;
};

/** Sets a dotted path's number in a nested document, as the server's `$inc` does. */
function setPath(doc: Record<string, any>, path: string, amount: number): void {
  const parts = path.split('.');
  let node = doc;
  for (const part of parts.slice(0, -1)) node = node[part] ?? (node[part] = {});
  const last = parts[parts.length - 1] as string;
  node[last] = (node[last] ?? 0) + amount;
}

/**
 * The `pointStats` documents the functions would have built, one per point per month with any event. Increments are
 * summed per dotted path while generating (a million requests add a few million of them) and nested at the end.
 */
export class StatsRollup {
  private readonly docs = new Map<string, { head: Omit<PointStats, 'cells'>; sums: Map<string, number> }>();

  add(increment: StatsIncrement): void {
    let doc = this.docs.get(increment.id);
    if (!doc) {
      doc = { head: { _id: increment.id, pointId: increment.pointId, countyCode: increment.countyCode, period: increment.period }, sums: new Map() };
      this.docs.set(increment.id, doc);
    }
    const { sums } = doc;
    for (const path in increment.add) sums.set(path, (sums.get(path) ?? 0) + (increment.add[path] as number));
  }

  documents(): PointStats[] {
    return [...this.docs.values()]
      .map(({ head, sums }) => {
        const doc: PointStats = { ...head, cells: {} };
        for (const [path, amount] of sums) setPath(doc as unknown as Record<string, any>, path, amount);
        return doc;
      })
      .sort((a, b) => a._id.localeCompare(b._id));
  }
}

export class RequestGenerator {
  readonly now: Date;
  readonly from: Date;
  readonly stats = new StatsRollup();
  /** Counts of what was generated (for reports and sanity checks). */
  readonly tally = { requests: 0, escalations: 0, openEscalations: 0 };
  private readonly rng: Random;
  private readonly points: PointFacts[];
  private readonly pointWeights: Weighted<PointFacts>;
  private readonly nowMs: number;
  private readonly fromMs: number;
  private readonly seed: number;
  private residents: number;
  /** Ids are 32 characters, as CloudBase's: 'g', seven of the seed, 24 of the index. */
  private readonly idPrefix: string;

  constructor(private readonly options: GeneratorOptions) {
    this.seed = options.seed ?? 20261120;
    this.rng = new Random(this.seed);
    this.idPrefix = `g${this.seed.toString(16).padStart(7, '0').slice(-7)}`;
    this.nowMs = Math.floor((options.now ?? DEFAULT_GENERATOR_NOW).getTime() / TICK) * TICK;
    this.now = new Date(this.nowMs);
    this.fromMs = chinaMonthStart(this.nowMs, (options.months ?? 8) - 1);
    this.from = new Date(this.fromMs);
    const demo = buildDemoData();
    this.points = demo.points.map((p) => {
      const team = demo.members.filter((m) => m.pointId === p._id);
      const members = team.filter((m) => !m.isExecutive);
      const skilled = Object.fromEntries(CATEGORY_WEIGHTS.map(([c]) => [c, members.filter((m) => m.skills.includes(c))])) as Record<Category, TeamMember[]>;
      return { id: p._id, name: p.name, countyCode: p.countyCode, executive: team.find((m) => m.isExecutive) as TeamMember, skilled };
    });
    this.pointWeights = this.points.map((p) => [p, POINT_WEIGHTS[p.id] ?? 0.1] as const);
    this.residents = Math.max(20, Math.floor(options.count / 3));
  }

  /** Batches of requests with their escalations; the figures accumulate in `stats` as they go. */
  *batches(): Generator<GeneratedBatch> {
    const size = this.options.batchSize ?? 5000;
    let batch: GeneratedBatch = { requests: [], escalations: [] };
    for (let i = 0; i < this.options.count; i += 1) {
      this.request(i, batch);
      if (batch.requests.length >= size) {
        yield batch;
        batch = { requests: [], escalations: [] };
      }
    }
    if (batch.requests.length > 0) yield batch;
  }

  /** A submission time: mostly in daytime China time, spread over the months, before now. */
  private createdAt(): number {
    for (;;) {
      const dayStart = chinaMonthStart(this.fromMs, 0) + Math.floor(this.rng.float() * ((this.nowMs - this.fromMs) / DAY + 1)) * DAY;
      const timeOfDay = this.rng.chance(0.8) ? (7.5 + this.rng.float() * 14.5) * HOUR : this.rng.float() * DAY;
      const at = dayStart + Math.floor(timeOfDay) + this.rng.int(0, 999);
      if (at >= this.fromMs && at < this.nowMs - MINUTE) return at;
    }
  }

  private request(i: number, batch: GeneratedBatch): void {
    const rng = this.rng;
    const point = rng.weighted(this.pointWeights);
    const category = rng.weighted(CATEGORY_WEIGHTS);
    const urgency = rng.weighted(URGENCY_WEIGHTS);
    const created = this.createdAt();
    const createdAt = iso(created);
    const policy = point.countyCode === '451322' && created >= this.nowMs - XINCHENG_POLICY_SINCE_DAYS * DAY ? XINCHENG_POLICY : DEFAULT_SLA;
    const sla = policy[urgency];
    let due: RequestDeadlines = deadlinesFor(createdAt, sla);
    const skilled = point.skilled[category];
    const assignee = skilled.length > 0 ? rng.pick(skilled) : point.executive;
    const id = `${this.idPrefix}${i.toString(16).padStart(24, '0')}`;
    const anonymous = rng.chance(0.3);
    const now = this.nowMs;

    const timeline: TimelineEvent[] = [
      { type: 'submitted', at: createdAt, by: 'resident' },
      { type: 'assigned', at: createdAt, by: 'system', memberId: assignee._id, actorRole: assignee.role, reason: skilled.length > 0 ? `按类别匹配：${assignee.role}` : '没有匹配的成员，由执委负责' },
    ];
    const marks = new Set<SlaMark>();
    const escalations: Escalation[] = [];
    const facts = { pointId: point.id, countyCode: point.countyCode, category, urgency, createdAt };
    const count = (event: StatsEvent) => this.stats.add(statsIncrement(facts, event));
    count({ type: 'submitted' });

    /**
     * The scheduler over one open stretch of a deadline: it reminds at the first tick after the reminder time and
     * escalates at the first tick after the deadline, while the request is still waiting; the step that ends the
     * stretch (at `until`, or still open now) settles the escalation.
     */
    const watch = (deadline: SlaDeadlineKind, dueIso: string, remindIso: string, until: number | undefined) => {
      const end = until ?? now;
      const remindAt = tick(Date.parse(remindIso));
      const escalateAt = tick(Date.parse(dueIso));
      const open = until === undefined;
      if (remindAt < end || (open && remindAt <= now)) marks.add(deadline === 'firstResponse' ? 'firstResponseReminded' : 'resolutionReminded');
      if (escalateAt < end || (open && escalateAt <= now)) {
        marks.add(deadline === 'firstResponse' ? 'firstResponseEscalated' : 'resolutionEscalated');
        const at = iso(escalateAt);
        timeline.push({ type: 'escalated', at, by: 'system', deadline });
        escalations.push({
          _id: `${id}-${deadline}-${Date.parse(dueIso)}`,
          requestId: id,
          pointId: point.id,
          countyCode: point.countyCode,
          deadline,
          due: dueIso,
          at,
          category,
          urgency,
          ...(open ? {} : { settledAt: iso(end) }),
        });
      }
    };

    // What would happen, if now did not come first.
    const stuckWaiting = rng.chance(0.02);
    const response = rng.chance(0.015) ? rng.int(3, 60) * DAY + rng.int(0, DAY) : rng.duration(RESPONSE[urgency].medianMs, RESPONSE[urgency].sigma);
    const acceptPlan = stuckWaiting ? undefined : created + response;
    const withdrawPlan = rng.chance(0.03) ? created + rng.duration(3 * HOUR, 1.5) : undefined;
    const closeWaitingPlan = stuckWaiting && rng.chance(0.75) ? Date.parse(due.firstResponseBy) + rng.int(3, 25) * DAY : undefined;

    let status: ServiceRequest['status'] = 'assigned';
    let acceptedAt: string | undefined;
    let resolvedAt: string | undefined;
    let feedback: ServiceRequest['feedback'];
    let reopenCount = 0;
    let extensionDays = 0;
    const referrals: NonNullable<ServiceRequest['referrals']> = [];

    /** The earliest of the planned steps that happened by now. */
    const firstOf = (a?: number, b?: number, c?: number) => {
      let first: number | undefined;
      for (const t of [a, b, c]) if (t !== undefined && t <= now && (first === undefined || t < first)) first = t;
      return first;
    };

    // Waiting for a first response.
    const waitingEnds = firstOf(acceptPlan, withdrawPlan, closeWaitingPlan);
    watch('firstResponse', due.firstResponseBy, due.remindFirstResponseAt, waitingEnds);
    const end = (kind: 'withdrawn' | 'closed', at: number) => {
      status = kind;
      timeline.push(
        kind === 'withdrawn'
          ? { type: 'withdrawn', at: iso(at), by: 'resident', ...(rng.chance(0.5) ? { text: '问题已经自己解决了' } : {}) }
          : { type: 'closed', at: iso(at), by: `county:county-${point.countyCode}`, actorRole: '县妇联', text: '多次联系未果，电话回访后关闭' },
      );
    };

    if (waitingEnds === undefined) {
      // Still waiting now (the resolution deadline may have passed too).
      watch('resolution', due.resolveBy, due.remindResolveAt, undefined);
    } else if (waitingEnds === withdrawPlan || waitingEnds === closeWaitingPlan) {
      watch('resolution', due.resolveBy, due.remindResolveAt, waitingEnds);
      end(waitingEnds === withdrawPlan ? 'withdrawn' : 'closed', waitingEnds);
    } else {
      // Accepted: the first response.
      const accepted = waitingEnds;
      acceptedAt = iso(accepted);
      status = 'accepted';
      timeline.push({ type: 'accepted', at: acceptedAt, by: assignee._id, actorRole: assignee.role });
      count({ type: 'responded', minutes: minutesBetween(createdAt, acceptedAt), withinSla: acceptedAt <= due.firstResponseBy });
      for (let m = rng.int(0, 2); m > 0; m -= 1) {
        const at = accepted + rng.duration(6 * HOUR, 1);
        if (at < now) timeline.push({ type: rng.chance(0.3) ? 'note' : 'message', at: iso(at), by: assignee._id, actorRole: assignee.role, text: rng.pick(MESSAGES) });
      }
      if ((category === 'rights' || category === 'care') && rng.chance(0.15)) {
        const at = accepted + rng.duration(1 * DAY, 0.8);
        const agency = rng.pick(AGENCIES);
        if (at < now) {
          referrals.push({ agency, note: '已转介相关机构', at: iso(at), by: assignee._id });
          timeline.push({ type: 'referred', at: iso(at), by: assignee._id, actorRole: assignee.role, agency, reason: '已转介相关机构' });
        }
      }

      const stuckAccepted = rng.chance(0.015);
      let resolvePlan = stuckAccepted ? undefined : accepted + rng.duration(RESOLUTION[urgency].medianMs, RESOLUTION[urgency].sigma);
      const closePlan = stuckAccepted && rng.chance(0.7) ? Date.parse(due.resolveBy) + rng.int(5, 30) * DAY : undefined;
      const laterWithdraw = withdrawPlan !== undefined && withdrawPlan > accepted ? withdrawPlan : undefined;

      // 延期: asked shortly before the deadline, when the work will clearly take longer.
      const resolveBy = Date.parse(due.resolveBy);
      if ((resolvePlan === undefined || resolvePlan > resolveBy) && rng.chance(0.35)) {
        const askedAt = resolveBy - rng.int(2, 36) * HOUR;
        if (askedAt > accepted && askedAt <= now && (firstOf(resolvePlan, laterWithdraw, closePlan) ?? Infinity) > askedAt) {
          extensionDays = rng.int(3, 15);
          const moved = new Date(resolveBy + extensionDays * DAY);
          due = { ...due, resolveBy: moved.toISOString(), remindResolveAt: remindBefore(new Date(created), moved).toISOString() };
          // A new deadline is reminded afresh (the functions drop the resolution marks).
          marks.delete('resolutionReminded');
          timeline.push({ type: 'extended', at: iso(askedAt), by: assignee._id, actorRole: assignee.role, days: extensionDays, reason: '需要等待相关部门答复' });
          if (resolvePlan !== undefined && rng.chance(0.5)) resolvePlan = Math.min(resolvePlan, moved.getTime() - rng.int(1, 48) * HOUR);
          if (resolvePlan !== undefined && resolvePlan <= askedAt) resolvePlan = askedAt + rng.int(1, 24) * HOUR;
        }
      }

      const acceptedEnds = firstOf(resolvePlan, laterWithdraw, closePlan);
      watch('resolution', due.resolveBy, due.remindResolveAt, acceptedEnds);
      if (acceptedEnds !== undefined && acceptedEnds !== resolvePlan) {
        end(acceptedEnds === laterWithdraw ? 'withdrawn' : 'closed', acceptedEnds);
      } else if (acceptedEnds !== undefined) {
        // Resolved: the first resolution counts.
        const resolved = acceptedEnds;
        resolvedAt = iso(resolved);
        status = 'resolved';
        timeline.push({ type: 'resolved', at: resolvedAt, by: assignee._id, actorRole: assignee.role, text: rng.pick(RESOLUTIONS) });
        count({ type: 'resolved', minutes: minutesBetween(createdAt, resolvedAt), withinSla: resolvedAt <= due.resolveBy });

        const rateAt = resolved + rng.duration(20 * HOUR, 1.2);
        if (rng.chance(0.6) && rateAt < now) {
          const rating = rng.weighted(RATINGS);
          feedback = { rating, at: iso(rateAt), ...(rating <= 2 && rng.chance(0.5) ? { comment: '没有解决我的问题' } : {}) };
          timeline.push({ type: 'rated', at: iso(rateAt), by: 'resident', rating, ...(feedback.comment ? { text: feedback.comment } : {}) });
          count({ type: 'rated', rating });

          const reopenAt = rateAt + rng.duration(4 * HOUR, 1);
          if (rating <= 2 && rng.chance(0.55) && reopenAt <= resolved + 7 * DAY && reopenAt < now) {
            // 重办: back in hand with a fresh resolution deadline, as backend/requests.ts `reopen` does; the
            // first response's deadline stays.
            reopenCount = 1;
            status = 'accepted';
            resolvedAt = undefined;
            feedback = undefined;
            const fresh = deadlinesFor(iso(reopenAt), sla);
            due = { ...due, resolveBy: fresh.resolveBy, remindResolveAt: fresh.remindResolveAt };
            marks.delete('resolutionReminded');
            marks.delete('resolutionEscalated');
            timeline.push({ type: 'reopened', at: iso(reopenAt), by: 'resident', text: '问题没有解决，希望重新办理' });
            count({ type: 'reopened' });

            const againPlan = rng.chance(0.9) ? reopenAt + rng.duration(2.5 * DAY, 0.8) : undefined;
            const againEnds = firstOf(againPlan);
            watch('resolution', due.resolveBy, due.remindResolveAt, againEnds);
            if (againEnds !== undefined) {
              resolvedAt = iso(againEnds);
              status = 'resolved';
              // Resolved again: not counted as a resolution (the first one was); a second rating is.
              timeline.push({ type: 'resolved', at: resolvedAt, by: assignee._id, actorRole: assignee.role, text: rng.pick(RESOLUTIONS) });
              const rateAgainAt = againEnds + rng.duration(1 * DAY, 1);
              if (rng.chance(0.5) && rateAgainAt < now) {
                const again = rng.weighted(RATINGS);
                feedback = { rating: again, at: iso(rateAgainAt) };
                timeline.push({ type: 'rated', at: iso(rateAgainAt), by: 'resident', rating: again });
                count({ type: 'rated', rating: again });
              }
            }
          }
        }
      }
    }

    timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const open = status === 'assigned' || status === 'accepted';
    const request: ServiceRequest = {
      _id: id,
      pointId: point.id,
      countyCode: point.countyCode,
      pointName: point.name,
      residentOpenid: `local-gen-resident-${rng.int(1, this.residents)}`,
      clientKey: `gen-${this.seed}-${i}`,
      category,
      urgency,
      description: rng.pick(DESCRIPTIONS[category]),
      contact: anonymous
        ? { anonymous: true }
        : { anonymous: false, phone: `1${rng.int(30, 99)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`, method: rng.chance(0.7) ? 'call' : 'sms', safeTimes: rng.pick(SAFE_TIMES) },
      inDanger: category === 'rights' && urgency === 'distress' && rng.chance(0.3),
      photos: [],
      consent: { version: SENSITIVE_DATA_CONSENT.version, at: createdAt },
      status,
      assigneeId: assignee._id,
      executiveId: point.executive._id,
      contentCheck: rng.weighted(CONTENT_CHECKS),
      createdAt,
      ...(acceptedAt ? { acceptedAt } : {}),
      ...(resolvedAt ? { resolvedAt } : {}),
      sla,
      due,
      slaMarks: [...marks],
      ...(feedback ? { feedback } : {}),
      reopenCount,
      ...(referrals.length ? { referrals } : {}),
      ...(extensionDays ? { extensionDays } : {}),
      unreadBy: open ? [assignee._id] : [],
      notifyTokens: 0,
      timeline,
    };
    batch.requests.push(request);
    batch.escalations.push(...escalations);
    this.tally.requests += 1;
    this.tally.escalations += escalations.length;
    this.tally.openEscalations += escalations.filter((e) => !e.settledAt).length;
  }
}

export interface GeneratedData {
  now: Date;
  requests: ServiceRequest[];
  escalations: Escalation[];
  stats: PointStats[];
}

/** Everything at once, for small counts (tests). */
export function generateAll(options: GeneratorOptions): GeneratedData {
  const generator = new RequestGenerator(options);
  const requests: ServiceRequest[] = [];
  const escalations: Escalation[] = [];
  for (const batch of generator.batches()) {
    requests.push(...batch.requests);
    escalations.push(...batch.escalations);
  }
  return { now: generator.now, requests, escalations, stats: generator.stats.documents() };
}

export interface LoadReport {
  requests: number;
  escalations: number;
  openEscalations: number;
  stats: number;
  ms: number;
}

/**
 * Generates and inserts straight into the local server's store, batch by batch (one SQLite transaction each), then
 * the figures documents. Figures documents that already exist (the scheduler makes this month's and next month's
 * ahead) are replaced.
 */
export function loadGenerated(store: DocumentStore, options: GeneratorOptions, onBatch?: (done: number) => void): LoadReport & { generator: RequestGenerator } {
  const started = Date.now();
  const generator = new RequestGenerator(options);
  for (const batch of generator.batches()) {
    store.insert('requests', batch.requests);
    if (batch.escalations.length > 0) store.insert('escalations', batch.escalations);
    onBatch?.(generator.tally.requests);
  }
  const stats = generator.stats.documents();
  insertStats(store, stats);
  return { generator, requests: generator.tally.requests, escalations: generator.tally.escalations, openEscalations: generator.tally.openEscalations, stats: stats.length, ms: Date.now() - started };
}

export function insertStats(store: DocumentStore, stats: PointStats[]): void {
  if (stats.length === 0) return;
  store.remove('pointStats', { _id: { $in: stats.map((s) => s._id) } }, true);
  store.insert('pointStats', stats);
}

/** Empties what `loadGenerated` fills. */
export function clearGenerated(store: DocumentStore): void {
  for (const collection of ['requests', 'escalations', 'pointStats']) store.remove(collection, {}, true);
}
