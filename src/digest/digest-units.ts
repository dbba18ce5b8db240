import { createHash } from 'node:crypto';
import type { Passage } from '../content/plan-schema.js';
import type { Knowledge } from '../knowledge.js';
import { translateEnglish } from '../nlp/glossary.js';
import { daysBetween } from './local-time.js';

/** One day's portion of a digest: one passage for a topic, one or two for the plan in order. */
export type DigestUnit = Passage[];

/** Two neighbouring passages share a day when together they are at most this many characters. */
const PAIR_CHARS = 240;

/** Passages worth posting: a heading whose body the excerpt leaves out says nothing on its own. */
function postable(p: Passage): boolean {
  return p.kind !== 'heading' && p.text.trim() !== '';
}

/** The passages that match a topic, best first (the same matcher and English glossary as /plan answers). */
export function topicPassages(k: Knowledge, topic: string): Passage[] {
  const en = translateEnglish(k.normalize(topic), k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords);
  const res = k.matcher.search(en.text, { extras: en.extras, limit: 100 });
  if (res.noMatch) return [];
  return res.hits.map((h) => h.passage).filter(postable);
}

/** The whole plan in document order, grouped into days of one or two passages. */
export function planUnits(k: Knowledge): DigestUnit[] {
  const planIndex = new Map(k.library.plans.map((p, i) => [p.meta.id, i]));
  const rank = (p: Passage) => (planIndex.get(p.planId) ?? 0) * 1e6 + p.order;
  const all = k.library.passages.filter(postable).sort((a, b) => rank(a) - rank(b));
  const units: DigestUnit[] = [];
  for (let i = 0; i < all.length; i++) {
    const a = all[i]!;
    const b = all[i + 1];
    if (b && b.planId === a.planId && [...a.text].length + [...b.text].length <= PAIR_CHARS) {
      units.push([a, b]);
      i += 1;
    } else units.push([a]);
  }
  return units;
}

/** A subscription's rotation: a topic's passages one a day, or the plan in order (empty topic). */
export function digestUnits(k: Knowledge, topic: string): DigestUnit[] {
  return topic ? topicPassages(k, topic).map((p) => [p]) : planUnits(k);
}

/**
 * The next unit of a rotation given the ids already sent in it: the first unit not yet (fully) sent.
 * When every unit has been sent the rotation starts over, so nothing repeats until all have gone out.
 */
export function nextUnit(units: DigestUnit[], sent: readonly string[]): { unit: DigestUnit; sent: string[] } {
  if (units.length === 0) return { unit: [], sent: [...sent] };
  const done = new Set(sent);
  const open = units.find((u) => u.some((p) => !done.has(p.id)));
  if (open) return { unit: open, sent: [...sent, ...open.map((p) => p.id).filter((id) => !done.has(id))] };
  const first = units[0]!;
  return { unit: first, sent: first.map((p) => p.id) };
}

/**
 * The unit a stateless preview shows for a date: consecutive dates walk consecutive units, starting at
 * an offset derived from the rotation itself, so N consecutive dates repeat nothing when there are N units.
 */
export function unitForDate(units: DigestUnit[], date: string): DigestUnit {
  if (units.length === 0) return [];
  const seed = createHash('sha256').update(units.map((u) => u.map((p) => p.id).join('+')).join(',')).digest().readUInt32BE(0);
  const day = daysBetween('1970-01-01', date);
  const i = (((day + seed) % units.length) + units.length) % units.length;
  return units[i]!;
}
