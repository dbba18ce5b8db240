import { z } from 'zod';

/** The kinds of passage a plan holds; each is cited and rendered a little differently. */
export const PassageKind = z.enum(['paragraph', 'box', 'box-item', 'target', 'heading']);
export type PassageKind = z.infer<typeof PassageKind>;

/** One citable passage: its id is built from its place in the plan, never from array order. */
export const Passage = z.object({
  id: z.string().min(1),
  planId: z.string().min(1),
  kind: PassageKind,
  title: z.string().min(1),
  text: z.string(),
  path: z.array(z.string()),
  part: z.number().int().nonnegative(),
  section: z.number().int().positive().optional(),
  box: z.number().int().positive().optional(),
  item: z.number().int().positive().optional(),
  parentId: z.string().optional(),
  /** For a 行动目标: year → that year's goal. */
  years: z.record(z.string().regex(/^\d{4}$/), z.string()).optional(),
  /** Position in document order, for "the plan in order" views. */
  order: z.number().int().nonnegative(),
});
export type Passage = z.infer<typeof Passage>;

/** A section ((一), (二) …) of a part: its heading and the passages directly in it. */
export const Section = z.object({
  n: z.number().int().positive(),
  heading: z.string().min(1),
  title: z.string().min(1),
  passageIds: z.array(z.string()),
});
export type Section = z.infer<typeof Section>;

/** A part (一、二、…) of the plan. */
export const Part = z.object({
  n: z.number().int().nonnegative(),
  heading: z.string().min(1),
  title: z.string().min(1),
  passageIds: z.array(z.string()),
  sections: z.array(Section),
});
export type Part = z.infer<typeof Part>;

/** Facts about a plan that are not passages: who issued it, when, and where the text comes from. */
export const PlanMeta = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'plan id: lowercase letters, digits and dashes'),
  title: z.string().min(1),
  shortTitle: z.string().min(1).optional(),
  excerpt: z.boolean().default(false),
  issuer: z.string().optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  chapter: z.string().optional(),
  source: z.string().optional(),
});
export type PlanMeta = z.infer<typeof PlanMeta>;

/** The whole plan: document → parts → sections → passages, plus a flat list in document order. */
export const Plan = z.object({
  meta: PlanMeta,
  parts: z.array(Part),
  passages: z.array(Passage),
});
export type Plan = z.infer<typeof Plan>;
