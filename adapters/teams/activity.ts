import { z } from 'zod';

/** A channel account (user or bot) as the Bot Framework sends it. */
const Account = z.looseObject({
  id: z.string().min(1).max(500),
  name: z.string().max(500).optional(),
  aadObjectId: z.string().max(100).optional(),
  /** 'bot' for a bot's messages, 'user' (or absent) for a person's */
  role: z.string().max(50).optional(),
});

/** An at-mention entity: `text` is the `<at>…</at>` span inside the message text. */
export const MentionEntity = z.looseObject({
  type: z.literal('mention'),
  mentioned: Account,
  text: z.string().max(1000),
});

/**
 * The fields of a Bot Framework activity that plan-bot reads, validated at the boundary.
 * Everything else is passed through untouched to botbuilder.
 */
export const TeamsActivity = z.looseObject({
  type: z.string().min(1).max(100),
  /** an invoke's name (adaptiveCard/action, composeExtension/query, …) */
  name: z.string().max(200).optional(),
  id: z.string().min(1).max(500).optional(),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
  conversation: z.looseObject({
    id: z.string().min(1).max(1000),
    tenantId: z.string().max(100).optional(),
    conversationType: z.string().max(50).optional(),
  }),
  from: Account.optional(),
  recipient: Account,
  text: z.string().max(100_000).optional(),
  value: z.unknown().optional(),
  entities: z.array(z.looseObject({ type: z.string() })).max(100).optional(),
  membersAdded: z.array(Account).max(1000).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: z.string().max(100) }).optional(),
    })
    .optional(),
});
export type TeamsActivity = z.infer<typeof TeamsActivity>;

/** The data an Action.Submit button of plan-bot's cards carries; Teams returns it as activity.value. */
export const SubmitData = z.object({
  planBot: z.literal(1),
  text: z.string().min(1).max(500),
});
export type SubmitData = z.infer<typeof SubmitData>;

/** The tenant a Teams activity belongs to (our "workspace"); other channels (Emulator) fall back to the channel id. */
export function tenantOf(a: TeamsActivity): string {
  return a.channelData?.tenant?.id || a.conversation.tenantId || a.channelId;
}

/**
 * Split a Teams conversation id into the conversation and the reply chain: in channels the id of a
 * thread is `19:…@thread.tacv2;messageid=1700000000000`, and each reply chain keeps its own context.
 */
export function splitConversationId(id: string): { conversation: string; thread?: string } {
  const m = /^(.*);messageid=([^;]+)$/.exec(id);
  return m ? { conversation: m[1]!, thread: m[2]! } : { conversation: id };
}
