import { z } from 'zod';
import { DETAIL_NEEDS } from './grammar-words.js';
import { StructRef, UnitKey } from './structure-ref-types.js';

/** A subscription request as typed: topic, time of day, weekdays only, time zone. */
export const SubscribeSpec = z.object({
  topic: z.string().optional(),
  time: z.string().optional(),
  weekdays: z.boolean().optional(),
  tz: z.string().optional(),
});

/** What a message asks for, in platform-neutral terms; follow-ups are resolved against the conversation's context. */
export const Intent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('help') }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('outline') }),
  z.object({ type: z.literal('search'), query: z.string(), extras: z.array(z.string()).default([]), topic: z.string().optional(), offTopic: z.literal(true).optional(), detail: z.enum(DETAIL_NEEDS).optional() }),
  z.object({ type: z.literal('box'), box: z.number().int(), item: z.number().int().optional() }),
  z.object({ type: z.literal('part'), part: z.number().int() }),
  z.object({ type: z.literal('heading'), nodeId: z.string() }),
  z.object({ type: z.literal('target'), topic: z.string().optional(), overall: z.literal(true).optional(), year: z.number().int().optional(), extras: z.array(z.string()).default([]) }),
  z.object({ type: z.literal('boxes'), topic: z.string().optional() }),
  z.object({ type: z.literal('switch'), topic: z.string(), extras: z.array(z.string()).default([]) }),
  /** 更多 / 换一批: the next page of the last list (back: 上一页, the page before) */
  z.object({ type: z.literal('more'), back: z.literal(true).optional() }),
  /** 上一级 / go up: what holds the element in focus (its box, section or part) */
  z.object({ type: z.literal('up') }),
  /** the N-th entry of the list in view (from its end with fromEnd: 最后一个, 倒数第二条) */
  z.object({ type: z.literal('expand'), n: z.number().int(), fromEnd: z.literal(true).optional() }),
  /** 下一条 / 上一个 / next / previous: relative to the item in focus (in a unit: 下一个专栏); with nothing in focus, next is the next page */
  z.object({ type: z.literal('step'), d: z.number().int(), unit: UnitKey.optional() }),
  /** 回到刚才那个话题 / 前面量子那个 / go back: an earlier topic of this conversation, by a word of it or the last one */
  z.object({ type: z.literal('back'), word: z.string().optional(), oldest: z.literal(true).optional() }),
  /** any other structural reference: 第四部分第二节, 专栏十三的最后一项, 一共有几个优先行动 */
  z.object({ type: z.literal('struct'), ref: StructRef }),
  /** X 在第几部分 / 属于哪一节 / 在哪个专栏: the place of X (no subject: the conversation's focus) */
  z.object({ type: z.literal('where'), subject: z.string().optional(), ref: StructRef.optional(), unit: UnitKey.optional() }),
  /** 那里面讲X的呢 / 这部分里关于X的内容 / anything on X in there: X within what the conversation last showed */
  z.object({ type: z.literal('within'), topic: z.string() }),
  z.object({ type: z.literal('open'), id: z.string() }),
  z.object({ type: z.literal('source') }),
  z.object({ type: z.literal('subscribe'), spec: SubscribeSpec }),
  z.object({ type: z.literal('unsubscribe'), topic: z.string().optional() }),
  z.object({ type: z.literal('subscriptions') }),
  /** 状态 / status: this channel's digests, their last delivery and failure, and whether the bot can post here */
  z.object({ type: z.literal('status') }),
  z.object({ type: z.literal('invalid'), reason: z.enum(['too-long', 'no-text']), detail: z.string() }),
]);
export type Intent = z.infer<typeof Intent>;
export type SubscribeSpec = z.infer<typeof SubscribeSpec>;
