import type { ConversationKey } from '../conversation-key.js';

/** Escape a key part so that ':' inside ids (Teams conversation ids have them) cannot collide with the separator. */
function part(s: string): string {
  return encodeURIComponent(s);
}

/** Every Redis key plan-bot uses, built in one place under one prefix. */
export class Keys {
  constructor(readonly prefix: string) {}

  /** plan-bot:ctx:{platform}:{workspace}:{conversation}[:{thread}] */
  context(k: ConversationKey): string {
    const base = `${this.prefix}ctx:${part(k.platform)}:${part(k.workspace)}:${part(k.conversation)}`;
    return k.thread ? `${base}:${part(k.thread)}` : base;
  }

  /** A claim-once key (dedup of platform retries, digest deliveries). */
  claim(id: string): string {
    return `${this.prefix}claim:${id}`;
  }

  /** The hash of all subscriptions, field = subscription id. */
  subscriptions(): string {
    return `${this.prefix}subs`;
  }

  /** A subscription's digest cursor. */
  cursor(subscriptionId: string): string {
    return `${this.prefix}cursor:${part(subscriptionId)}`;
  }

  /** A stored value that is not a context, subscription or cursor (conversation references and the like). */
  value(name: string): string {
    return `${this.prefix}val:${part(name)}`;
  }
}
