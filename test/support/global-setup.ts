import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Function tests run the bundled functions, as the host and CloudBase do: build them first (esbuild, < 1 s). */
export default function globalSetup(): void {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build-functions.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
}
