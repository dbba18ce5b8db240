import type { Knowledge } from '../knowledge.js';

/** The topic words of a phrase: jieba words without question frames, stopwords or question words, joined. */
export function cleanTopic(s: string, k: Knowledge): string {
  const n = k.matcher.stripFrames(k.normalize(s));
  if (!n) return '';
  const words: string[] = [];
  for (const part of n.split(' ')) {
    if (/^[a-z0-9]+$/.test(part)) {
      if (!k.lexicon.stopwords.has(part)) words.push(part);
      continue;
    }
    words.push(k.cut(part).filter((w) => !k.lexicon.stopwords.has(w)).join(''));
  }
  return words.filter(Boolean).join(' ').trim();
}
