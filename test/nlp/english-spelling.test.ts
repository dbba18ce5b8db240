// An English word one letter short of a glossary word, or with two neighbouring letters swapped, is read as that
// word; real English words the rule would take for slips (content/dict/english-real-words.txt) are left alone.
import { describe, expect, it } from 'vitest';
import { englishSlip } from '../../src/nlp/english-spelling.js';
import { translateEnglish } from '../../src/nlp/glossary.js';
import { knowledge } from '../support/knowledge.js';

const lex = () => knowledge().lexicon;
const slip = (w: string) => englishSlip(w, lex().glossary, lex().stopwords, lex().englishWords);

describe('English slips', () => {
  it.each([
    ['emergncy', 'emergency'],
    ['goverment', 'government'],
    ['serivce', 'service'],
    ['secuirty', 'security'],
    ['inteligence', 'intelligence'],
    ['eldery', 'elderly'],
    ['manufactring', 'manufacturing'],
  ])('%s → %s', (typed, want) => {
    expect(slip(typed)).toBe(want);
  });

  it.each(['asking', 'affects', 'tracked', 'course', 'actors', 'during', 'going', 'emergency', 'data'])('leaves the word %s as it is', (w) => {
    expect(slip(w)).toBeUndefined();
  });

  it('reads a question with slips as the glossary terms, and without the real-word list corrects nothing', () => {
    const l = lex();
    const q = 'what dose the plan say about an emergncy comunication network';
    expect(translateEnglish(q, l.glossary, l.stopwords, l.englishWords).text).toContain('应急通信');
    expect(translateEnglish(q, l.glossary, l.stopwords).text).not.toContain('应急通信');
  });

  it('lists only words the rule would otherwise take for slips (regenerate with npm run dict:english)', () => {
    const l = lex();
    expect(l.englishWords?.size).toBeGreaterThan(100);
    const stale = [...(l.englishWords ?? [])].filter((w) => englishSlip(w, l.glossary, l.stopwords) === undefined);
    expect(stale, 'content/dict/english-real-words.txt lists words the rule leaves alone anyway: run npm run dict:english').toEqual([]);
  });
});
