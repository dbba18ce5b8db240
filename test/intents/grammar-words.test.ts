// The word classes of the structural grammar and the follow-up reader are data (content/dict/grammar-words.tsv):
// the reader refuses malformed lines with a stable code, a missing file leaves the classes empty without breaking
// the parser, and a word added to the file changes what the grammar reads, with no code change.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCodedError } from '../../src/errors.js';
import { buildGrammarWords } from '../../src/intents/grammar-words.js';
import { parseIntent } from '../../src/intents/parse-intent.js';
import { loadKnowledge } from '../../src/knowledge.js';
import { loadLexicon } from '../../src/nlp/lexicon.js';
import { MINI_PLAN_TEXT, makeContentDir, removeContentDirs } from '../support/fixture-content.js';
import { CONTENT_DIR } from '../support/knowledge.js';

const dirs: string[] = [];
afterAll(() => {
  removeContentDirs();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A dictionary folder holding only the given grammar-words.tsv text (or none). */
function dictWith(grammar?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-bot-dict-'));
  dirs.push(dir);
  if (grammar !== undefined) writeFileSync(join(dir, 'grammar-words.tsv'), grammar);
  return dir;
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    return isCodedError(err) ? err.code : `not coded: ${String(err)}`;
  }
  return undefined;
}

describe('grammar-words.tsv', () => {
  it('is read by kind, in file order, with comments and blank lines skipped', () => {
    const lx = loadLexicon(dictWith('# a comment\n\nswitch\t算了\nunit:box\t专栏\nswitch\tnever mind\n'));
    expect(lx.grammarWords).toEqual(new Map([['switch', ['算了', 'never mind']], ['unit:box', ['专栏']]]));
  });

  it('refuses a line without a word, with an extra column or with a malformed kind', () => {
    for (const bad of ['switch\n', 'switch\t算了\textra\n', 'Switch Words\t算了\n', 'unit:box:x\t专栏\n']) {
      expect(codeOf(() => loadLexicon(dictWith(bad))), bad).toBe('CONTENT_INVALID');
    }
  });

  it('refuses an unknown kind, an unknown unit and a number that is not one', () => {
    for (const kind of ['swtich', 'unit:chapter', 'ordinal-en:x', 'number-en:0']) {
      expect(codeOf(() => buildGrammarWords(new Map([[kind, ['w']]]))), kind).toBe('CONTENT_INVALID');
    }
  });

  it('makes every say-verb and say-what pair filler', () => {
    const g = buildGrammarWords(new Map([['filler', ['的']], ['say-verb', ['讲', '说了']], ['say-what', ['什么', '啥']]]));
    expect(g.filler).toEqual(['的', '讲什么', '讲啥', '说了什么', '说了啥']);
  });

  it('gives empty classes when the file is missing, and the parser still reads topics as topics', () => {
    expect(loadLexicon(dictWith()).grammarWords.size).toBe(0);
    const dir = makeContentDir({ 'mini-plan.txt': MINI_PLAN_TEXT });
    rmSync(join(dir, 'dict', 'grammar-words.tsv'));
    const k = loadKnowledge(dir);
    // an empty class must match nothing: were it the empty pattern, a topic ending in a unit the plan counts in
    // (工程) would read as "where is X" with no which-word at all
    expect(parseIntent('海洋牧场', k)).toMatchObject({ type: 'search' });
    expect(parseIntent('海洋牧场工程', k)).toMatchObject({ type: 'search' });
  });

  it('drives the grammar: words added to the file are read as what their kind says', () => {
    const real = loadKnowledge(makeContentDir({ 'mini-plan.txt': MINI_PLAN_TEXT }));
    expect(parseIntent('栏目3', real)).toMatchObject({ type: 'search' });
    expect(parseIntent('换换口味,讲讲海洋牧场', real)).toMatchObject({ type: 'search', query: '换换口味 讲讲海洋牧场' });
    const dir = makeContentDir({ 'mini-plan.txt': MINI_PLAN_TEXT });
    appendFileSync(join(dir, 'dict', 'grammar-words.tsv'), '\nunit:box\t栏目\nswitch\t换换口味\n');
    const k = loadKnowledge(dir);
    expect(parseIntent('栏目3', k)).toEqual({ type: 'box', box: 3 });
    expect(parseIntent('换换口味,讲讲海洋牧场', k)).toMatchObject({ type: 'search', query: '海洋牧场' });
  });

  it('is the file the repository ships: every kind it holds is one the grammar knows', () => {
    const lx = loadLexicon(join(CONTENT_DIR, 'dict'));
    expect(() => buildGrammarWords(lx.grammarWords)).not.toThrow();
    expect(lx.grammarWords.get('switch')).toContain('不说这个了');
  });
});
