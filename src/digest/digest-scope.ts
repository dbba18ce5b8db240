import type { Passage } from '../content/plan-schema.js';
import type { Knowledge } from '../knowledge.js';
import { snapshot } from './content-changes.js';
import { digestUnits, type DigestUnit } from './digest-units.js';

/** Everything a digest of one topic needs from the loaded content: its rotation, the passages it covers and their hashes. */
export interface DigestScope {
  units: DigestUnit[];
  /** the passages whose changes a digest of this topic reports */
  passages: Passage[];
  snapshot: Record<string, string>;
}

/** Topics remembered per loaded content; a delivery run touches a few topics many times. */
const MAX_TOPICS = 2000;
const scopes = new WeakMap<Knowledge, Map<string, DigestScope>>();

/**
 * A topic's digest scope, computed once per loaded content (content only changes by loading it again),
 * so delivering thousands of digests does not search and hash the plan for each one.
 */
export function digestScope(k: Knowledge, topic: string): DigestScope {
  let byTopic = scopes.get(k);
  if (!byTopic) scopes.set(k, (byTopic = new Map()));
  const hit = byTopic.get(topic);
  if (hit) return hit;
  const units = digestUnits(k, topic);
  const passages = topic ? units.flat() : k.library.passages.filter((p) => p.kind !== 'heading');
  const scope = { units, passages, snapshot: snapshot(passages) };
  if (byTopic.size >= MAX_TOPICS) byTopic.delete(byTopic.keys().next().value!);
  byTopic.set(topic, scope);
  return scope;
}
