import { z } from 'zod';

/** How many earlier topics a conversation remembers, for 回到刚才那个话题 / go back. */
export const MAX_TOPICS = 5;
/** How many list entries an earlier topic keeps (its first pages); the current topic keeps its whole list. */
export const MAX_TOPIC_LIST = 30;

/** One topic of a conversation: the answer's intent, its topic words, and the list it showed. */
export const TopicState = z.object({
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
  /** the element last shown on its own (for 出处, 下一条, 这个属于哪个专栏) */
  focus: z.string().optional(),
  /** the narrower word 更多 widened the list with once it was all shown (新型智慧城市 → 智慧城市); it widens only once */
  related: z.string().max(100).optional(),
});
export type TopicState = z.infer<typeof TopicState>;

/**
 * What a conversation remembers between turns; versioned so a corrupt or unknown value reads as "no context".
 * `history` was added within v1 as an optional field, so a value stored before it still reads (with no history).
 */
export const ConversationContext = TopicState.extend({
  v: z.literal(1),
  /** earlier topics, most recent first, so a conversation can go back to one */
  history: z.array(TopicState.extend({ list: z.array(z.string()).max(MAX_TOPIC_LIST) })).max(MAX_TOPICS).optional(),
  updatedAt: z.number().int(),
});
export type ConversationContext = z.infer<typeof ConversationContext>;
