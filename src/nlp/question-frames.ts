/**
 * Question frames, speaker context and discourse words ("规划里怎么说", "我们单位", "不说这个了") are data in
 * content/dict/question-frames.tsv; this turns them into one stripper that removes them from a normalised
 * question, longest phrase first, so that only the words a question is about are matched and weighed.
 */

/** One line of question-frames.tsv: the kind of words (frame, source, discourse, polite) and the phrase. */
export interface FramePhrase {
  kind: string;
  phrase: string;
}

/** Build the stripper once per lexicon: one regular expression over every phrase, longest first. */
export function makeFrameStripper(frames: FramePhrase[], normalize: (s: string) => string = (s) => s): (q: string) => string {
  const phrases = [...new Set(frames.map((f) => normalize(f.phrase).replace(/\s+/g, '')).filter((p) => p.length >= 2))];
  if (phrases.length === 0) return (q) => q;
  phrases.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const re = new RegExp(phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (q: string) => {
    if (!q) return q;
    const out = q.replace(re, ' ').replace(/\s+/g, ' ').trim();
    return out;
  };
}
