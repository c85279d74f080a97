/** `npm start` ends here: starts the local host on the embedded database and prints one URL. */
import { join, resolve } from 'node:path';
import { startHost } from './server';

async function main() {
  const root = resolve(__dirname, '../..');
  const host = await startHost({
    dataDir: process.env.LOCAL_DATA_DIR ?? join(root, '.local-data'),
    port: Number(process.env.PORT ?? 8866),
    timers: true,
    projectRoot: root,
    // Comma-separated words the local msgSecCheck refuses, to try the content-rejection path.
    loadResidents: Number(process.env.LOCAL_LOAD_RESIDENTS ?? 0),
    blockedWords: process.env.LOCAL_BLOCKED_WORDS?.split(',').map((w) => w.trim()).filter(Boolean),
  });
  if (host.seeded) console.log('已写入演示数据：5 个试点联系点、服务团队和县妇联工作人员');
  console.log(`\n执委联系点 本地运行中：${host.url}\n`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
