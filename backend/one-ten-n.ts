/**
 * "1" and "10" of 1+10+N (the activities, "N", are in activities.ts): the executive's contact list and log, and the
 * year's research survey that women answer anonymously; and the county's view of every point's progress.
 */
import { createHash } from 'node:crypto';
import { chinaDay } from '../core/china-time';
import type { ContactView, ExportedFile, OutreachView, PointProgress, PublicSurvey, SurveySummary, SurveyView } from '../core/actions';
import {
  OUTREACH_TARGET,
  type ContactWay,
  type OutreachContact,
  type OutreachKind,
  type Survey,
  type SurveyQuestionKind,
} from '../core/domain';
import { ActionError } from '../core/envelope';
import * as data from './data';
import { insertOnce, keyedId } from './idempotency';
import { countyStaffOf } from './requests';
import type { Caller } from './router';
import { exportTable, fileStamp } from './files';
import type { Cell } from './spreadsheet';
import { pointFor } from './team';

const yearNow = () => Number(chinaDay().slice(0, 4));

/** Her member id at the point (the executive), for what she owns. */
const executiveIdAt = (facts: { memberships: { memberId: string; pointId: string; isExecutive: boolean }[] }, pointId: string) =>
  facts.memberships.find((m) => m.pointId === pointId && m.isExecutive)?.memberId ?? '';

async function outreachView(pointId: string, ownerMemberId: string, year: number): Promise<OutreachView> {
  const [contacts, logs] = await Promise.all([data.listContacts(pointId, ownerMemberId), data.listContactLogs(pointId, year)]);
  const views: ContactView[] = contacts.map((c) => ({
    id: c._id,
    name: c.name,
    kind: c.kind,
    ...(c.reach ? { reach: c.reach } : {}),
    logs: logs
      .filter((l) => l.contactId === c._id)
      .sort((a, b) => b.day.localeCompare(a.day))
      .map(({ day, way, topic }) => ({ day, way, topic })),
  }));
  return { year, people: views.filter((v) => v.logs.length > 0).length, target: OUTREACH_TARGET, contacts: views };
}

export async function listContacts(caller: Caller, pointId: string): Promise<OutreachView> {
  const { point, facts } = await pointFor(caller, pointId, 'team.listContacts');
  return outreachView(point._id, executiveIdAt(facts, point._id), yearNow());
}

export async function addContact(caller: Caller, input: { pointId: string; name: string; kind: OutreachKind; reach?: string; clientKey: string }): Promise<OutreachView> {
  const { point, facts } = await pointFor(caller, input.pointId, 'team.addContact');
  const owner = executiveIdAt(facts, point._id);
  const contact: OutreachContact = {
    _id: keyedId('contact', caller.openid, input.clientKey),
    pointId: point._id,
    countyCode: point.countyCode,
    ownerMemberId: owner,
    name: input.name,
    kind: input.kind,
    ...(input.reach ? { reach: input.reach } : {}),
    createdAt: new Date().toISOString(),
  };
  await insertOnce(() => data.insertContact(contact));
  return outreachView(point._id, owner, yearNow());
}

export async function logContact(caller: Caller, input: { contactId: string; day: string; way: ContactWay; topic: string; clientKey: string }): Promise<OutreachView> {
  const contact = await data.findContact(input.contactId);
  if (!contact) throw new ActionError('NotFound', '没有找到这位联系人');
  const { point, facts } = await pointFor(caller, contact.pointId, 'team.logContact');
  const owner = executiveIdAt(facts, point._id);
  // Her own list only: a new executive starts her own.
  if (contact.ownerMemberId !== owner) throw new ActionError('NotFound', '没有找到这位联系人');
  const today = chinaDay();
  if (Number.isNaN(Date.parse(input.day)) || input.day > today || input.day < `${yearNow() - 1}-01-01`) {
    throw new ActionError('InvalidParameter', 'input.day：请选择今天或以前的日期（去年以来）');
  }
  await insertOnce(() =>
    data.insertContactLog({
      _id: keyedId('contact-log', caller.openid, input.clientKey),
      contactId: contact._id,
      pointId: point._id,
      countyCode: point.countyCode,
      year: Number(input.day.slice(0, 4)),
      day: input.day,
      way: input.way,
      topic: input.topic,
      createdAt: new Date().toISOString(),
    }),
  );
  return outreachView(point._id, owner, yearNow());
}

