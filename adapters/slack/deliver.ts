import { forLog, type Logger } from '../../src/logger.js';
import type { Reply } from '../../src/reply/reply.js';
import { renderBlockKit } from './block-kit.js';
import type { SendResult, SlackSender } from './slack-sender.js';
import type { SlackTarget } from './to-inbound.js';

/**
 * Send an answer where the user expects it: privately through the response_url when the question was private
 * (a slash command or its buttons, with 分享到频道 offered), otherwise into the channel, DM or thread.
 */
export async function deliver(sender: SlackSender, target: SlackTarget, reply: Reply, log: Logger): Promise<SendResult> {
  if (target.ephemeral) {
    if (!target.responseUrl) {
      log.warn({ code: 'no_response_url', channel: forLog(target.channel) }, 'private answer without a response_url; not sent');
      return { ok: false, code: 'no_response_url' };
    }
    return sender.respond(target.responseUrl, renderBlockKit(reply, { share: true }));
  }
  return sender.post(target.channel, renderBlockKit(reply), target.threadTs);
}
