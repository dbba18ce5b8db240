import { z } from 'zod';
import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';
import { splitConversationId, tenantOf, type TeamsActivity } from './activity.js';

/**
 * What a proactive post (the daily digest) needs to reach a Teams conversation: the Bot Framework
 * ConversationReference, without the activity id (a digest starts a new post, it does not reply).
 * In channels the conversation is the channel itself, not the reply chain the bot was asked in.
 */
export const TeamsReference = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({
    id: z.string().min(1),
    tenantId: z.string().optional(),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
    name: z.string().optional(),
  }),
  bot: z.looseObject({ id: z.string().min(1), name: z.string().optional() }),
  user: z.looseObject({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() }).optional(),
  locale: z.string().optional(),
});
export type TeamsReference = z.infer<typeof TeamsReference>;

/** The Store name of a conversation's reference: found by tenant (the InboundMessage workspace) and conversation. */
export function referenceName(tenant: string, conversation: string): string {
  return `teams-ref:${tenant}:${conversation}`;
}

/** Build the reference to keep for the conversation an activity came from. */
export function referenceOf(a: TeamsActivity): TeamsReference {
  const conv = a.conversation as TeamsActivity['conversation'] & { isGroup?: boolean; name?: string };
  const locale = (a as { locale?: unknown }).locale;
  return {
    channelId: a.channelId,
    serviceUrl: a.serviceUrl,
    conversation: {
      id: splitConversationId(a.conversation.id).conversation,
      tenantId: tenantOf(a),
      ...(conv.conversationType ? { conversationType: conv.conversationType } : {}),
      ...(typeof conv.isGroup === 'boolean' ? { isGroup: conv.isGroup } : {}),
      ...(typeof conv.name === 'string' ? { name: conv.name } : {}),
    },
    bot: { id: a.recipient.id, ...(a.recipient.name ? { name: a.recipient.name } : {}) },
    ...(a.from ? { user: { id: a.from.id, ...(a.from.name ? { name: a.from.name } : {}), ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}) } } : {}),
    ...(typeof locale === 'string' ? { locale } : {}),
  };
}

/** Read a saved reference (null when none, or when the stored value is not a valid reference). */
export async function loadReference(store: Store, tenant: string, conversation: string): Promise<TeamsReference | null> {
  const r = TeamsReference.safeParse(await store.getValue(referenceName(tenant, conversation)));
  return r.success ? r.data : null;
}

/**
 * Saves conversation references in the Store as conversations talk to the bot, each with a TTL that every
 * activity of the conversation refreshes: a conversation that goes quiet for the whole TTL is forgotten (a
 * subscription keeps its own copy of the reference, so its digests still go out). One SET EX per activity.
 */
export class ReferenceKeeper {
  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly ttlSeconds: number,
  ) {}

  /** Save (and refresh the TTL of) the reference of the activity's conversation; a failing store is logged, never thrown. */
  async save(a: TeamsActivity): Promise<void> {
    const ref = referenceOf(a);
    const name = referenceName(tenantOf(a), ref.conversation.id);
    try {
      await this.store.setValue(name, ref, this.ttlSeconds);
    } catch (err) {
      this.log.warn({ err: forLog((err as Error).message), conversation: forLog(ref.conversation.id) }, 'could not save the Teams conversation reference');
    }
  }
}