const toSurveyView = (s: Survey): SurveyView => ({
  id: s._id,
  pointId: s.pointId,
  year: s.year,
  title: s.title,
  intro: s.intro,
  questions: s.questions.map(({ id, kind, text, options }) => ({ id, kind, text, options })),
  status: s.status,
  responseCount: s.responseCount,
});

const surveyIdOf = (pointId: string, year: number) => `${pointId}-${year}`;

export async function saveSurvey(
  caller: Caller,
  input: { pointId: string; title: string; intro?: string; questions: { kind: SurveyQuestionKind; text: string; options?: string[] }[] },
): Promise<SurveyView> {
  const { point } = await pointFor(caller, input.pointId, 'team.saveSurvey');
  const year = yearNow();
  const id = surveyIdOf(point._id, year);
  const existing = await data.findSurvey(id);
  if (existing && existing.status !== 'draft') throw new ActionError('Conflict', '问卷已经发布，不能再修改');
  const survey: Survey = {
    _id: id,
    pointId: point._id,
    countyCode: point.countyCode,
    year,
    title: input.title,
    intro: input.intro ?? '',
    questions: input.questions.map((q, i) => ({ id: `q${i + 1}`, kind: q.kind, text: q.text, options: q.kind === 'text' ? [] : (q.options ?? []) })),
    status: 'draft',
    responseCount: 0,
    updatedAt: new Date().toISOString(),
  };
  if (existing) await data.replaceSurveyDraft(survey);
  else await data.insertSurvey(survey);
  return toSurveyView(survey);
}

async function setSurveyStatus(caller: Caller, pointId: string, permission: 'team.publishSurvey' | 'team.closeSurvey'): Promise<SurveyView> {
  const { point } = await pointFor(caller, pointId, permission);
  const survey = await data.findSurvey(surveyIdOf(point._id, yearNow()));
  if (!survey) throw new ActionError('NotFound', '今年还没有问卷');
  const [from, to, stamp] = permission === 'team.publishSurvey' ? (['draft', 'published', 'publishedAt'] as const) : (['published', 'closed', 'closedAt'] as const);
  const at = new Date().toISOString();
  if (!(await data.updateSurveyIf({ _id: survey._id, status: from }, { status: to, [stamp]: at }))) {
    throw new ActionError('Conflict', to === 'published' ? '问卷已经发布过了' : '问卷还没有发布，或已经结束');
  }
  return toSurveyView({ ...survey, status: to });
}

export const publishSurvey = (caller: Caller, pointId: string) => setSurveyStatus(caller, pointId, 'team.publishSurvey');
export const closeSurvey = (caller: Caller, pointId: string) => setSurveyStatus(caller, pointId, 'team.closeSurvey');

/** A one-way token of who answered which survey, kept apart from the answers so neither leads to the other. */
const responderToken = (surveyId: string, openid: string) => createHash('sha256').update(`survey-responder:${surveyId}:${openid}`).digest('hex');

export async function getSurvey(caller: Caller, pointId: string): Promise<PublicSurvey> {
  const survey = await data.findSurvey(surveyIdOf(pointId, yearNow()));
  if (!survey || survey.status !== 'published') throw new ActionError('NotFound', '这个联系点现在没有进行中的问卷');
  return { ...toSurveyView(survey), answered: await data.hasResponder(responderToken(survey._id, caller.openid)) };
}

