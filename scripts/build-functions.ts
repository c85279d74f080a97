/**
 * Bundles each cloud function (its folder's index.ts with the shared core and backend code) into a deployable
 * `cloudfunctions/<name>/index.js`. The SDK stays external: each function's package.json installs it in the cloud,
 * and locally it resolves from the project's node_modules. Also bundles the local host's function worker.
 */
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { listCloudFunctions } from '../local/cloud-functions';

const root = resolve(__dirname, '..');
const functionsRoot = join(root, 'cloudfunctions');

async function main() {
  const started = Date.now();
  const names = listCloudFunctions(functionsRoot);
  await Promise.all([
    ...names.map((name) =>
      build({
        entryPoints: [join(functionsRoot, name, 'index.ts')],
        outfile: join(functionsRoot, name, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: ['@cloudbase/node-sdk'],
        legalComments: 'none',
        logLevel: 'warning',
      }),
    ),
    build({
      entryPoints: [join(root, 'local/host/function-worker.ts')],
      outfile: join(root, 'build/local/function-worker.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    }),
  ]);
  console.log(`built ${names.length} cloud functions (${names.join(', ')}) and the host worker in ${Date.now() - started} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
