/**
 * Sizes of the mini-program's packages as WeChat counts them, from a weapp build (dist/weapp): every file of the
 * build, each in the package whose root holds it (the main package otherwise). Shared by the build check, the budget
 * test and `npm run bench`, so they cannot disagree on what is counted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** WeChat's limit for the main package and for each subpackage. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;
/** What a woman downloads from a plaque should stay well under the limit (issue 8). */
export const MAIN_BUDGET_BYTES = 450 * 1024;
export const SUBPACKAGE_BUDGET_BYTES = 600 * 1024;

export const MAIN = 'main';

export interface PackageSize {
  /** `main`, or the subpackage's root without its trailing slash. */
  name: string;
  bytes: number;
  files: number;
  budget: number;
}

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

export const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });

/**
 * Not uploaded: DevTools reads project.config.json as settings, and the minifier's licence notes sit beside the code
 * that needs none of them at run time.
 */
export const isPacked = (path: string) => !path.endsWith('.LICENSE.txt') && path !== 'project.config.json';

/** Every packed file of the build, as a path relative to dist with forward slashes. */
export function packedFiles(dist: string): string[] {
  if (!existsSync(join(dist, 'app.json'))) throw new Error(`${dist} has no app.json: build the weapp first (npx taro build --type weapp)`);
  return walk(dist)
    .map((file) => relative(dist, file).split(sep).join('/'))
    .filter(isPacked);
}

export const subpackageRoots = (dist: string): string[] =>
  ((JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as AppJson).subPackages ?? []).map((p) => p.root.replace(/\/$/, ''));

/** The main package first, then each subpackage in app.json's order. */
export function weappPackageSizes(dist: string): PackageSize[] {
  const roots = subpackageRoots(dist);
  const sizes = new Map<string, PackageSize>([[MAIN, { name: MAIN, bytes: 0, files: 0, budget: MAIN_BUDGET_BYTES }]]);
  for (const root of roots) sizes.set(root, { name: root, bytes: 0, files: 0, budget: SUBPACKAGE_BUDGET_BYTES });
  for (const path of packedFiles(dist)) {
    const owner = sizes.get(roots.find((r) => path.startsWith(`${r}/`)) ?? MAIN) as PackageSize;
    owner.bytes += statSync(join(dist, path)).size;
    owner.files += 1;
  }
  return [...sizes.values()];
}

export const kib = (bytes: number) => (bytes / 1024).toFixed(1);
