/**
 * No personal data in logs (DESIGN §5): the journeys that carry a woman's phone, words and name run through the real
 * functions, with failures forced so the error paths log too, and nothing written to stdout, stderr or the console
 * (the host's own and every function worker's) may contain any of it.
 */
import { format } from 'node:util';
import type { Host } from '../../local/host/server';
import { data, EXECUTIVE, fireScheduler, functionCaller, NEWCOMER, PROSECUTOR, submitInput, WANG } from '../support/functions';
import { startTestHost } from '../support/local';

const ANSHAN = 'point-xc-anshan';

const PHONE = '13912345678';
const SECRETS = {
  phone: PHONE,
  description: '丈夫喝醉以后总是打我，孩子也吓得不敢回家',
  safeTimes: '周三下午他去上班的时候',
  message: '我换了新号码15087654321，只能发短信',
  rejectedMessage: '他整天去赌博，我的电话是18611112222',
  reply: '您好，明天上午我们去您家附近的村委会见面',
  note: '需要联系派出所调取上个月的出警记录',
  summary: '已陪同她到法院申请人身安全保护令并获批准',
  comment: '检察官很耐心，谢谢你们帮我',
  name: '韦春兰',
};
/** Any mainland mobile number, not only the ones above. */
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

let host: Host;
const call = functionCaller(() => host);
const openid = (persona: string) => host.personas.find((p) => p.id === persona)?.openid as string;

const captured: string[] = [];
const restorers: (() => void)[] = [];
const output = () => captured.join('');

/** Worker threads' stdout and stderr are piped into these streams; the host's own writes land here too. */
function captureStream(stream: NodeJS.WriteStream): void {
  const original = stream.write;
  stream.write = ((chunk: string | Uint8Array, encodingOrDone?: unknown, done?: unknown) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
    if (typeof callback === 'function') process.nextTick(callback as () => void);
    return true;
  }) as typeof stream.write;
  restorers.push(() => {
    stream.write = original;
  });
}

/** Jest's console buffers apart from stdout, so code running in this thread is caught here. */
function captureConsole(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(`${format(...args)}\n`);
    });
    restorers.push(() => spy.mockRestore());
  }
}

/** Worker output reaches this thread asynchronously, after the function's reply: wait for a line known to come. */
async function waitFor(line: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!output().includes(line)) {
    if (Date.now() > until) throw new Error(`never saw «${line}» in the captured output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  captureStream(process.stdout);
  captureStream(process.stderr);
  captureConsole();
  host = await startTestHost();
  await fireScheduler(host);
});

afterAll(async () => {
  await host.close();
  for (const restore of restorers.reverse()) restore();
});

afterEach(() => host.cloudbase.recorder.clearFaults());

test('a request from submit to rating, a member joining, and failures on the way log none of it', async () => {
  const sends = () => host.cloudbase.recorder.list('subscribeMessage.send');
  // The assignee's push on a new assignment fails and is kept for a retry.
  data(await call('team', 'subscribe', {}, PROSECUTOR));
  host.cloudbase.recorder.injectFault({ apiName: 'subscribeMessage.send', errcode: -1, touser: openid(PROSECUTOR), times: 1 });
  const { id } = data(
    await call(
      'resident',
      'submitRequest',
      submitInput({
        description: SECRETS.description,
        contact: { anonymous: false, phone: SECRETS.phone, method: 'sms', safeTimes: SECRETS.safeTimes },
        notifyGrant: true,
      }),
      WANG,
    ),
  ) as { id: string };

  // WeChat's content check is down for her message (it goes through unchecked), then refuses the next one.
  host.cloudbase.recorder.injectFault({ apiName: 'security.msgSecCheck', errcode: -1, times: 1 });
  data(await call('resident', 'sendMessage', { requestId: id, text: SECRETS.message }, WANG));
  expect(await call('resident', 'sendMessage', { requestId: id, text: SECRETS.rejectedMessage }, WANG)).toMatchObject({ ok: false, code: 'ContentRejected' });

  // Her push when it is accepted fails too.
  host.cloudbase.recorder.injectFault({ apiName: 'subscribeMessage.send', errcode: -1, touser: openid(WANG), times: 1 });
  data(await call('team', 'accept', { requestId: id }, PROSECUTOR));
  data(await call('team', 'reply', { requestId: id, text: SECRETS.reply, internal: false }, PROSECUTOR));
  data(await call('team', 'reply', { requestId: id, text: SECRETS.note, internal: true }, EXECUTIVE));
  data(await call('team', 'resolve', { requestId: id, summary: SECRETS.summary }, PROSECUTOR));
  data(await call('resident', 'rate', { requestId: id, rating: 5, comment: SECRETS.comment }, WANG));
  expect(host.cloudbase.store.count('pushRetries', {})).toBe(2);

  // The scheduler's retries fail once more, then go through.
  const sentBefore = sends().length;
  host.cloudbase.recorder.injectFault({ apiName: 'subscribeMessage.send', errcode: -1, times: 2 });
  expect(data(await fireScheduler(host, new Date(Date.now() + 2 * 60_000))).pushRetries).toMatchObject({ failedAgain: 2 });
  expect(data(await fireScheduler(host, new Date(Date.now() + 10 * 60_000))).pushRetries).toMatchObject({ sent: 2 });
  expect(sends().length - sentBefore).toBe(4);

  const invite = data(await call('team', 'createInvite', { pointId: ANSHAN, role: '志愿者', helpsWith: '陪伴与倾听', skills: ['other'] }, EXECUTIVE));
  data(await call('team', 'joinTeam', { code: invite.code, name: SECRETS.name }, NEWCOMER));

  // Internal failures (not ActionErrors) log their action and error name: a point whose SLA is corrupt fails her
  // submission, and a request whose timeline is corrupt fails both sides' reads of it.
  const point = host.cloudbase.store.find('points', { _id: ANSHAN })[0] as Record<string, unknown>;
  const patch = (collection: string, docId: string, fields: Record<string, unknown>) =>
    host.cloudbase.store.update(collection, { _id: docId }, { $set: fields }, { multi: false, upsert: false, merge: true });
  patch('points', ANSHAN, { sla: 'corrupt' });
  const failed = await call('resident', 'submitRequest', submitInput({ description: SECRETS.description, contact: { anonymous: false, phone: SECRETS.phone, method: 'sms' } }), WANG);
  expect(failed).toMatchObject({ ok: false, code: 'Internal' });
  if (point.sla === undefined) host.cloudbase.store.update('points', { _id: ANSHAN }, { $unset: { sla: '' } }, { multi: false, upsert: false, merge: true });
  else patch('points', ANSHAN, { sla: point.sla });

  patch('requests', id, { timeline: 'corrupt' });
  expect(await call('team', 'getRequest', { requestId: id }, PROSECUTOR)).toMatchObject({ ok: false, code: 'Internal' });
  expect(await call('resident', 'getMyRequest', { requestId: id }, WANG)).toMatchObject({ ok: false, code: 'Internal' });

  // The capture sees the workers' output: these lines come only from the functions' error paths.
  await waitFor('[resident.submitRequest] failed');
  await waitFor('[team.getRequest] failed');
  await waitFor('[resident.getMyRequest] failed');
  // Anything still in the pipe behind them.
  await new Promise((resolve) => setTimeout(resolve, 300));

  const personal = [...Object.values(SECRETS), openid(WANG), openid(NEWCOMER)];
  const leaks = output()
    .split('\n')
    .filter((line) => MOBILE.test(line) || personal.some((secret) => line.includes(secret)));
  expect(leaks).toEqual([]);
});
