import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';

/** The Store name of the record that plan-bot has answered in one reply chain of a channel. */
export function replyChainName(conversation: string, chain: string): string {
  return `teams-chain:${conversation};${chain}`;
}

/**
 * The channel reply chains plan-bot has answered in, so that a follow-up there needs no @mention (Teams delivers
 * every channel message through the ChannelMessage.Read.Group resource-specific consent). Each record lives as
 * long as a conversation context (CONTEXT_TTL_SECONDS) and every answer in the chain refreshes it: when the
 * chain's context is gone, a plain message there is no longer taken as a question. One SET EX per answer, one
 * GET per plain channel message.
 */
export class ReplyChains {
  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly ttlSeconds: number,
  ) {}

  /** Remember (or refresh) that the bot answered in this chain; a failing store is logged, never thrown. */
  async remember(conversation: string, chain: string): Promise<void> {
    try {
      await this.store.setValue(replyChainName(conversation, chain), 1, this.ttlSeconds);
    } catch (err) {
      this.log.warn({ err: forLog((err as Error).message), conversation: forLog(conversation) }, 'could not record the Teams reply chain');
    }
  }

  /** Whether the bot has answered in this chain within the TTL; a failing store reads as no (stay silent). */
  async has(conversation: string, chain: string): Promise<boolean> {
    try {
      return (await this.store.getValue(replyChainName(conversation, chain))) === 1;
    } catch (err) {
      this.log.warn({ err: forLog((err as Error).message), conversation: forLog(conversation) }, 'could not read the Teams reply chain record');
      return false;
    }
  }
}
