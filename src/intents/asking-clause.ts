// The clauses of a long message: who asks and why usually come first (我在应急管理局上班,最近在做规划,…), the question
// last. These helpers find the clause that says what the question is about.
import type { Knowledge } from '../knowledge.js';
import { cleanTopic } from './clean-topic.js';
import { grammarWords } from './grammar-words.js';
import { structureVocab } from './structure-vocab.js';

const CLAUSE_END = /[,，。;；!！?？]+/;

/** A message's clauses, normalised, last first; empty for a message of one clause. */
function clausesOf(light: string, k: Knowledge): string[] {
  const clauses = light.split(CLAUSE_END).map((c) => c.trim()).filter(Boolean);
  return clauses.length < 2 ? [] : clauses.reverse().map((c) => k.normalize(c));
}

/** Whether a word of two or more characters is one the plan writes, or a synonym of its terms (跨境电商 → 数字贸易). */
function isPlanWord(w: string, k: Knowledge): boolean {
  return w.length >= 2 && (k.matcher.textHas(w) || k.lexicon.synonyms.has(w));
}

/** Whether a topic holds a word of two or more characters that the plan writes (not 写 of 是怎么写的). */
function namesPlanWord(topic: string, k: Knowledge): boolean {
  return k.cut(topic.replace(/\s+/g, '')).some((w) => isPlanWord(w, k));
}

/**
 * The clause that asks (holds the goal or box word), normalised, when it names a topic of its own
 * (…,想问一下规划里对民航有没有提目标). Undefined for one clause, or when the asking clause names no topic
 * (数字乡村,目标是什么). Chinese only: an English message is read whole, through the glossary.
 */
export function askingClause(light: string, asks: RegExp, topicOf: (normalized: string) => string, k: Knowledge): string | undefined {
  const c = clausesOf(light, k).find((x) => asks.test(x));
  if (c === undefined) return undefined;
  const topic = topicOf(c);
  return topic && namesPlanWord(topic, k) ? c : undefined;
}

/** A word this rare in general Chinese (general-idf.tsv) says what a clause is about; 政策, 要求, 安全 do not. */
const TELLING_IDF = 6.5;

/**
 * Whether a topic holds a plan word that is rare in general Chinese (跨境, 信息化), not only common ones (相关的政策)
 * or the names of the plan's own units (有没有专门的优先行动讲这个 asks about what the clause before it names).
 */
function namesTellingWord(topic: string, k: Knowledge): boolean {
  const v = structureVocab(k);
  const unitName = (w: string) => v.listTitles.has(w) || v.units.has(w);
  return k.cut(topic.replace(/\s+/g, '')).some((w) => (k.lexicon.generalIdf.get(w) ?? Infinity) >= TELLING_IDF && isPlanWord(w, k) && !unitName(w));
}

/**
 * The topic of a search question of several clauses: that of the clause naming a telling plan word and asking
 * (数据安全方面有啥要求,我们是做云服务的 → 数据安全), else naming a telling one (我是做跨境电商的,规划里有什么相关的政策
 * → 跨境电商), else asking, else the last naming any plan word; the later clause of two alike (我在应急管理局上班,
 * 想看看规划里应急信息化这块 → 应急信息化). The whole message is still what is searched; this is what the
 * conversation remembers it was about (for 有哪些重点工程, 2025年的目标呢).
 */
export function clauseTopic(light: string, k: Knowledge): string | undefined {
  const marks = grammarWords(k).askMarks;
  let best: string | undefined;
  let bestRank = -1;
  for (const c of clausesOf(light, k)) {
    const topic = cleanTopic(c, k);
    if (!topic || !namesPlanWord(topic, k)) continue;
    const rank = (namesTellingWord(topic, k) ? 2 : 0) + (marks.some((m) => c.includes(m)) ? 1 : 0);
    if (rank > bestRank) [best, bestRank] = [topic, rank];
  }
  return best;
}
