// content/dict/jieba/ is made by `npm run dict:jieba` from nodejieba's full jieba dictionary and the content: it
// must be what the command makes from the content as it is now, and it must cut the plan's text exactly as the full
// dictionary does (the words it leaves out are only ever looked up in questions).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodejiebaSource } from '../../scripts/dict/jieba-dict-build.js';
import { loadPlans } from '../../src/content/load-content.js';
import { isCodedError } from '../../src/errors.js';
import { writeUserDict } from '../../src/knowledge.js';
import { loadLexicon } from '../../src/nlp/lexicon.js';
import { makeDisplayFixer, makeNormalizer } from '../../src/nlp/normalize.js';
import { jiebaLoadOptions } from '../../src/nlp/segmenter.js';
import { CONTENT_DIR } from '../support/knowledge.js';
import { REPO_DIR } from '../support/plan-bot-process.js';

const JIEBA_DIR = join(CONTENT_DIR, 'dict', 'jieba');
const FULL_DICT = join(nodejiebaSource().dir, 'submodules/cppjieba/dict/jieba.dict.utf8');
const tmp = mkdtempSync(join(tmpdir(), 'plan-bot-jieba-dict-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function freqs(path: string): number[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => Number(l.split(' ')[1]));
}

describe('content/dict/jieba', () => {
  it('is what `npm run dict:jieba` makes from the current content, byte for byte', () => {
    const out = join(tmp, 'made');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dict/make-jieba-dict.ts', '--out', out], { cwd: REPO_DIR, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const made = readdirSync(out).sort();
    expect(readdirSync(JIEBA_DIR).sort(), 'the files of content/dict/jieba/; run `npm run dict:jieba` and commit the result').toEqual(made);
    for (const name of made) {
      const same = readFileSync(join(out, name)).equals(readFileSync(join(JIEBA_DIR, name)));
      expect(same, `content/dict/jieba/${name} is not what the content makes now: run \`npm run dict:jieba\` and commit the result`).toBe(true);
    }
  });

  it('is much smaller than the full dictionary, yet keeps its frequency total and its rarest weight', () => {
    const small = freqs(join(JIEBA_DIR, 'segment.dict.utf8'));
    const full = freqs(FULL_DICT);
    expect(small.length).toBeLessThan(full.length / 5);
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(sum(small)).toBe(sum(full));
    expect(Math.min(...small)).toBe(full.reduce((m, f) => Math.min(m, f), Infinity));
  });

  it('cuts every text of the plan exactly as the full dictionary does (ordinary, without HMM, and for the index)', () => {
    const lexicon = loadLexicon(join(CONTENT_DIR, 'dict'));
    const tables = { variants: lexicon.variants, keep: lexicon.keep, keepForms: lexicon.keepForms, regional: lexicon.regional };
    const normalize = makeNormalizer(tables);
    const plans = loadPlans(join(CONTENT_DIR, 'plans'), makeDisplayFixer(tables));
    // the strings the matcher and the typo corrector cut: each passage's title, path and text, normalised
    const texts = plans.flatMap((p) => p.passages.flatMap((x) => [x.title, x.path.join(' '), x.text])).map(normalize);
    expect(texts.length).toBeGreaterThan(100);
    const options = jiebaLoadOptions({ jiebaDir: JIEBA_DIR, userDict: writeUserDict(lexicon) });
    const jieba = createRequire(import.meta.url)('nodejieba') as {
      load(o: Record<string, string>): void;
      cut(s: string, hmm: boolean): string[];
      cutForSearch(s: string, hmm: boolean): string[];
    };
    const cutAll = () => texts.map((t) => [jieba.cut(t, true), jieba.cut(t, false), jieba.cutForSearch(t, true)].map((ws) => ws.join('/')));
    jieba.load({ ...options, dict: FULL_DICT });
    const withFull = cutAll();
    jieba.load(options);
    const withSmall = cutAll();
    const differ = texts.filter((_, i) => withFull[i]!.join('\n') !== withSmall[i]!.join('\n'));
    expect(differ, 'plan texts the small dictionary cuts differently').toEqual([]);
  });

  it('names the command that makes it when a content folder has none', () => {
    let err: unknown;
    try {
      jiebaLoadOptions({ jiebaDir: join(tmp, 'no-such-dir'), userDict: join(tmp, 'user.txt') });
    } catch (e) {
      err = e;
    }
    expect(isCodedError(err, 'CONTENT_NOT_FOUND')).toBe(true);
    expect((err as Error).message).toContain('npm run dict:jieba');
  });
});
