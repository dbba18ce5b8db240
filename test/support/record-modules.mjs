// `node --import ./record-modules.mjs …` (test/cli-modules.test.ts): writes every module the process loads to the
// file named by RECORD_MODULES_FILE, one per line. ES modules (and CommonJS packages imported from them) are written
// by a resolve hook as they are resolved; everything loaded with require() is added from the CommonJS cache at exit.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.RECORD_MODULES_FILE;
if (!file) throw new Error('record-modules.mjs: set RECORD_MODULES_FILE to the file to write the loaded modules to');
register('./record-modules-hooks.mjs', import.meta.url, { data: { file } });
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(file, Object.keys(cache).map((path) => `${path}\n`).join('')));
