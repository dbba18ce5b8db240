// npm run dict:general-idf : writes content/dict/general-idf.tsv, the common words of general Chinese with their
// inverse document frequency, from the IDF table that ships with nodejieba (cppjieba's dict/idf.utf8).
// Only words below MAX_IDF are kept: a word missing from the table is rare in general text, which is all the
// matcher needs to know about it (it tells "计量数据" from "准备" when judging what a question is about).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MAX_IDF = 8;
const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict/idf.utf8');
const rows = readFileSync(source, 'utf8')
  .split('\n')
  .map((l) => l.trim().split(/\s+/))
  .filter((r): r is [string, string] => r.length === 2 && /^[\u3400-\u9fff]+$/.test(r[0]!) && Number(r[1]) < MAX_IDF)
  .map(([w, idf]) => `${w}\t${Number(idf).toFixed(2)}`)
  .sort();
const version = (require('nodejieba/package.json') as { version: string }).version;
const header = [
  '# Common words of general Chinese and their IDF (lower = more common), for weighing question words.',
  `# Made by: npm run dict:general-idf  (scripts/dict/make-general-idf.ts), from nodejieba ${version}'s`,
  `# submodules/cppjieba/dict/idf.utf8 (MIT), keeping CJK words with idf < ${MAX_IDF}. A word not listed is rare.`,
];
writeFileSync(join(process.cwd(), 'content/dict/general-idf.tsv'), [...header, ...rows].join('\n') + '\n');
console.log(`content/dict/general-idf.tsv: ${rows.length} words`);
