import { z } from 'zod';

/** A message as every adapter hands it to the core, whatever platform it came from. */
export const InboundMessage = z.object({
  platform: z.enum(['slack', 'teams', 'console']),
  workspace: z.string().min(1),
  conversation: z.string().min(1),
  thread: z.string().optional(),
  user: z.string().min(1),
  text: z.string(),
  messageId: z.string().min(1),
});
export type InboundMessage = z.infer<typeof InboundMessage>;
