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

/**
 * Build the stripper once per lexicon. Phrases are grouped by their first character, so a question costs one
 * map lookup per character plus a startsWith per candidate (a regular expression over 200 alternatives cost
 * more than the whole ranking).
 */
export function makeFrameStripper(frames: FramePhrase[], normalize: (s: string) => string = (s) => s): (q: string) => string {
  const byFirst = new Map<string, string[]>();
  for (const f of frames) {
    const p = normalize(f.phrase).replace(/\s+/g, '');
    if (p.length < 2) continue;
    const list = byFirst.get(p[0]!) ?? [];
    if (!list.includes(p)) list.push(p);
    byFirst.set(p[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  if (byFirst.size === 0) return (q) => q;
  return (q: string) => {
    let out = '';
    let changed = false;
    for (let i = 0; i < q.length; ) {
      const list = byFirst.get(q[i]!);
      let skip = 0;
      if (list) for (const p of list) if (q.startsWith(p, i)) { skip = p.length; break; }
      if (skip) {
        out += ' ';
        i += skip;
        changed = true;
      } else out += q[i++];
    }
    return changed ? out.replace(/\s+/g, ' ').trim() : q;
  };
}
