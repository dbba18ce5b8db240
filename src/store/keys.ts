import type { ConversationKey } from '../conversation-key.js';
import type { ChannelRef, UserRef } from './subscription.js';

/** Escape a key part so that ':' inside ids (Teams conversation ids have them) cannot collide with the separator. */
function part(s: string): string {
  return encodeURIComponent(s);
}

/** Every Redis key plan-bot uses, built in one place under one prefix. */
export class Keys {
  constructor(readonly prefix: string) {}

  /** plan-bot:ctx:{platform}:{workspace}:{conversation}[:{thread}] */
  context(k: ConversationKey): string {
    return `${this.prefix}ctx:${this.conversationParts(k)}`;
  }

  /** plan-bot:ctxe:…: the contexts a conversation's context replaced (a list, most recent first), under the same parts. */
  earlierContexts(k: ConversationKey): string {
    return `${this.prefix}ctxe:${this.conversationParts(k)}`;
  }

  /** plan-bot:thr:…: the marker of a thread the bot has answered in (its follow-ups need no mention), under the context's parts. */
  botThread(k: ConversationKey): string {
    return `${this.prefix}thr:${this.conversationParts(k)}`;
  }

  /** A claim-once key (dedup of platform retries). */
  claim(id: string): string {
    return `${this.prefix}claim:${id}`;
  }

  /** One subscription's record (JSON string). */
  subscription(id: string): string {
    return `${this.prefix}sub:${part(id)}`;
  }

  /** The set of subscription ids of one channel: listing a channel reads only this and its records. */
  channel(c: ChannelRef): string {
    return `${this.prefix}chan:${part(c.platform)}:${part(c.workspace)}:${part(c.conversation)}`;
  }

  /** The set of subscription ids a user set up (createdBy): their home tab reads only this and its records. */
  user(u: UserRef): string {
    return `${this.prefix}usr:${part(u.platform)}:${part(u.workspace)}:${part(u.user)}`;
  }

  /** The due index: a sorted set of subscription ids scored by when a delivery pass should next look (ms). */
  due(): string {
    return `${this.prefix}due`;
  }

  /** A subscription's delivery record (hash): cursor, last date sent, lease deadline. */
  delivery(subscriptionId: string): string {
    return `${this.prefix}dlv:${part(subscriptionId)}`;
  }

  /** A subscription's delivery log (list, newest first, at most DELIVERY_LOG_SIZE attempts). */
  deliveryLog(subscriptionId: string): string {
    return `${this.prefix}dlog:${part(subscriptionId)}`;
  }

  /** A digest runner's heartbeat (expires unless the living runner refreshes it); delivery leases name it. */
  runner(id: string): string {
    return `${this.prefix}runner:${part(id)}`;
  }

  /** The data epoch: a marker written once per data set; when it is gone, Redis lost its data (data-epoch.ts). */
  epoch(): string {
    return `${this.prefix}epoch`;
  }

  /** A stored value that is not a context, subscription or cursor (conversation references and the like). */
  value(name: string): string {
    return `${this.prefix}val:${part(name)}`;
  }

  /** One app installation (JSON; its tokens sealed, see installation.ts). */
  installation(id: string): string {
    return `${this.prefix}inst:${part(id)}`;
  }

  /** The set of installation ids: listing and counting installations reads only this and their records. */
  installations(): string {
    return `${this.prefix}insts`;
  }

  /**
   * A workspace's conversations index: a sorted set of the context parts (platform:workspace:conversation[:thread])
   * of its contexts and thread markers, scored by when they expire (ms), so an uninstall deletes exactly that
   * workspace's keys without scanning the key space.
   */
  workspaceConversations(platform: string, workspace: string): string {
    return `${this.prefix}wsconv:${part(platform)}:${part(workspace)}`;
  }

  /** The parts a conversation's keys share (after ctx:, ctxe:, thr:): the member of its workspace's index. */
  conversationParts(k: ConversationKey): string {
    const base = `${part(k.platform)}:${part(k.workspace)}:${part(k.conversation)}`;
    return k.thread ? `${base}:${part(k.thread)}` : base;
  }

  /** The three keys of a conversation, from its parts as the workspace index holds them. */
  conversationKeysOf(parts: string): string[] {
    return [`${this.prefix}ctx:${parts}`, `${this.prefix}ctxe:${parts}`, `${this.prefix}thr:${parts}`];
  }

  /** The set of a workspace's subscription ids (an uninstall deactivates them all). */
  workspaceSubscriptions(platform: string, workspace: string): string {
    return `${this.prefix}wsub:${part(platform)}:${part(workspace)}`;
  }

  /** Before issue 10: the one hash of every subscription (field = id); migrated on open, see legacy-subscriptions.ts. */
  legacySubscriptions(): string {
    return `${this.prefix}subs`;
  }

  /** Where the legacy hash is kept after its migration, as a backup. */
  legacySubscriptionsBackup(): string {
    return `${this.prefix}subs:migrated-v1`;
  }

  /** Before issue 10: a subscription's cursor as a string key of its own. */
  legacyCursor(subscriptionId: string): string {
    return `${this.prefix}cursor:${part(subscriptionId)}`;
  }
}
