import { z } from 'zod';

/**
 * A unit a reference counts in: the kinds every plan has (part, section, box, item), or `members:<node id>` for a
 * collection the plan names itself (优先行动's actions, 主攻方向's directions), derived from the loaded tree.
 */
export const UnitKey = z.string().regex(/^(part|section|box|item|members:.+)$/);
export type UnitKey = z.infer<typeof UnitKey>;

/** How one element is picked out of a collection. */
export const Selector = z.discriminatedUnion('at', [
  /** the whole collection (专栏有几个, 第四部分的各节) */
  z.object({ at: z.literal('all') }),
  /** by position (第二个专栏, 头一条, 排第二) */
  z.object({ at: z.literal('nth'), n: z.number().int().positive() }),
  /** by the number it carries (专栏13, 十三号专栏, 第四部分) */
  z.object({ at: z.literal('label'), n: z.number().int().nonnegative() }),
  /** 第N + unit: the number it carries, else the N-th */
  z.object({ at: z.literal('ordinal'), n: z.number().int().positive() }),
  /** from the end (最后一个: 1, 倒数第二: 2) */
  z.object({ at: z.literal('end'), n: z.number().int().positive() }),
  /** relative to the conversation's focus (下一个: 1, 上一个: -1) */
  z.object({ at: z.literal('step'), d: z.number().int() }),
]);
export type Selector = z.infer<typeof Selector>;

/** One step of a reference, outermost first: a named node or box, "this one", or a selection in a unit. */
export const RefStep = z.union([
  z.object({ named: z.string().min(1) }),
  z.object({ deictic: z.literal(true), unit: UnitKey.optional() }),
  z.object({ unit: UnitKey, sel: Selector, word: z.string().optional() }),
]);
export type RefStep = z.infer<typeof RefStep>;

/** A structural reference as parsed: where to go in the plan, and whether to show it, count what it holds or give its goals. */
export const StructRef = z.object({
  steps: z.array(RefStep).min(1),
  ask: z.enum(['show', 'count', 'target']),
  /** for ask target: the year asked for (第五个优先行动2025年的目标) */
  year: z.number().int().optional(),
});
export type StructRef = z.infer<typeof StructRef>;
