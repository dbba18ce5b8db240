import { z } from 'zod';
import { forLog } from '../../src/logger.js';
import { clipText } from '../../src/reply/clip.js';
import { parsePassageUrl } from '../../src/reply/passage-link.js';
import { passageResult } from '../../src/reply/passage-result.js';
import { renderBlockKit } from './block-kit.js';
import type { Block } from './block-types.js';
import { senderOf, type ListenerDeps } from './listener-deps.js';
import { MessageTs, SlackId } from './payloads.js';
import { slackErrorCode } from './slack-sender.js';

/** Longest passage text an unfurl shows: a preview under the link, the page has the rest. */
const UNFURL_TEXT = 600;

/** link_shared: links posted in a channel (or typed in the composer) whose domain the manifest's unfurl_domains lists. */
export const LinkSharedEvent = z.looseObject({
  type: z.literal('link_shared'),
  channel: z.string().min(1).max(100),
  message_ts: z.string().max(100).optional(),
  unfurl_id: z.string().max(200).optional(),
  source: z.enum(['composer', 'conversations_history']).optional(),
  user: SlackId.optional(),
  links: z.array(z.looseObject({ url: z.string().min(1).max(4000), domain: z.string().max(300).optional() })).max(50),
});
export type LinkSharedEvent = z.infer<typeof LinkSharedEvent>;

/** The unfurls of a link_shared event: each of its links that is one of our passage pages → that passage as blocks. */
export function unfurlsFor(deps: Pick<ListenerDeps, 'knowledge' | 'publicUrl'>, links: { url: string }[]): Record<string, { blocks: Block[] }> {
  const unfurls: Record<string, { blocks: Block[] }> = {};
  if (!deps.publicUrl) return unfurls;
  for (const { url } of links) {
    const address = parsePassageUrl(deps.publicUrl, url);
    const item = address && passageResult(deps.knowledge, address.passageId, deps.publicUrl);
    if (!item || unfurls[url]) continue;
    const preview = { ...item, text: clipText(item.text, UNFURL_TEXT) };
    unfurls[url] = { blocks: renderBlockKit({ intent: 'unfurl', text: item.title, results: [preview] }, { buttons: false }).blocks };
  }
  return unfurls;
}

/**
 * link_shared: one chat.unfurl for the event carrying our passage links only (another site's link, or a passage an
 * older edition had, is left to Slack). A composer preview is addressed by unfurl_id and source, a posted message by
 * channel and ts.
 */
export async function unfurlLinks(deps: ListenerDeps, event: unknown, context: Record<string, unknown>): Promise<void> {
  const parsed = LinkSharedEvent.safeParse(event);
  if (!parsed.success) {
    deps.log.warn({ problem: forLog(parsed.error.issues[0]?.message) }, 'malformed link_shared ignored');
    return;
  }
  const e = parsed.data;
  const unfurls = unfurlsFor(deps, e.links);
  if (Object.keys(unfurls).length === 0) return;
  const where = e.unfurl_id && e.source ? { unfurl_id: e.unfurl_id, source: e.source } : MessageTs.safeParse(e.message_ts).success ? { channel: e.channel, ts: e.message_ts! } : undefined;
  if (!where) {
    deps.log.warn({ code: 'no_message_ts' }, 'link_shared without a message ts or unfurl_id; not unfurled');
    return;
  }
  try {
    await senderOf(deps, context).client.chat.unfurl({ ...where, unfurls } as never);
  } catch (err) {
    deps.log.error({ code: slackErrorCode(err), err: forLog((err as Error).message) }, 'slack chat.unfurl failed');
  }
}
