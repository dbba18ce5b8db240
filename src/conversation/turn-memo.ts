import type { Intent } from '../intents/intent.js';
import type { Turn } from './answers.js';

/** How many distinct questions are remembered; popular ones repeat, the rest age out (least recently used). */
const MAX_ENTRIES = 2048;

/** Intents whose turn has side effects or depends on who asks, so it must be computed every time. */
const NEVER: ReadonlySet<Intent['type']> = new Set(['subscribe', 'unsubscribe', 'subscriptions', 'status']);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A remembered turn: its intent, the turn, and whether the text was understood only after correcting typos. */
export interface MemoEntry {
  intent: Intent;
  turn: Turn;
  corrected: boolean;
}

/**
 * Parsed intents and turns of questions answered without context, by their exact text: the content is fixed for
 * the life of the process, so the same question gets the same turn, and parsing, ranking and rendering it again
 * would only cost time on the hot path of a chat platform (a slash command must be acked within 3 s). Cached
 * turns are frozen: callers share them and must not change them.
 */
export class TurnMemo {
  private readonly entries = new Map<string, MemoEntry>();

  constructor(private readonly max = MAX_ENTRIES) {}

  /** The intent and turn last computed for exactly this text, if it is still remembered. */
  get(text: string): MemoEntry | undefined {
    const hit = this.entries.get(text);
    if (hit) {
      this.entries.delete(text);
      this.entries.set(text, hit);
    }
    return hit;
  }

  /** Remember a turn computed without context (the caller knows whether it was). */
  set(text: string, intent: Intent, turn: Turn, corrected = false): Turn {
    if (NEVER.has(intent.type) || this.max === 0) return turn;
    this.entries.set(text, deepFreeze({ intent, turn, corrected }));
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return turn;
  }
}
