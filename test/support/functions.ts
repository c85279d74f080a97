/**
 * Calling the cloud functions as the host calls them (bundled, in isolated workers, with the caller's OPENID in the
 * SDK context) against the local server, as the demo personas.
 */
import { SENSITIVE_DATA_CONSENT } from '../../core/consent';
import type { Envelope } from '../../core/envelope';
import type { Host } from '../../local/host/server';

export const WANG = 'resident-wang';
export const LI = 'resident-li';
export const PROSECUTOR = 'point-xc-anshan-m1';
export const COUNSELLOR = 'point-xc-anshan-m2';
export const EXECUTIVE = 'point-xc-anshan-executive';
export const OTHER_EXECUTIVE = 'point-xc-chengnan-executive';
/** Staff of 忻城县 (451322), the county of 鞍山 and 城南. */
export const COUNTY_STAFF = 'county-451322';
/** 赵女士, on no team until she joins with an invite. */
export const NEWCOMER = 'newcomer-zhao';

export function functionCaller(host: () => Host) {
  const openidOf = (personaId: string) => {
    const persona = host().personas.find((p) => p.id === personaId);
    if (!persona) throw new Error(`no persona ${personaId}`);
    return persona.openid;
  };
  return async <T = any>(fn: string, action: string, input: unknown, personaId: string) =>
    (await host().invoke(fn, { action, input: withClientKey(action, input) }, { openid: openidOf(personaId) })) as Envelope<T>;
}

/** Creating actions that take a client key (besides submitRequest and uploadPhoto, which tests give one explicitly). */
export const KEYED_ACTIONS = ['sendMessage', 'reply', 'refer', 'createInvite', 'createActivity', 'addContact', 'logContact', 'createPoint', 'reissueExecutiveInvite'];

let draftSeq = 0;
/** As the app does, a fresh key per draft unless the test gives one (to retry with it). */
export const withClientKey = (action: string, input: unknown) =>
  KEYED_ACTIONS.includes(action) && input && typeof input === 'object' && !('clientKey' in input) ? { ...input, clientKey: `draft-${Date.now()}-${++draftSeq}` } : input;

export const data = <T>(envelope: Envelope<T>): T => {
  if (!envelope.ok) throw new Error(`${envelope.code}: ${envelope.message}`);
  return envelope.data;
};

let clientKeySeq = 0;
/** A valid rights request at 鞍山社区 from a woman who leaves her phone; override any field. */
export const submitInput = (overrides: Record<string, unknown> = {}) => ({
  pointId: 'point-xc-anshan',
  category: 'rights',
  urgency: 'distress',
  description: '家里有人动手打我，我想知道该怎么办',
  contact: { anonymous: false, phone: '13800000000', method: 'sms', safeTimes: '工作日上午' },
  inDanger: false,
  consentVersion: SENSITIVE_DATA_CONSENT.version,
  clientKey: `test-key-${Date.now()}-${++clientKeySeq}`,
  ...overrides,
});

/** Fires the scheduler as its timer trigger does, at a moment the test chooses (the event's `Time`). */
export const fireScheduler = (host: Host, time: Date = new Date()) =>
  host.invoke('scheduler', { Type: 'Timer', TriggerName: 'every-five-minutes', Time: time.toISOString() }, { trigger: 'timer' }) as Promise<Envelope<any>>;

/**
 * A new point of 忻城县 (思练镇) for county.createPoint, other than the sample's 红渡镇 (SAMPLES.county.createPoint):
 * closed until its executive 蓝秀英 joins with her invite.
 */
export const SILIAN_POINT = {
  code: 'XC-SILIAN',
  name: '忻城县思练镇执委联系点',
  address: '广西来宾市忻城县思练镇妇女之家',
  latitude: 24.0612,
  longitude: 108.6023,
  serviceHours: '周一至周五 9:00–17:00',
  executive: { name: '蓝秀英', title: '思练镇妇联主席', helpsWith: '家庭纠纷调解' },
  duties: ['听取妇女意见建议'],
};
