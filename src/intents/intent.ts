import { z } from 'zod';

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
  z.object({ type: z.literal('search'), query: z.string(), extras: z.array(z.string()).default([]) }),
  z.object({ type: z.literal('box'), box: z.number().int(), item: z.number().int().optional() }),
  z.object({ type: z.literal('part'), part: z.number().int() }),
  z.object({ type: z.literal('heading'), nodeId: z.string() }),
  z.object({ type: z.literal('target'), topic: z.string().optional(), year: z.number().int().optional(), extras: z.array(z.string()).default([]) }),
  z.object({ type: z.literal('boxes'), topic: z.string().optional() }),
  z.object({ type: z.literal('switch'), topic: z.string(), extras: z.array(z.string()).default([]) }),
  z.object({ type: z.literal('more') }),
  z.object({ type: z.literal('expand'), n: z.number().int() }),
  z.object({ type: z.literal('open'), id: z.string() }),
  z.object({ type: z.literal('source') }),
  z.object({ type: z.literal('subscribe'), spec: SubscribeSpec }),
  z.object({ type: z.literal('unsubscribe'), topic: z.string().optional() }),
  z.object({ type: z.literal('subscriptions') }),
  z.object({ type: z.literal('invalid'), reason: z.enum(['too-long', 'no-text']), detail: z.string() }),
]);
export type Intent = z.infer<typeof Intent>;
export type SubscribeSpec = z.infer<typeof SubscribeSpec>;
