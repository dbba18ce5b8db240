import type { Passage } from '../content/plan-schema.js';
import type { Knowledge } from '../knowledge.js';

/**
 * Whether a passage speaks of the topic: every word of it whole (as typed or as a synonym), or a long word's
 * two-character pieces close together (社会治安 in 加强社会安全…治安), not scattered over the passage.
 */
export function namesTopic(k: Knowledge, p: Passage, topic: string): boolean {
  return topicNamer(k, topic)(p);
}

/** Each passage's normalised title, path and text, as namesTopic searches them (worked out once per passage). */
const hays = new WeakMap<Passage, string>();

function hayOf(k: Knowledge, p: Passage): string {
  let hay = hays.get(p);
  if (hay === undefined) hays.set(p, (hay = k.normalize(`${p.title} ${p.path.join(' ')} ${p.text}`).replace(/\s+/g, '')));
  return hay;
}

/** namesTopic for one topic and many passages: the topic's concepts are worked out once. */
export function topicNamer(k: Knowledge, topic: string): (p: Passage) => boolean {
  const concepts = k.matcher.concepts(k.normalize(topic)).filter((c) => c.counts);
  if (concepts.length === 0) return () => false;
  return (p) => {
    const hay = hayOf(k, p);
    return concepts.every((c) => c.alts.some((a) => hay.includes(a.text)) || piecesNear(hay, c.text));
  };
}

/** Whether every two-character piece of a word of four or more characters occurs within a short span of the text. */
function piecesNear(hay: string, word: string): boolean {
  if (word.length < 4) return false;
  const pieces: string[] = [];
  for (let i = 0; i + 1 < word.length; i += 2) pieces.push(word.slice(i, i + 2));
  const span = word.length * 4;
  for (let at = hay.indexOf(pieces[0]!); at >= 0; at = hay.indexOf(pieces[0]!, at + 1)) {
    const window = hay.slice(Math.max(0, at - span), at + span);
    if (pieces.every((x) => window.includes(x))) return true;
  }
  return false;
}
