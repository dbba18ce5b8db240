// npx tsx scripts/dict/check-lexicon.ts [contentDir] : checks the two word lists that map other wordings to the
// plan's own (content/dict/glossary.tsv for English, content/dict/regional.tsv for Taiwan / Hong Kong wording).
// Every Chinese term they give must occur in the normalised text of the plans in content/plans, or it can never
// match a passage. It also checks the shape of each key (what the English reader can see of a question, and what
// OpenCC leaves of a traditional spelling), and prints each problem with its file and line. Exit code 1 on errors.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';

const contentDir = process.argv[2] ?? fileURLToPath(new URL('../../content/', import.meta.url));
const dictDir = join(contentDir, 'dict');
/** the English reader of the glossary looks at most this many words ahead (src/nlp/glossary.ts) */
const MAX_PHRASE_WORDS = 4;

interface Row {
  line: number;
  key: string;
  values: string[];
}

function rows(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter(({ text }) => text && !text.startsWith('#'))
    .map(({ text, line }) => {
      const [key = '', value = ''] = text.split('\t');
      return { line, key: key.trim(), values: value.split(/[,\uff0c]/).map((v) => v.trim()).filter(Boolean) };
    });
}

function listLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

// the same steps as the matching normaliser (src/nlp/normalize.ts): width, variants, case, punctuation to spaces
const variants = new Map(listLines(join(dictDir, 'variants.tsv')).map((l) => l.split('\t') as [string, string]));
function normalise(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKC')) {
    const c = ch.codePointAt(0)!;
    const half = c >= 0xff01 && c <= 0xff5e ? String.fromCodePoint(c - 0xfee0) : c === 0x3000 ? ' ' : ch;
    out += variants.get(half) ?? half;
  }
  return out.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

// traditional → simplified exactly as the normaliser does it: Taiwan phrases, then Hong Kong, kept words guarded.
// A regional term must be what this gives for some traditional spelling of it (cn→tw, cn→twp or cn→hk of the term),
// and no such spelling may already give the plan term (then OpenCC does the job and the entry is dead weight).
const twToCn = OpenCC.Converter({ from: 'twp', to: 'cn' });
const hkToCn = OpenCC.Converter({ from: 'hk', to: 'cn' });
const keepLines = listLines(join(dictDir, 'opencc-keep.txt')).map((l) => l.split(/\s+/).filter(Boolean));
const keep = keepLines.map((l) => l[0]!);
function toSimplified(s: string): string {
  const parts = keep.reduce<string[]>((acc, w) => acc.flatMap((p) => p.split(w).flatMap((x, i) => (i ? [w, x] : [x]))), [s]);
  return parts.map((p) => (keep.includes(p) ? p : hkToCn(twToCn(p)))).join('');
}
const spellings = [
  OpenCC.Converter({ from: 'cn', to: 'tw' }),
  OpenCC.Converter({ from: 'cn', to: 'twp' }),
  OpenCC.Converter({ from: 'cn', to: 'hk' }),
];

const planDir = join(contentDir, 'plans');
const planText = readdirSync(planDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => normalise(readFileSync(join(planDir, f), 'utf8')))
  .join('\n');
const inPlan = (term: string): boolean => planText.includes(normalise(term));
const stopwords = new Set(listLines(join(dictDir, 'stopwords.txt')).filter((w) => /^[a-z]/.test(w)));

const errors: string[] = [];
const notes: string[] = [];

// English glossary
const glossaryPath = join(dictDir, 'glossary.tsv');
const glossary = rows(glossaryPath);
const seen = new Map<string, number>();
for (const { line, key, values } of glossary) {
  const at = `glossary.tsv:${line} "${key}"`;
  if (!values.length) errors.push(`${at}: no Chinese term`);
  if (key !== key.toLowerCase()) errors.push(`${at}: key must be lower case`);
  if (!/^[a-z0-9]+(?:[ -][a-z0-9]+)*$/.test(key)) errors.push(`${at}: only letters, digits, single spaces and hyphens can be matched`);
  const words = key.split(' ');
  if (words.length > MAX_PHRASE_WORDS) errors.push(`${at}: longer than ${MAX_PHRASE_WORDS} words, never matched`);
  if (words.length === 1 && stopwords.has(key)) errors.push(`${at}: a stopword; a glossary entry would override it`);
  else if (words.length > 1 && stopwords.has(words[0]!)) notes.push(`${at}: starts with a stopword, can swallow the start of a longer phrase`);
  if (seen.has(key)) errors.push(`${at}: duplicate of line ${seen.get(key)}`);
  seen.set(key, line);
  for (const v of values) if (!inPlan(v)) errors.push(`${at}: 「${v}」 does not occur in the plan text`);
}

// regional wording
const regionalPath = join(dictDir, 'regional.tsv');
const regional = rows(regionalPath);
const seenRegional = new Map<string, number>();
for (const { line, key, values } of regional) {
  const at = `regional.tsv:${line} 「${key}」`;
  const target = values[0];
  if (!target || values.length > 1) errors.push(`${at}: expected exactly one plan term`);
  if (!target) continue;
  if (seenRegional.has(key)) errors.push(`${at}: duplicate of line ${seenRegional.get(key)}`);
  seenRegional.set(key, line);
  if (key === target) errors.push(`${at}: maps to itself`);
  // the normaliser rewrites these before it lower-cases, so a Latin letter in a term may never match
  if (/[A-Za-z]/.test(key)) errors.push(`${at}: write regional terms in Chinese characters only`);
  if (!inPlan(target)) errors.push(`${at}: plan term 「${target}」 does not occur in the plan text`);
  if (inPlan(key)) errors.push(`${at}: occurs in the plan text itself; rewriting it would change the plan's own wording`);
  const roundTrips = spellings.map((toTrad) => toSimplified(toTrad(key)));
  if (roundTrips.includes(target)) errors.push(`${at}: OpenCC already maps a traditional spelling of it to 「${target}」`);
  else if (!roundTrips.includes(key)) errors.push(`${at}: not what OpenCC leaves of any traditional spelling of it (${roundTrips.join(' ')})`);
}

// the normaliser guards a kept word in the forms opencc-keep.txt lists (it never builds cn → tw): they must hold
// every traditional spelling OpenCC gives of it
for (const [word, ...forms] of keepLines) {
  for (const toTrad of spellings) {
    const trad = toTrad(word!);
    if (trad !== word && !forms.includes(trad)) errors.push(`opencc-keep.txt: 「${word}」 needs its traditional form 「${trad}」 on its line`);
  }
}

for (const n of notes) console.log(`note: ${n}`);
for (const e of errors) console.log(`error: ${e}`);
const terms = new Set(glossary.flatMap((r) => r.values));
console.log(
  `glossary.tsv: ${glossary.length} entries, ${terms.size} distinct Chinese terms; regional.tsv: ${regional.length} entries; ${errors.length} errors`,
);
process.exitCode = errors.length ? 1 : 0;
