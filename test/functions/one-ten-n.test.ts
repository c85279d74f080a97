/**
 * "1" and "10" of 1+10+N through the real functions: the executive's own contact list and log toward ten people a
 * year, the year's survey answered anonymously once per woman, and the county's view of every point's progress.
 */
import { execFileSync } from 'node:child_process';
import type { Host } from '../../local/host/server';
import { COUNTY_STAFF, data, EXECUTIVE, functionCaller, LI, NEWCOMER, PROSECUTOR, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

const OTHER_COUNTY = 'county-450225';
const ANSHAN = 'point-xc-anshan';
const YEAR = Number(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4));
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

let host: Host;
const call = functionCaller(() => host);

beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

describe('"10": her contacts', () => {
  test('she lists people and logs contacts; only people contacted this year count toward ten', async () => {
    let view = data(await call('team', 'addContact', { pointId: ANSHAN, name: '韦大姐', kind: 'representative', reach: '住 3 栋，电话 13900000000' }, EXECUTIVE));
    view = data(await call('team', 'addContact', { pointId: ANSHAN, name: '小蓝', kind: 'woman' }, EXECUTIVE));
    expect(view).toMatchObject({ year: YEAR, people: 0, target: 10 });
    const [first, second] = view.contacts;
    view = data(await call('team', 'logContact', { contactId: first.id, day: today(), way: 'visit', topic: '了解留守儿童托管需求' }, EXECUTIVE));
    view = data(await call('team', 'logContact', { contactId: first.id, day: today(), way: 'phone', topic: '回访托管班报名' }, EXECUTIVE));
    expect(view.people).toBe(1);
    view = data(await call('team', 'logContact', { contactId: second.id, day: today(), way: 'wechat', topic: '就业培训信息' }, EXECUTIVE));
    expect(view.people).toBe(2);
    expect(view.contacts[0]).toMatchObject({ name: '韦大姐', reach: '住 3 栋，电话 13900000000', logs: [expect.objectContaining({ way: expect.any(String) }), expect.anything()] });

    // Only she sees the list: not her team, not the county (the county sees the count).
    for (const persona of [PROSECUTOR, COUNTY_STAFF, WANG]) {
      expect(await call('team', 'listContacts', { pointId: ANSHAN }, persona)).toMatchObject({ ok: false, code: 'Forbidden' });
      expect(await call('team', 'logContact', { contactId: first.id, day: today(), way: 'visit', topic: '冒充记录' }, persona)).toMatchObject({ ok: false });
    }
    expect(await call('team', 'logContact', { contactId: first.id, day: '2099-01-01', way: 'visit', topic: '未来的日期' }, EXECUTIVE)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(await call('team', 'logContact', { contactId: first.id, day: today(), way: 'telepathy', topic: '未知方式' }, EXECUTIVE)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(host.cloudbase.store.count('outreachLogs', {})).toBe(3);
  });
});

describe('"1": the survey', () => {
  const questions = [
    { kind: 'single', text: '您最需要哪方面的服务？', options: ['法律', '心理', '就业'] },
    { kind: 'multiple', text: '您方便参加活动的时间？', options: ['工作日白天', '工作日晚上', '周末'] },
    { kind: 'text', text: '您还有什么建议？' },
  ];

  test('a draft until published; women answer once, anonymously; she sees the summary and exports it', async () => {
    expect(await call('team', 'saveSurvey', { pointId: ANSHAN, title: '社区妇女需求调查', questions: [{ kind: 'single', text: '只有一个选项', options: ['是'] }] }, EXECUTIVE)).toMatchObject({
      ok: false,
      code: 'InvalidParameter',
    });
    data(await call('team', 'saveSurvey', { pointId: ANSHAN, title: '社区妇女需求调查（草稿）', questions: questions.slice(0, 1) }, EXECUTIVE));
    const saved = data(await call('team', 'saveSurvey', { pointId: ANSHAN, title: '社区妇女需求调查', intro: '匿名填写，约 2 分钟', questions }, EXECUTIVE));
    expect(saved).toMatchObject({ id: `${ANSHAN}-${YEAR}`, status: 'draft', questions: [{ id: 'q1' }, { id: 'q2' }, { id: 'q3', options: [] }] });
    expect(await call('resident', 'getSurvey', { pointId: ANSHAN }, WANG)).toMatchObject({ ok: false, code: 'NotFound' });
    expect(await call('team', 'publishSurvey', { pointId: ANSHAN }, PROSECUTOR)).toMatchObject({ ok: false, code: 'Forbidden' });
    data(await call('team', 'publishSurvey', { pointId: ANSHAN }, EXECUTIVE));
    expect(await call('team', 'saveSurvey', { pointId: ANSHAN, title: '改一改标题', questions }, EXECUTIVE)).toMatchObject({ ok: false, code: 'Conflict' });

    const shown = data(await call('resident', 'getSurvey', { pointId: ANSHAN }, WANG));
    expect(shown).toMatchObject({ title: '社区妇女需求调查', answered: false });
    const answers = [
      { questionId: 'q1', choice: 0 },
      { questionId: 'q2', choices: [0, 2] },
      { questionId: 'q3', text: '希望多办法律讲座' },
    ];
    expect(data(await call('resident', 'answerSurvey', { surveyId: shown.id, answers }, WANG)).answered).toBe(true);
    expect(await call('resident', 'answerSurvey', { surveyId: shown.id, answers }, WANG)).toMatchObject({ ok: false, code: 'Conflict' });
    expect(await call('resident', 'answerSurvey', { surveyId: shown.id, answers: [{ questionId: 'q1', choice: 7 }] }, LI)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    expect(await call('resident', 'answerSurvey', { surveyId: shown.id, answers: [{ questionId: 'q2', choice: 1 }] }, LI)).toMatchObject({ ok: false, code: 'InvalidParameter' });
    data(await call('resident', 'answerSurvey', { surveyId: shown.id, answers: [{ questionId: 'q1', choice: 0 }, { questionId: 'q2', choices: [2] }] }, LI));
    data(await call('resident', 'answerSurvey', { surveyId: shown.id, answers: [{ questionId: 'q1', choice: 2 }] }, NEWCOMER));

    // Nothing stored with an answer leads back to who gave it.
    const stored = JSON.stringify(host.cloudbase.store.find('surveyResponses', {}));
    for (const persona of [WANG, LI, NEWCOMER]) expect(stored).not.toContain(host.personas.find((p) => p.id === persona)?.openid as string);
    expect(host.cloudbase.store.find('surveyResponses', {})[0]).toEqual({ _id: expect.any(String), surveyId: shown.id, answers: expect.any(Object), day: today() });

    const summary = data(await call('team', 'surveySummary', { pointId: ANSHAN }, EXECUTIVE));
    expect(summary.responseCount).toBe(3);
    expect(summary.results).toEqual([
      { questionId: 'q1', counts: [2, 0, 1] },
      { questionId: 'q2', counts: [1, 0, 2] },
      { questionId: 'q3', texts: ['希望多办法律讲座'] },
    ]);
    expect(data(await call('team', 'surveySummary', { pointId: ANSHAN }, COUNTY_STAFF)).responseCount).toBe(3);
    expect(await call('team', 'surveySummary', { pointId: ANSHAN }, OTHER_COUNTY)).toMatchObject({ ok: false, code: 'Forbidden' });

    const file = data(await call('team', 'exportSurvey', { pointId: ANSHAN, format: 'xlsx' }, EXECUTIVE));
    const bytes = Buffer.from(await (await fetch(file.url)).arrayBuffer());
    const script = "import sys,zipfile,io;z=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()));assert z.testzip() is None;sys.stdout.write(z.read('xl/worksheets/sheet1.xml').decode('utf-8'))";
    const sheet = execFileSync('python3', ['-c', script], { input: bytes }).toString('utf8');
    expect(sheet).toContain('希望多办法律讲座');
    expect(sheet).toContain('<t xml:space="preserve">法律</t></is></c><c r="D2"><v>2</v>');

    data(await call('team', 'closeSurvey', { pointId: ANSHAN }, EXECUTIVE));
    expect(await call('resident', 'answerSurvey', { surveyId: shown.id, answers }, LI)).toMatchObject({ ok: false, code: 'NotFound' });
  });
});

describe('the county', () => {
  test("sees each point's 1 / 10 / N this year, from counts only", async () => {
    const soon = new Date(Date.now() + 3600 * 1000).toISOString();
    data(await call('team', 'createActivity', { pointId: ANSHAN, type: 'skills', title: '电商直播技能培训', startsAt: soon, place: '社区会议室', capacity: 20 }, EXECUTIVE));
    const rows = data(await call('county', 'progress', { year: YEAR }, COUNTY_STAFF));
    const anshan = rows.find((r: { pointId: string }) => r.pointId === ANSHAN);
    expect(anshan).toEqual({ pointId: ANSHAN, pointName: '忻城县鞍山社区执委联系点', survey: 'closed', surveyResponses: 3, outreachPeople: 2, activitiesHeld: 0, activitiesPlanned: 1 });
    expect(rows.find((r: { pointId: string }) => r.pointId === 'point-xc-chengnan')).toMatchObject({ survey: 'none', outreachPeople: 0 });
    expect(JSON.stringify(rows)).not.toContain('韦大姐');
    expect(data(await call('county', 'progress', { year: YEAR }, OTHER_COUNTY)).map((r: { pointId: string }) => r.pointId)).not.toContain(ANSHAN);
    expect(await call('county', 'progress', { year: YEAR }, EXECUTIVE)).toMatchObject({ ok: false, code: 'Forbidden' });
  });
});
