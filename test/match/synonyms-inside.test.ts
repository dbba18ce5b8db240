// A word the plan never writes and the synonyms do not list, but which holds a colloquial word they do (银发族 holds
// 银发), is searched through that word's synonyms; a word holding a plan word (量子力学 holds 量子) is not.
import { describe, expect, it } from 'vitest';
import { knowledge } from '../support/knowledge.js';

const alts = (q: string) => {
  const k = knowledge();
  return k.matcher.concepts(k.normalize(q)).map((c) => [c.text, c.alts.map((a) => a.text)]);
};

describe('synonyms inside a longer word', () => {
  it('银发族 reads as 银发: 养老, 老年人', () => {
    expect(alts('银发族')).toEqual([['银发族', ['银发族', '养老', '老年人']]]);
  });

  it('a word holding a word the plan writes keeps to itself, and stays no match', () => {
    const k = knowledge();
    expect(alts('量子力学')[0]![1]).toEqual(['量子力学']);
    expect(k.matcher.search(k.normalize('量子力学')).noMatch).toBe(true);
  });

  it('a word the synonyms list is read through its own entry', () => {
    expect(alts('禁渔')).toEqual([['禁渔', ['禁渔', '禁捕', '水生生物']]]);
  });
});
