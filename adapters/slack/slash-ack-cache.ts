import type { Reply } from '../../src/reply/reply.js';
import { renderBlockKit } from './block-kit.js';
import type { SlackMessage } from './block-types.js';
import { prepareJson } from './prepared-json.js';

/** The ack body that answers a slash command: the answer, private to the asker, with 分享到频道. */
export type SlashAck = SlackMessage & { response_type: 'ephemeral' };

/** Render a reply as the ack body of a slash command. */
export function slashAck(reply: Reply): SlashAck {
  return { response_type: 'ephemeral', ...renderBlockKit(reply, { share: true }) };
}

/**
 * The rendered and serialised ack bodies of the answers the bot remembers. The bot's answer cache hands back the
 * same frozen Reply for a repeated question, so the ack body is keyed by that object: it lives as long as the
 * bot remembers the answer, and a reply that is not frozen (could change) is rendered afresh every time.
 * A performance layer kept beside Bolt: `npm run bench:slack`, two runs on 2 shared cores (median of 5 rounds each),
 * gave 0.85× and 0.90× the bare Bolt app with it, and 0.54× and 0.56× rendering every ack and letting Bolt's
 * HTTPResponseAck stringify it (server CPU per /plan 208 and 220 µs against 343 and 327 µs; the bare app 166–193 µs).
 */
export class SlashAckCache {
  private readonly acks = new WeakMap<Reply, SlashAck>();

  /** The ack body for this reply, rendered and serialised once per remembered answer. */
  ack(reply: Reply): SlashAck {
    if (!Object.isFrozen(reply)) return slashAck(reply);
    let body = this.acks.get(reply);
    if (!body) {
      body = prepareJson(slashAck(reply));
      this.acks.set(reply, body);
    }
    return body;
  }
}
