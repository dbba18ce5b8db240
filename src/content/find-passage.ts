import type { Library } from '../match/library.js';
import type { PassageAddress } from '../reply/passage-link.js';
import { elementById, type PlanElement } from './plan-tree.js';

/**
 * The element a passage link names (a passage, box, part or section), looked up by its stable id in the loaded plans,
 * so that an unfurler can show what a link points at; undefined when the plan or the passage is not (any longer) there.
 */
export function findPassage(lib: Library, address: PassageAddress): PlanElement | undefined {
  if (!lib.plans.some((p) => p.meta.id === address.planId)) return undefined;
  return elementById(lib, address.passageId);
}
