import { createHash } from 'node:crypto';
import type { Passage } from '../content/plan-schema.js';

/** What changed in a subscription's passages since its last digest. */
export interface ContentChanges {
  added: Passage[];
  changed: Passage[];
}

/** A short hash of what a passage says, kept in the cursor so the next digest can tell what changed. */
export function passageHash(p: Passage): string {
  return createHash('sha256').update(`${p.title}\n${p.text}`).digest('hex').slice(0, 12);
}

/** id → hash for the passages a subscription covers. */
export function snapshot(passages: readonly Passage[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of passages) out[p.id] = passageHash(p);
  return out;
}

/** Passages new to, or reworded in, content/ since the snapshot; nothing on a first digest (there is no "before"). */
export function contentChanges(before: Record<string, string> | undefined, passages: readonly Passage[], now: Record<string, string> = snapshot(passages)): ContentChanges {
  const out: ContentChanges = { added: [], changed: [] };
  if (!before) return out;
  for (const p of passages) {
    const h = before[p.id];
    if (h === undefined) out.added.push(p);
    else if (h !== now[p.id]) out.changed.push(p);
  }
  return out;
}
