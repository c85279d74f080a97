/**
 * One valid input per action of every function, every optional field given, for the tests that start from a valid
 * input and change one thing (bad inputs, blocked words). The router checks input before any handler reads, so the
 * ids need not exist. The type requires every action: a new action does not compile until it has its sample.
 */
import type { ActionInput, ActionName, FunctionName } from '../../core/actions';
import { SENSITIVE_DATA_CONSENT } from '../../core/consent';

export const ANSHAN = 'point-xc-anshan';
/** A 1×1 PNG, a real image for uploadPhoto. */
export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const REQUEST = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const ACTIVITY = 'activity-0001';
export const KEY = 'draft-key-0001';
export const PHOTO = 'cloud://local-dev.bucket/request-photos/draft-key-0001/1.jpg';
const PERIOD = { from: '2026-01', to: '2026-06' };
const target = (hours: number, days: number) => ({ firstResponse: { amount: hours, unit: 'hours' as const }, resolution: { amount: days, unit: 'days' as const } });

export const SAMPLES: { [F in FunctionName]: { [A in ActionName<F>]: ActionInput<F, A> } } = {
  resident: {
    whoami: {},
    listPoints: {},
    listNearbyPoints: { latitude: 24.07, longitude: 108.67 },
    getPoint: { code: 'XC-ANSHAN' },
    uploadPhoto: { clientKey: KEY, contentType: 'image/png', data: PNG },
    submitRequest: {
      pointId: ANSHAN,
      category: 'rights',
      urgency: 'distress',
      description: '家里有人动手打我，我想知道该怎么办',
      contact: { anonymous: false, phone: '13800000000', method: 'sms', safeTimes: '工作日上午' },
      inDanger: false,
      photos: [PHOTO],
      consentVersion: SENSITIVE_DATA_CONSENT.version,
      clientKey: KEY,
      notifyGrant: true,
    },
    listMyRequests: {},
    getMyRequest: { requestId: REQUEST },
    sendMessage: { requestId: REQUEST, text: '我晚上八点以后方便接电话', clientKey: KEY },
    withdraw: { requestId: REQUEST, reason: '已经和家人谈好了' },
    rate: { requestId: REQUEST, rating: 2, comment: '还是没有人来' },
    reopen: { requestId: REQUEST, reason: '他又开始动手了，问题没有解决' },
    subscribeUpdates: { requestId: REQUEST },
    getActivity: { activityId: ACTIVITY },
    signUp: { activityId: ACTIVITY, displayName: '王女士' },
    cancelSignUp: { activityId: ACTIVITY },
    getSurvey: { pointId: ANSHAN },
    answerSurvey: { surveyId: `${ANSHAN}-2026`, answers: [{ questionId: 'q1', choice: 0, choices: [0, 1], text: '希望多办法律讲座' }] },
    myData: {},
    deleteMyData: { confirm: 'delete' },
  },
  team: {
    inbox: {},
    getRequest: { requestId: REQUEST },
    accept: { requestId: REQUEST },
    reply: { requestId: REQUEST, text: '您好，我们已经收到，今天会和您联系', internal: false, clientKey: KEY },
    resolve: { requestId: REQUEST, summary: '已陪同她申请人身安全保护令' },
    reassign: { requestId: REQUEST, memberId: 'point-xc-anshan-m2', reason: '先做心理疏导' },
    transfer: { requestId: REQUEST, toPointId: 'point-xc-chengnan', reason: '她已经搬到城南社区居住' },
    refer: { requestId: REQUEST, agency: 'legalAid', note: '需要法律援助律师', clientKey: KEY },
    recordReferralOutcome: { requestId: REQUEST, outcome: '法律援助中心已受理' },
    extend: { requestId: REQUEST, days: 3, reason: '需要等待法院排期' },
    getTeam: { pointId: ANSHAN },
    setAway: { awayUntil: '2026-12-05' },
    createInvite: { pointId: ANSHAN, role: '巾帼志愿者', helpsWith: '陪同办事、上门探访', skills: ['care'], clientKey: KEY },
    listInvites: { pointId: ANSHAN },
    getInvite: { code: 'AB12CD34' },
    joinTeam: { code: 'AB12CD34', name: '赵女士' },
    removeMember: { memberId: 'point-xc-anshan-m8' },
    updateMember: { memberId: 'point-xc-anshan-m8', role: '巾帼志愿者', helpsWith: '陪同办事、上门探访', skills: ['care'] },
    handover: { pointId: ANSHAN, memberId: 'point-xc-anshan-m2' },
    subscribe: {},
    setRoutingOverride: { pointId: ANSHAN, category: 'care', memberIds: ['point-xc-anshan-m8'] },
    createActivity: {
      pointId: ANSHAN,
      type: 'care',
      title: '重阳节走访慰问',
      startsAt: '2026-12-05T09:30:00+08:00',
      place: '鞍山社区',
      capacity: 10,
      description: '走访社区里的留守老人',
      clientKey: KEY,
    },
    cancelActivity: { activityId: ACTIVITY, reason: '场地临时占用' },
    listActivities: { pointId: ANSHAN },
    listSignUps: { activityId: ACTIVITY },
    listContacts: { pointId: ANSHAN },
    addContact: { pointId: ANSHAN, name: '韦大姐', kind: 'representative', reach: '村委会旁小卖部', clientKey: KEY },
    logContact: { contactId: 'contact-0001', day: '2026-11-20', way: 'visit', topic: '了解托管需求', clientKey: KEY },
    saveSurvey: {
      pointId: ANSHAN,
      title: '社区妇女需求调查',
      intro: '匿名填写，约两分钟',
      questions: [{ kind: 'single', text: '最需要哪方面的服务？', options: ['法律', '心理'] }],
    },
    publishSurvey: { pointId: ANSHAN },
    closeSurvey: { pointId: ANSHAN },
    surveySummary: { pointId: ANSHAN },
    exportSurvey: { pointId: ANSHAN, format: 'csv' },
    recordAttendance: { activityId: ACTIVITY, attendedSignUpIds: ['signup-0001'], extraCount: 8, summary: '走访了八户留守老人', photos: [PHOTO] },
  },
  county: {
    getSla: {},
    setRetention: { days: 365 },
    setSla: { policy: { distress: target(2, 3), trouble: target(24, 7), worry: target(72, 15) } },
    listEscalations: {},
    getRequest: { requestId: REQUEST },
    urge: { requestId: REQUEST, note: '请今天内联系她' },
    reassignToPoint: { requestId: REQUEST, toPointId: 'point-xc-chengnan', reason: '她已经搬到城南社区居住' },
    close: { requestId: REQUEST, note: '多次联系不上本人' },
    dashboard: { period: PERIOD, category: 'rights', urgency: 'distress' },
    progress: { year: 2026 },
    listPoints: {},
    createPoint: {
      code: 'XC-HONGDU',
      name: '忻城县红渡镇执委联系点',
      address: '广西来宾市忻城县红渡镇妇女之家',
      latitude: 23.9812,
      longitude: 108.7421,
      serviceHours: '周一至周五 9:00–17:00',
      executive: { name: '覃春兰', title: '忻城县妇联执委', helpsWith: '留守妇女儿童关爱' },
      duties: ['听取妇女意见建议', '开展关爱帮扶'],
      clientKey: KEY,
    },
    updatePoint: {
      pointId: ANSHAN,
      name: '忻城县鞍山社区执委联系点',
      address: '广西来宾市忻城县城关镇鞍山社区',
      latitude: 24.0667,
      longitude: 108.6654,
      serviceHours: '周一至周五 9:00–17:00',
      executiveTitle: '忻城县妇联执委',
      duties: ['听取妇女意见建议'],
    },
    setPointActive: { pointId: ANSHAN, active: true },
    plaque: { pointId: ANSHAN },
    uploadDisplayImage: { pointId: ANSHAN, kind: 'emblem', contentType: 'image/png', data: PNG },
    reissueExecutiveInvite: { pointId: ANSHAN, clientKey: KEY },
    export: { period: PERIOD, category: 'rights', urgency: 'distress', table: 'points', format: 'xlsx' },
  },
};
