/** The project's cloud functions are the folders of cloudfunctions/ that have an index.ts: one list for all tools. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const listCloudFunctions = (functionsRoot: string): string[] =>
  readdirSync(functionsRoot).filter((name) => statSync(join(functionsRoot, name)).isDirectory() && existsSync(join(functionsRoot, name, 'index.ts')));
