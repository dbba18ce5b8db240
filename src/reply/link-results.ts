import { passageUrl } from './passage-link.js';
import type { Reply } from './reply.js';

/**
 * The reply with each result linked to its reader page under PUBLIC_URL (ResultItem.url), so that every renderer
 * (Block Kit, Adaptive Cards, web chat, terminal) can cite a passage with a link and none has to know the URL shape.
 * A result whose id has no page (not plan:local) stays unlinked; without a PUBLIC_URL the reply is returned as it is.
 */
export function linkResults<R extends Pick<Reply, 'results'>>(reply: R, publicUrl: string | undefined): R {
  if (!publicUrl || reply.results.length === 0) return reply;
  return {
    ...reply,
    results: reply.results.map((item) => {
      const url = passageUrl(publicUrl, item.id);
      return url ? { ...item, url } : item;
    }),
  };
}
