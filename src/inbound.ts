import { z } from 'zod';

/** A message as every adapter hands it to the core, whatever platform it came from. */
export const InboundMessage = z.object({
  platform: z.enum(['slack', 'teams', 'console', 'web']),
  workspace: z.string().min(1),
  conversation: z.string().min(1),
  thread: z.string().optional(),
  user: z.string().min(1),
  text: z.string(),
  messageId: z.string().min(1),
  /**
   * Said in a thread the bot is in without addressing it (no mention): people also talk to each other there, so a
   * message that finds nothing is left alone — no answer is wanted, and the thread's context stays as it was.
   */
  unprompted: z.boolean().optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;
