import { z } from 'zod';

/**
 * Where a conversation lives: platform, workspace or tenant, conversation, and thread where the platform has threads.
 * Its own module, so that the Store (which keys context by it) and the conversation (which owns the context) both
 * depend on it rather than on each other.
 */
export const ConversationKey = z.object({
  platform: z.string().min(1),
  workspace: z.string().min(1),
  conversation: z.string().min(1),
  thread: z.string().optional(),
});
export type ConversationKey = z.infer<typeof ConversationKey>;
