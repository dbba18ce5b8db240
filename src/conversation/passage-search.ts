import type { PlanElement } from '../content/plan-tree.js';
import type { Intent } from '../intents/intent.js';
import { parseMessage } from '../intents/parse-message.js';
import type { Knowledge } from '../knowledge.js';
import { stripChatMarkup } from '../nlp/chat-markup.js';
import { linkResults } from '../reply/link-results.js';
import { toResult, type ResultItem } from '../reply/reply.js';
import { elementResult } from './structure-answer.js';

/**
 * Passages for a search box outside a conversation (Teams' compose-box search, a search modal): the ranked passages
 * for a query, one page at a time, with no conversation context read or written. An empty query lists the plan's
 * outline and its 专栏, so the box shows something useful before anything is typed.
 */

/** Most passages one query ranks (the matcher keeps at most 64 candidates); pages are cut from these. */
export const SEARCH_LIMIT = 64;
/** Largest page a caller may ask for. */
export const MAX_PAGE = 25;
/** Longest query read; beyond it the text is cut (a search box sends what is typed, which is short). */
export const MAX_QUERY_CHARS = 500;

/** One page of passages and how many the query found in all. */
export interface PassagePage {
  items: ResultItem[];
  total: number;
}

export interface PageOptions {
  skip?: number;
  count?: number;
  /** PUBLIC_URL: each item is linked to its reader page */
  publicUrl?: string;
}

function page(items: ResultItem[], opts: PageOptions): PassagePage {
  const skip = Math.max(0, Math.floor(opts.skip ?? 0));
  const count = Math.min(MAX_PAGE, Math.max(1, Math.floor(opts.count ?? MAX_PAGE)));
  const shown = items.slice(skip, skip + count);
  return { items: linkResults({ results: shown }, opts.publicUrl).results, total: items.length };
}

/** What the box shows before anything is typed: the plan's parts, then its 专栏 (boxes), in order. */
function outline(k: Knowledge): ResultItem[] {
  const parts: PlanElement[] = k.library.allNodes().filter((n) => n.kind === 'part').map((node) => ({ kind: 'node', node }));
  const boxes = k.library.passages.filter((p) => p.kind === 'box').map((p) => toResult(p));
  return [...parts.map((e) => elementResult(k, e)), ...boxes];
}

/** The element a structural question names (专栏14, 第五部分, a heading), shown first before the ranked passages. */
function named(k: Knowledge, intent: Intent): ResultItem | undefined {
  if (intent.type === 'box') {
    const box = k.library.box(intent.box);
    const item = box && intent.item ? k.library.itemsOf(box.id).find((x) => x.item === intent.item) : undefined;
    const p = item ?? box;
    return p ? toResult(p) : undefined;
  }
  if (intent.type === 'part') {
    const node = k.library.part(intent.part);
    return node ? elementResult(k, { kind: 'node', node }) : undefined;
  }
  if (intent.type === 'heading') {
    const node = k.library.node(intent.nodeId);
    return node ? elementResult(k, { kind: 'node', node }) : undefined;
  }
  return undefined;
}

/** The query the matcher ranks by: a search's normalised words (typing slips corrected, English translated), or the text normalised. */
function queryOf(k: Knowledge, intent: Intent, text: string): { query: string; extras: string[] } {
  if (intent.type === 'search' || intent.type === 'switch') return { query: intent.type === 'search' ? intent.query : intent.topic, extras: intent.extras };
  if ((intent.type === 'target' || intent.type === 'boxes') && intent.topic) return { query: intent.topic, extras: [] };
  return { query: k.normalize(stripChatMarkup(text)), extras: [] };
}

/**
 * One page of the passages a search box's text finds: what a structural question names first (专栏14), then the
 * matcher's ranked passages with their highlights; nothing for an honest no-match; the outline for an empty text.
 * Synchronous and bounded (at most SEARCH_LIMIT passages ranked, MAX_QUERY_CHARS read).
 */
export function searchPassages(k: Knowledge, text: string, opts: PageOptions = {}): PassagePage {
  const typed = stripChatMarkup(text.slice(0, MAX_QUERY_CHARS)).trim();
  if (!typed) return page(outline(k), opts);
  const { intent } = parseMessage(typed, k);
  const first = named(k, intent);
  const { query, extras } = queryOf(k, intent, typed);
  const want = Math.min(SEARCH_LIMIT, Math.max(0, opts.skip ?? 0) + Math.min(MAX_PAGE, Math.max(1, opts.count ?? MAX_PAGE)));
  const res = query ? k.matcher.search(query, { extras, limit: SEARCH_LIMIT, highlight: want }) : undefined;
  const hits = res && !res.noMatch ? res.hits.map((h) => toResult(h.passage, h.highlights)) : [];
  const items = first ? [first, ...hits.filter((h) => h.id !== first.id)] : hits;
  return page(items, opts);
}