export async function answerSurvey(
  caller: Caller,
  surveyId: string,
  answers: { questionId: string; choice?: number; choices?: number[]; text?: string }[],
): Promise<PublicSurvey> {
  const survey = await data.findSurvey(surveyId);
  if (!survey || survey.status !== 'published') throw new ActionError('NotFound', '这份问卷已经结束或不存在');
  const stored: Record<string, number | number[] | string> = {};
  for (const answer of answers) {
    const question = survey.questions.find((q) => q.id === answer.questionId);
    if (!question || answer.questionId in stored) throw new ActionError('InvalidParameter', 'input.answers：问题编号不正确');
    const inRange = (n: number) => n >= 0 && n < question.options.length;
    if (question.kind === 'single' && answer.choice !== undefined && inRange(answer.choice)) stored[question.id] = answer.choice;
    else if (question.kind === 'multiple' && answer.choices?.length && answer.choices.every(inRange)) stored[question.id] = [...new Set(answer.choices)].sort();
    else if (question.kind === 'text' && answer.text) stored[question.id] = answer.text;
    else throw new ActionError('InvalidParameter', `input.answers：第 ${question.id.slice(1)} 题的答案不符合题型`);
  }
  // Once per woman: the token is written first; a second answer finds it.
  if (!(await data.insertResponder(responderToken(survey._id, caller.openid)))) throw new ActionError('Conflict', '您已经填写过这份问卷了，谢谢');
  await data.insertSurveyResponse({ surveyId: survey._id, answers: stored, day: chinaDay() });
  await data.countSurveyResponse(survey._id);
  return { ...toSurveyView({ ...survey, responseCount: survey.responseCount + 1 }), answered: true };
}

async function summaryOf(survey: Survey): Promise<SurveySummary> {
  const responses = await data.listSurveyResponses(survey._id);
  return {
    ...toSurveyView(survey),
    responseCount: responses.length,
    results: survey.questions.map((q) => {
      const given = responses.map((r) => r.answers[q.id]).filter((a) => a !== undefined);
      if (q.kind === 'text') return { questionId: q.id, texts: (given as string[]).reverse() };
      const counts = q.options.map(() => 0);
      for (const a of given) for (const i of Array.isArray(a) ? a : [a as number]) counts[i] = (counts[i] ?? 0) + 1;
      return { questionId: q.id, counts };
    }),
  };
}

export async function surveySummary(caller: Caller, pointId: string): Promise<SurveySummary> {
  const { point } = await pointFor(caller, pointId, 'team.surveySummary');
  const survey = await data.findSurvey(surveyIdOf(point._id, yearNow()));
  if (!survey) throw new ActionError('NotFound', '今年还没有问卷');
  return summaryOf(survey);
}

export async function exportSurvey(caller: Caller, pointId: string, format: 'csv' | 'xlsx'): Promise<ExportedFile> {
  const { point } = await pointFor(caller, pointId, 'team.exportSurvey');
  const survey = await data.findSurvey(surveyIdOf(point._id, yearNow()));
  if (!survey) throw new ActionError('NotFound', '今年还没有问卷');
  const summary = await summaryOf(survey);
  const header = ['题目', '题型', '选项或回答', '人数'];
  const rows: Cell[][] = summary.results.flatMap((r) => {
    const q = survey.questions.find((x) => x.id === r.questionId);
    if (!q) return [];
    const kind = { single: '单选', multiple: '多选', text: '填空' }[q.kind];
    return r.counts ? q.options.map((option, i) => [q.text, kind, option, r.counts?.[i] ?? 0]) : (r.texts ?? []).map((t) => [q.text, kind, t, '']);
  });
  return exportTable({
    cloudPath: `exports/surveys/${point._id}/${fileStamp()}.${format}`,
    fileName: `${point.name}_${survey.year}年问卷汇总.${format}`,
    sheetName: '问卷汇总',
    format,
    header,
    rows,
  });
}

/** County staff: each point's 1 / 10 / N this year, from counts only (never the contact list or the answers). */
export async function progress(caller: Caller, year: number): Promise<PointProgress[]> {
  const staff = await countyStaffOf(caller, '只有县妇联工作人员可以查看');
  const [points, surveys, people, activities] = await Promise.all([
    data.listCountyPoints(staff.countyCode),
    data.listSurveysOfCounty(staff.countyCode, year),
    data.countOutreachPeople(staff.countyCode, year),
    data.countActivities(staff.countyCode, year),
  ]);
  return points.map((p) => {
    const survey = surveys.find((s) => s.pointId === p._id);
    const held = activities.find((a) => a.pointId === p._id && a.status === 'done')?.count ?? 0;
    const planned = activities.find((a) => a.pointId === p._id && a.status === 'open')?.count ?? 0;
    return {
      pointId: p._id,
      pointName: p.name,
      survey: survey?.status ?? 'none',
      surveyResponses: survey?.responseCount ?? 0,
      outreachPeople: people.get(p._id) ?? 0,
      activitiesHeld: held,
      activitiesPlanned: planned,
    };
  });
}
