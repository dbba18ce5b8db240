import { z } from 'zod';

/** What a conversation remembers between turns; versioned so an old or corrupt value reads as "no context". */
export const ConversationContext = z.object({
  v: z.literal(1),
  /** the last answered intent type (search, target, boxes, box, heading, part, open …) */
  intent: z.string(),
  topic: z.string().optional(),
  extras: z.array(z.string()).optional(),
  year: z.number().int().optional(),
  /** ids of the current list, for 更多 and 第N条 */
  list: z.array(z.string()).max(200),
  /** how many of `list` have been shown */
  shown: z.number().int().nonnegative(),
  /** the box whose items `list` holds, when the last list was a box */
  boxId: z.string().optional(),
  /** the passage last shown on its own (for 出处) */
  focus: z.string().optional(),
  /** the previous topic, so a new topic can carry over the question type */
  updatedAt: z.number().int(),
});
export type ConversationContext = z.infer<typeof ConversationContext>;
