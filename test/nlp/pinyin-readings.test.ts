// content/dict/pinyin-readings.tsv is made by `npm run dict:pinyin` from pinyin-pro (a dev dependency) and the
// content's dictionaries; the typo corrector reads characters and words through it, with no pinyin library at run time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCodedError } from '../../src/errors.js';
import { loadPinyinReadings } from '../../src/nlp/pinyin-readings.js';
import { TypoCorrector } from '../../src/nlp/typo-correction.js';
import { makeContentDir, MINI_PLAN_TEXT, removeContentDirs } from '../support/fixture-content.js';
import { thrown } from '../support/conversation.js';
import { CONTENT_DIR } from '../support/knowledge.js';
import { loadKnowledge } from '../../src/knowledge.js';
import { REPO_DIR } from '../support/plan-bot-process.js';

const TABLE = join(CONTENT_DIR, 'dict', 'pinyin-readings.tsv');
const tmp = mkdtempSync(join(tmpdir(), 'plan-bot-pinyin-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  removeContentDirs();
});

describe('content/dict/pinyin-readings.tsv', () => {
  it('is what `npm run dict:pinyin` makes from pinyin-pro and the current dictionaries, byte for byte', () => {
    const out = join(tmp, 'made.tsv');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dict/make-pinyin-readings.ts', '--out', out], { cwd: REPO_DIR, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(TABLE)), 'content/dict/pinyin-readings.tsv is not what the content makes now: run `npm run dict:pinyin` and commit the result').toBe(true);
  });

  it('gives every reading of a character, most common first, and words as they are read in context', () => {
    const r = loadPinyinReadings(TABLE);
    expect(r.of('行')).toEqual(['xing', 'hang', 'heng']);
    expect(r.of('绿')).toContain('lv');
    expect(r.of('a')).toEqual([]);
    expect(r.inContext('银行')).toEqual(['yin', 'hang']);
    // a term the table does not list whole is read through the dictionary words inside it, the rest by first readings
    expect(r.inContext('人民银行卡')).toEqual(['ren', 'min', 'yin', 'hang', 'ka']);
    expect(r.inContext('网络安全')).toEqual(['wang', 'luo', 'an', 'quan']);
    expect(r.inContext('网络a')).toBeUndefined();
  });

  it('refuses a malformed table naming the file and the line, and a missing one turns correction by sound off', () => {
    const bad = join(tmp, 'bad.tsv');
    writeFileSync(bad, '# header\n行\txing hang\n银行\tyin\n');
    const err = thrown(() => loadPinyinReadings(bad));
    expect(isCodedError(err) && err.code).toBe('CONTENT_INVALID');
    expect((err as Error).message).toContain(`${bad}:3`);
    const none = loadPinyinReadings(join(tmp, 'absent.tsv'));
    expect(none.of('行')).toEqual([]);
    const plan = {
      vocabulary: () => ['网络安全'],
      planHas: (s: string) => s === '网络安全',
      planHasBigram: (s: string) => '网络安全'.includes(s),
      isWord: () => false,
      words: (run: string) => [run],
    };
    expect(new TypoCorrector({ ...plan, readings: none }).correct('网落安全').corrections).toEqual([]);
    expect(new TypoCorrector({ ...plan, readings: loadPinyinReadings(TABLE) }).correct('网落安全')).toEqual({ text: '网络安全', corrections: [{ from: '网落安全', to: '网络安全' }] });
  });

  it('a corrupt table fails loading the content, naming the file and line, before any question is answered', () => {
    const dir = makeContentDir({ 'mini-plan.txt': MINI_PLAN_TEXT });
    writeFileSync(join(dir, 'dict', 'pinyin-readings.tsv'), '行\txing hang\n网络\twang\n');
    const err = thrown(() => loadKnowledge(dir));
    expect(isCodedError(err) && err.code).toBe('CONTENT_INVALID');
    expect((err as Error).message).toContain('pinyin-readings.tsv:2');
  });
});
