import type { Knowledge } from '../knowledge.js';
import { passageUrl } from './passage-link.js';
import { toResult, type ResultItem } from './reply.js';

/**
 * One place of the plan as a result item, by its stable id: what a shared link (Slack unfurl, Teams queryLink) or
 * a share button names. A passage keeps its text; a part or section shows its heading. With PUBLIC_URL the item
 * links to its reader page. Undefined for an id the loaded plans do not hold (a link from an older edition).
 */
export function passageResult(k: Knowledge, id: string, publicUrl?: string): ResultItem | undefined {
  const passage = k.library.passage(id);
  const node = passage ? undefined : k.library.node(id);
  const item: ResultItem | undefined = passage
    ? toResult(passage)
    : node
      ? { id: node.id, kind: node.kind, title: node.heading, text: '', path: node.path }
      : undefined;
  if (!item) return undefined;
  const url = publicUrl ? passageUrl(publicUrl, item.id) : undefined;
  return url ? { ...item, url } : item;
}
