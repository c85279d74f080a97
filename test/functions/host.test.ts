/** The local host: demo data on first run only, data kept across restarts, the H5 page with its persona switch. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SENSITIVE_DATA_CONSENT } from '../../core/consent';
import { startHost } from '../../local/host/server';
import { tempDataDir } from '../support/local';

test('seeds the pilot points once, and keeps what was written across a restart', async () => {
  const dataDir = tempDataDir('restart-host');
  const first = await startHost({ dataDir, poolSize: 1 });
  expect(first.seeded).toBe(true);
  expect(first.cloudbase.store.count('points', {})).toBe(5);
  const reply = (await first.invoke(
    'resident',
    {
      action: 'submitRequest',
      input: {
        pointId: 'point-rs-jiangmen',
        category: 'employment',
        urgency: 'worry',
        description: '想参加种养技术培训，怎么报名？',
        contact: { anonymous: true },
        inDanger: false,
        consentVersion: SENSITIVE_DATA_CONSENT.version,
        clientKey: 'restart-key-1',
      },
    },
    { openid: 'local-resident-wang' },
  )) as { ok: boolean; data: { id: string } };
  expect(reply.ok).toBe(true);
  await first.close();

  const second = await startHost({ dataDir, poolSize: 1 });
  expect(second.seeded).toBe(false);
  expect(second.cloudbase.store.count('points', {})).toBe(5);
  expect(second.cloudbase.store.find('requests', { _id: reply.data.id })).toHaveLength(1);
  await second.close();
});

test('serves the H5 page with the persona switch, and sets the caller from the chosen persona', async () => {
  const h5Dir = tempDataDir('h5');
  mkdirSync(h5Dir, { recursive: true });
  writeFileSync(join(h5Dir, 'index.html'), '<html><body><div id="app"></div></body></html>');
  const host = await startHost({ dataDir: tempDataDir('persona'), poolSize: 1, h5Dir });
  try {
    const page = await (await fetch(host.url)).text();
    expect(page).toContain('/__local/persona-bar.js');

    const chosen = await fetch(`${host.url}__local/persona`, { method: 'POST', body: JSON.stringify({ id: 'point-xc-anshan-m1' }) });
    const cookie = chosen.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toBe('persona=point-xc-anshan-m1');
    const whoami = await fetch(`${host.url}api/functions/resident`, {
      method: 'POST',
      headers: { cookie },
      body: JSON.stringify({ action: 'whoami', input: {} }),
    });
    expect(await whoami.json()).toMatchObject({ ok: true, data: { memberships: [{ memberId: 'point-xc-anshan-m1', role: '女检察官' }] } });

    const unknown = await fetch(`${host.url}__local/persona`, { method: 'POST', body: JSON.stringify({ id: 'nobody' }) });
    expect(unknown.status).toBe(400);
    const noFunction = await fetch(`${host.url}api/functions/admin`, { method: 'POST', body: '{}' });
    expect(noFunction.status).toBe(404);
  } finally {
    await host.close();
  }
});
