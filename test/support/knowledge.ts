import { fileURLToPath } from 'node:url';
import { loadKnowledge, type Knowledge } from '../../src/knowledge.js';

/** The repository's content folder. */
export const CONTENT_DIR = fileURLToPath(new URL('../../content', import.meta.url));

let cached: Knowledge | undefined;

/** The real content, loaded once per test file. */
export function knowledge(): Knowledge {
  cached ??= loadKnowledge(CONTENT_DIR);
  return cached;
}
