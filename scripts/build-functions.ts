/**
 * Bundles each cloud function (its folder's index.ts with the shared core and backend code) into a deployable
 * `cloudfunctions/<name>/index.js`. The SDK stays external: each function's package.json installs it in the cloud,
 * and locally it resolves from the project's node_modules. So do the plaque's renderers (a native module, and a
 * library that reads its own data files). Also bundles the local host's function worker.
 *
 * A function whose bundle includes backend/plaque.ts gets the files the plaque reads next to its index.js, in
 * `plaque-assets/` (ignored by git through its own .gitignore): the CJK font from Debian's fonts-wqy-microhei
 * (Apache-2.0, its copyright file alongside; scripts/ensure-fonts.sh installs the package) and the emblem.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listCloudFunctions } from '../local/cloud-functions';

const root = resolve(__dirname, '..');
const functionsRoot = join(root, 'cloudfunctions');

const PLAQUE_ASSETS: { from: string; to: string }[] = [
  { from: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', to: 'wqy-microhei.ttc' },
  { from: '/usr/share/doc/fonts-wqy-microhei/copyright', to: 'wqy-microhei.copyright' },
  { from: join(root, 'src/assets/emblem.svg'), to: 'emblem.svg' },
];

/** Copies the plaque's files next to a function that bundles backend/plaque.ts; removes them from one that does not. */
function placePlaqueAssets(functionDir: string, inputs: string[]): void {
  const dir = join(functionDir, 'plaque-assets');
  if (!inputs.includes('backend/plaque.ts')) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.gitignore'), '# Copied by scripts/build-functions.ts\n*\n');
  for (const asset of PLAQUE_ASSETS) {
    if (!existsSync(asset.from)) throw new Error(`${asset.from} is missing: run scripts/ensure-fonts.sh (Debian's fonts-wqy-microhei)`);
    copyFileSync(asset.from, join(dir, asset.to));
  }
}

async function main() {
  const started = Date.now();
  const names = listCloudFunctions(functionsRoot);
  await Promise.all([
    ...names.map(async (name) => {
      const result = await build({
        entryPoints: [join(functionsRoot, name, 'index.ts')],
        outfile: join(functionsRoot, name, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: ['@cloudbase/node-sdk', '@resvg/resvg-js', 'pdfkit'],
        legalComments: 'none',
        logLevel: 'warning',
        metafile: true,
        absWorkingDir: root,
      });
      placePlaqueAssets(join(functionsRoot, name), Object.keys(result.metafile.inputs));
    }),
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
