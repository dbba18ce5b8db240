import { renderPlainText } from './render-text.js';
import type { Reply } from './reply.js';

/** Build a Reply with its plain-text rendering, so every handler's answer carries the same `text`. */
export function finish(r: Omit<Reply, 'text' | 'footer'>, footer?: string): Reply {
  const withFooter = footer ? { ...r, footer } : r;
  return { ...withFooter, text: renderPlainText(withFooter, { full: r.results.length === 1 }) };
}
