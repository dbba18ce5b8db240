import type { ConversationKey } from '../conversation-key.js';
import type { InstallationRecords } from './installation-store.js';
import type { SubscriptionStore } from './subscription-store.js';

/**
 * The one storage contract (context with TTL, claim-once keys, subscriptions and their delivery records),
 * implemented by Redis and by memory and checked by one contract suite.
 * Reads validate with zod: a corrupt or old-format value reads as absent and is reported through onCorrupt.
 * A conversation's context is opaque to the Store: the caller passes the schema it is read with.
 */
export interface Store extends SubscriptionStore, InstallationRecords {
  readonly kind: 'memory' | 'redis';
  /** whether data survives a restart of the bot */
  readonly durable: boolean;
  /** the context saved for a conversation, validated by the caller's schema; null when absent, expired or invalid */
  getContext<T>(key: ConversationKey, schema: ValueSchema<T>): Promise<T | null>;
  /**
   * The context and the values it replaced (most recent first, at most EARLIER_CONTEXTS, invalid ones dropped and
   * reported): what going back to an earlier topic reads. Only that reads the earlier values.
   */
  getContextWithEarlier<T>(key: ConversationKey, schema: ValueSchema<T>): Promise<{ current: T | null; earlier: T[] }>;
  /**
   * Write the context (and refresh the TTL of its earlier values). With keepPrevious, the value it replaces moves to
   * the head of the earlier values, in the same command: a new topic keeps the old one without reading it first.
   */
  setContext(key: ConversationKey, ctx: unknown, ttlSeconds: number, opts?: { keepPrevious?: boolean }): Promise<void>;
  /** Delete the context and its earlier values. */
  deleteContext(key: ConversationKey): Promise<void>;
  /**
   * Remember that the bot answered in this thread, for ttlSeconds from now (the context's TTL; every answer there
   * writes it again): plain messages in the thread are answered without a mention while it lives.
   */
  markBotThread(key: ConversationKey, ttlSeconds: number): Promise<void>;
  /** Whether the bot answered in this thread within the TTL its last markBotThread gave. */
  isBotThread(key: ConversationKey): Promise<boolean>;
  /** true for the first caller within ttl, false for every later one (SET NX EX) */
  claimOnce(id: string, ttlSeconds: number): Promise<boolean>;
  /** give a claim back (e.g. when the work it guarded failed and should be retried) */
  releaseClaim(id: string): Promise<void>;
  /** a small JSON value by name (e.g. a Teams conversation reference) */
  getValue(name: string): Promise<unknown>;
  /** write a small JSON value; with ttlSeconds it expires that long after this write (each write refreshes it) */
  setValue(name: string, value: unknown, ttlSeconds?: number): Promise<void>;
  ping(): Promise<boolean>;
  /**
   * Check that the data set is still the one this process started with (on Redis, the epoch marker, re-created
   * when gone; see data-epoch.ts): answers when a loss was last noticed; throws when the store does not answer.
   */
  checkData(): Promise<{ lostAt?: number }>;
  close(): Promise<void>;
}

/** How many replaced contexts a conversation keeps (raw: repeats of one topic count, so twice the topics it shows). */
export const EARLIER_CONTEXTS = 10;

/** What a stored value is validated with on reading (a zod schema fits). */
export type ValueSchema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } };

/** Called when a stored value fails validation; the store then treats it as absent. */
export type CorruptHandler = (key: string, problem: string) => void;
