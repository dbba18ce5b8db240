import { LIST_SNIPPET, snippet } from './clip.js';
import { displayNumber, type Reply, type ResultItem, type Suggestion } from './reply.js';

/**
 * The one walk over a Reply's parts that every renderer maps: plain text, terminal, Block Kit and Adaptive Cards
 * each turn these fields into their own syntax (and escape them their own way), and decide nothing else.
 */

/** One result as it is shown: its number, title, breadcrumb, the text under the title, and its note. */
export interface ResultView {
  item: ResultItem;
  /** the number shown before it (what 第N条 refers to), or undefined when it is shown unnumbered */
  n: number | undefined;
  title: string;
  path: readonly string[];
  /** the text shown under the title: whole, or a snippet around the first highlight; '' when it would only repeat the title */
  body: string;
  note: string | undefined;
  highlights: readonly string[] | undefined;
}

/** A Reply's parts in reading order: title, notice, results, footer, suggested next questions. */
export interface ReplyView {
  title: string | undefined;
  notice: string | undefined;
  results: ResultView[];
  footer: string | undefined;
  /** the suggested next questions, in order ([] when there are none) */
  suggestions: readonly Suggestion[];
}

/** The lead of the suggestions line in text renderings (each renderer shows the labels after it). */
export const SUGGESTIONS_LEAD = '接着可以问:';

export interface ViewOptions {
  /** show each result's text whole (default: only when there is exactly one result) */
  full?: boolean;
  /** longest text shown per result otherwise (default LIST_SNIPPET) */
  snippet?: number;
}

/** Walk a Reply once: number its results, choose whole text or snippet, and drop a body that repeats its title. */
export function viewReply(reply: Omit<Reply, 'text'>, opts: ViewOptions = {}): ReplyView {
  const full = opts.full ?? reply.results.length === 1;
  return {
    title: reply.title,
    notice: reply.notice,
    results: reply.results.map((item, i) => {
      const text = full ? item.text : snippet(item, opts.snippet ?? LIST_SNIPPET);
      return {
        item,
        n: displayNumber(reply, i),
        title: item.title,
        path: item.path,
        body: text && text !== item.title ? text : '',
        note: item.note,
        highlights: item.highlights,
      };
    }),
    footer: reply.footer,
    suggestions: reply.suggestions ?? [],
  };
}
