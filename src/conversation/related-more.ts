import type { Knowledge } from '../knowledge.js';
import { finish } from '../reply/finish.js';
import type { ResultItem } from '../reply/reply.js';
import { PAGE_SIZE, type Turn } from './answers.js';
import type { ConversationContext } from './context.js';
import { resultFor } from './follow-ups.js';

/** general-idf.tsv's IDF below which a word is too common to widen a topic by (新型 6.9, 数字 6.5; 智慧 7.4, 养老 7.9). */
const TELLING_IDF = 7;

/** The words of general Chinese inside a long word (应急响应 → 应急, 响应), for a topic that is one word. */
function piecesOf(k: Knowledge, word: string): string[] {
  if (word.length < 4) return [];
  const out: string[] = [];
  for (let len = word.length - 1; len >= 2; len--) for (let i = 0; i + len <= word.length; i++) if (k.lexicon.generalIdf.has(word.slice(i, i + len))) out.push(word.slice(i, i + len));
  return out;
}

/**
 * 更多 / 换一批 after the last entry of a search: rather than a dead end, the passages that hold a narrower word of the
 * topic (新型智慧城市 → 智慧城市; a topic of one word, a word inside it: 应急响应 → 应急), the rarest word in general Chinese first, that were not listed yet; undefined when there are none (the
 * topic is one short word, its words are common, or they find nothing new). The list grows by them, so 第N条 and 更多 go
 * on from there; the topic stays the one asked about, and a list widens once.
 */
export function relatedMore(k: Knowledge, ctx: ConversationContext): Turn | undefined {
  if (ctx.intent !== 'search' || !ctx.topic || ctx.related) return undefined;
  // a word general-idf.tsv does not list is rare in general Chinese: the most telling
  const idf = (w: string) => k.lexicon.generalIdf.get(w) ?? Infinity;
  // words common in general Chinese (新型, 数字, 治理) would widen to anything: only telling ones
  const cut = ctx.topic.split(/\s+/).flatMap((part) => k.cut(part));
  const words = [...new Set(cut.length === 1 ? piecesOf(k, cut[0]!) : cut)]
    .filter((w) => w.length >= 2 && w !== ctx.topic && !k.lexicon.stopwords.has(w) && idf(w) >= TELLING_IDF)
    .sort((a, b) => idf(b) - idf(a) || b.length - a.length);
  if (words.length < 1) return undefined;
  const listed = new Set(ctx.list);
  for (const word of words) {
    const res = k.matcher.search(word, { highlight: PAGE_SIZE });
    if (res.noMatch) continue;
    const fresh = res.hits.map((h) => h.passage.id).filter((id) => !listed.has(id));
    if (fresh.length === 0) continue;
    const list = [...ctx.list, ...fresh].slice(0, 200);
    const ids = list.slice(ctx.list.length, ctx.list.length + PAGE_SIZE);
    // highlighted by the narrower word; the conversation keeps its topic (那目标呢 still asks about 新型智慧城市)
    const results = ids.map((id) => resultFor(k, id, { ...ctx, topic: word })).filter((x): x is ResultItem => Boolean(x));
    const start = ctx.list.length + 1;
    const shown = ctx.list.length + ids.length;
    const remaining = list.length - shown;
    const reply = finish(
      {
        intent: 'more',
        title: `「${ctx.topic}」的 ${ctx.list.length} 条都已列出 · 相关:${word} ${start}–${shown}`,
        results,
        start,
        actions: [
          ...(remaining > 0 ? [{ type: 'more' as const, label: `更多(还有 ${remaining} 条)`, value: '更多' }] : []),
          ...results.map((_, i) => ({ type: 'expand' as const, label: `展开 ${start + i}`, value: `展开第${start + i}条` })),
        ],
      },
      `「${ctx.topic}」的 ${ctx.list.length} 条都已列出,以下是提到「${word}」的其他内容。${remaining > 0 ? '回复"更多"继续。' : ''}`,
    );
    return { reply, ctx: { ...ctx, list, shown, related: word } };
  }
  return undefined;
}
