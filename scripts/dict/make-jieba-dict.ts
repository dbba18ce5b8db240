// npm run dict:jieba [-- --top N] [-- --content DIR] [-- --out DIR] : writes content/dict/jieba/, the part of jieba's
// dictionary plan-bot needs (the words of the content plus the N most frequent), with jieba's HMM model, two
// one-line stand-ins for the keyword extractor's files, cppjieba's licence and a provenance file. The same content and
// nodejieba version always give byte-identical files. Rules: scripts/dict/jieba-dict-build.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildJiebaDict, DEFAULT_OPTIONS } from './jieba-dict-build.ts';

const { values } = parseArgs({
  options: { top: { type: 'string' }, 'contains-min-freq': { type: 'string' }, content: { type: 'string' }, out: { type: 'string' } },
  strict: true,
});
const contentDir = resolve(values.content ?? fileURLToPath(new URL('../../content', import.meta.url)));
const outDir = resolve(values.out ?? join(contentDir, 'dict', 'jieba'));

function count(option: 'top' | 'contains-min-freq', fallback: number): number {
  const n = values[option] === undefined ? fallback : Number(values[option]);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${option} expects a whole number, got "${values[option]}"`);
    process.exit(2);
  }
  return n;
}
const opts = { topN: count('top', DEFAULT_OPTIONS.topN), containsMinFreq: count('contains-min-freq', DEFAULT_OPTIONS.containsMinFreq) };
// the command as the provenance file states it: only the options that change the output
const changed = [opts.topN !== DEFAULT_OPTIONS.topN ? `--top ${opts.topN}` : '', opts.containsMinFreq !== DEFAULT_OPTIONS.containsMinFreq ? `--contains-min-freq ${opts.containsMinFreq}` : ''].filter(Boolean);
const command = `npm run dict:jieba${changed.length ? ` -- ${changed.join(' ')}` : ''}`;
const { files, stats } = buildJiebaDict(contentDir, opts, command);
mkdirSync(outDir, { recursive: true });
for (const [name, text] of files) writeFileSync(join(outDir, name), text);
console.log(`${outDir}: ${stats.keptWords} of ${stats.sourceWords} words (${stats.fromContent} from the content, ${stats.fromContaining} containing them at frequency ≥ ${opts.containsMinFreq}, ${stats.fromTop} more of the ${opts.topN} most frequent)`);
