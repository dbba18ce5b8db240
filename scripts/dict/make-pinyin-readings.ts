// npm run dict:pinyin [-- --out FILE] : writes content/dict/pinyin-readings.tsv (rules: scripts/dict/pinyin-readings-build.ts).
// pinyin-pro is a dev dependency: at run time this table is all plan-bot needs of it (pinyin-pro's phrase
// dictionaries cost a server ≈ 8 MB of heap and ≈ 80 ms to load). The same content and pinyin-pro version always
// give a byte-identical file.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPinyinReadings } from './pinyin-readings-build.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
const dictDir = fileURLToPath(new URL('../../content/dict', import.meta.url));
const out = resolve(values.out ?? `${dictDir}/pinyin-readings.tsv`);
const made = buildPinyinReadings(dictDir);
writeFileSync(out, made.text);
console.log(`${out}: ${made.chars} characters (${made.polyphonic} with more than one reading), ${made.words} words read otherwise in context`);
