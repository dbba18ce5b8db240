import type { Reply } from '../../src/reply/reply.js';
import { renderBlockKit } from './block-kit.js';
import { prepareJson } from './prepared-json.js';

/** How many distinct rendered answers are kept; popular questions repeat, the rest age out (least recently used). */
const MAX_ENTRIES = 512;

type SlashAck = { response_type: 'ephemeral'; text: string; blocks: unknown[] };

/** Everything the Block Kit rendering of a reply depends on, as one string. */
function keyOf(r: Reply): string {
  let key = `${r.intent}\u0001${r.title ?? ''}\u0001${r.notice ?? ''}\u0001${r.footer ?? ''}\u0001${r.start ?? ''}\u0001${r.text}`;
  for (const x of r.results) key += `\u0002${x.id}\u0003${x.kind}\u0003${x.title}\u0003${x.text}\u0003${x.path.join('\u0004')}\u0003${x.highlights?.join('\u0004') ?? ''}\u0003${x.note ?? ''}\u0003${x.n ?? ''}`;
  for (const a of r.actions ?? []) key += `\u0005${a.type}\u0003${a.label}\u0003${a.value}`;
  return key;
}

/**
 * The slash-command ack bodies of recent answers, rendered and serialised once: answering in the ack body is
 * what keeps /plan fast, and rendering plus serialising a full Block Kit answer costs more than finding it.
 */
export class SlashAckCache {
  private readonly entries = new Map<string, SlashAck>();
  /** the same Reply object again (the bot reuses the turns of repeated questions): no key to build */
  private readonly byReply = new WeakMap<Reply, SlashAck>();

  constructor(private readonly max = MAX_ENTRIES) {}

  /** The ephemeral ack body for this reply, with the 分享到频道 button. */
  ack(reply: Reply): SlashAck {
    // no cache: nothing is shared, so there is nothing to serialise ahead or freeze
    if (this.max === 0) return { response_type: 'ephemeral' as const, ...renderBlockKit(reply, { share: true }) };
    const same = this.byReply.get(reply);
    if (same) return same;
    const key = keyOf(reply);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      if (Object.isFrozen(reply)) this.byReply.set(reply, hit);
      return hit;
    }
    const body = prepareJson({ response_type: 'ephemeral' as const, ...renderBlockKit(reply, { share: true }) });
    this.entries.set(key, body);
    // only a frozen reply is certain to render the same next time it is seen
    if (Object.isFrozen(reply)) this.byReply.set(reply, body);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return body;
  }
}
