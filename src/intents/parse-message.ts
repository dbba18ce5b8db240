import type { Knowledge } from '../knowledge.js';
import type { Correction } from '../nlp/typo-correction.js';
import type { Intent } from './intent.js';
import { parseIntent } from './parse-intent.js';

/** A message read as an intent, with the typing slips that were corrected to read it. */
export interface ParsedMessage {
  intent: Intent;
  corrections: Correction[];
}

/** The words of an intent that name what the question is about, where typing slips are corrected. */
function contentOf(intent: Intent): string | undefined {
  switch (intent.type) {
    case 'search':
      return intent.query;
    case 'target':
    case 'boxes':
    case 'switch':
      return intent.topic;
    default:
      return undefined;
  }
}

/**
 * Parse a message, then correct typing slips in what it asks about (网落安全 → 网络安全) and parse that again.
 * Commands, structural references and follow-ups are never corrected; a question without an unknown term
 * costs the corrector a few set lookups.
 */
export function parseMessage(text: string, k: Knowledge): ParsedMessage {
  const intent = parseIntent(text, k);
  const content = contentOf(intent);
  if (!content) return { intent, corrections: [] };
  const fixed = k.corrector.correct(content);
  if (fixed.corrections.length === 0) return { intent, corrections: [] };
  let corrected: Intent;
  if (intent.type === 'search') corrected = parseIntent(fixed.text, k);
  else corrected = { ...intent, topic: fixed.text } as Intent;
  return { intent: corrected, corrections: fixed.corrections };
}

/** The notice telling the user how a slip was read: 按「网络安全」理解. */
export function correctionNotice(corrections: Correction[]): string | undefined {
  if (corrections.length === 0) return undefined;
  return `按${corrections.map((c) => `「${c.to}」`).join('、')}理解`;
}
