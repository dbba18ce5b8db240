import type { ConversationKey } from '../conversation-key.js';
import { Keys } from './keys.js';
import { MemorySubscriptions } from './memory-subscriptions.js';
import { parseStored, parseStoredList } from './parse-stored.js';
import { EARLIER_CONTEXTS, type CorruptHandler, type Store, type ValueSchema } from './store.js';
import type { DeliveryLogEntry } from './delivery-log.js';
import type { ChannelRef, DigestCursor, Subscription, UserRef } from './subscription.js';
import { StoredInstallation, type ForgottenWorkspace } from './installation.js';

interface Entry {
  value: string;
  expiresAt?: number;
}

/** The in-process Store: for the CLI and tests; nothing survives a restart. Values are kept as JSON, like Redis. */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  readonly durable = false;
  private readonly data = new Map<string, Entry>();
  /** the earlier contexts of each conversation (a Redis list in RedisStore), with the TTL of its context */
  private readonly earlierLists = new Map<string, { list: string[]; expiresAt: number }>();
  private readonly keys: Keys;
  private readonly subs: MemorySubscriptions;
  /** installations by id, as JSON (their tokens sealed, as on Redis) */
  private readonly installs = new Map<string, string>();

  constructor(
    opts: { prefix?: string; now?: () => number; onCorrupt?: CorruptHandler } = {},
  ) {
    this.keys = new Keys(opts.prefix ?? 'plan-bot:');
    this.now = opts.now ?? Date.now;
    this.onCorrupt = opts.onCorrupt ?? (() => undefined);
    this.subs = new MemorySubscriptions(this.keys, this.now, this.onCorrupt);
  }
  private readonly now: () => number;
  private readonly onCorrupt: CorruptHandler;

  private get(key: string): string | undefined {
    const e = this.data.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== undefined && e.expiresAt <= this.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e.value;
  }

  private set(key: string, value: string, ttlSeconds?: number): void {
    this.data.set(key, { value, expiresAt: ttlSeconds ? this.now() + ttlSeconds * 1000 : undefined });
  }

  /** Write raw text under a context key: lets the contract tests plant corrupt values the way a bad deploy would. */
  rawSetContext(key: ConversationKey, value: string): void {
    this.set(this.keys.context(key), value);
  }

  /** Seconds left on a context, or -2 when absent (like Redis TTL): for the contract tests. */
  rawContextTtl(key: ConversationKey): number {
    const e = this.data.get(this.keys.context(key));
    if (!e || this.get(this.keys.context(key)) === undefined) return -2;
    return e.expiresAt === undefined ? -1 : Math.ceil((e.expiresAt - this.now()) / 1000);
  }

  /** Every key held, as Redis would name it: for the contract tests. */
  rawKeys(): string[] {
    return [...this.data.keys(), ...this.earlierLists.keys(), ...this.subs.rawKeys(), ...[...this.installs.keys()].map((id) => this.keys.installation(id))];
  }

  async getContext<T>(key: ConversationKey, schema: ValueSchema<T>) {
    const k = this.keys.context(key);
    return parseStored(k, this.get(k), schema, this.onCorrupt);
  }
  async getContextWithEarlier<T>(key: ConversationKey, schema: ValueSchema<T>) {
    const k = this.keys.context(key);
    const ek = this.keys.earlierContexts(key);
    return { current: parseStored(k, this.get(k), schema, this.onCorrupt), earlier: parseStoredList(ek, this.earlier(ek), schema, this.onCorrupt) };
  }
  async setContext(key: ConversationKey, ctx: unknown, ttlSeconds: number, opts: { keepPrevious?: boolean } = {}) {
    const k = this.keys.context(key);
    const ek = this.keys.earlierContexts(key);
    const previous = opts.keepPrevious ? this.get(k) : undefined;
    this.set(k, JSON.stringify(ctx), ttlSeconds);
    const earlier = this.earlier(ek);
    if (previous !== undefined) {
      earlier.unshift(previous);
      earlier.length = Math.min(earlier.length, EARLIER_CONTEXTS);
    }
    if (earlier.length > 0) this.earlierLists.set(ek, { list: earlier, expiresAt: this.now() + ttlSeconds * 1000 });
  }
  async deleteContext(key: ConversationKey) {
    this.data.delete(this.keys.context(key));
    this.earlierLists.delete(this.keys.earlierContexts(key));
  }
  /** The raw earlier contexts under ek, most recent first (a live array: setContext updates it in place). */
  private earlier(ek: string): string[] {
    const e = this.earlierLists.get(ek);
    if (!e) return [];
    if (e.expiresAt <= this.now()) {
      this.earlierLists.delete(ek);
      return [];
    }
    return e.list;
  }
  async markBotThread(key: ConversationKey, ttlSeconds: number) {
    this.set(this.keys.botThread(key), '1', ttlSeconds);
  }
  async isBotThread(key: ConversationKey) {
    return this.get(this.keys.botThread(key)) !== undefined;
  }
  async claimOnce(id: string, ttlSeconds: number) {
    const k = this.keys.claim(id);
    if (this.get(k) !== undefined) return false;
    this.set(k, '1', ttlSeconds);
    return true;
  }
  async releaseClaim(id: string) {
    this.data.delete(this.keys.claim(id));
  }
  putSubscription(sub: Subscription) {
    return this.subs.putSubscription(sub);
  }
  getSubscription(id: string) {
    return this.subs.getSubscription(id);
  }
  listChannelSubscriptions(channel: ChannelRef) {
    return this.subs.listChannelSubscriptions(channel);
  }
  listUserSubscriptions(user: UserRef) {
    return this.subs.listUserSubscriptions(user);
  }
  listWorkspaceSubscriptions(platform: string, workspace: string) {
    return this.subs.listWorkspaceSubscriptions(platform, workspace);
  }
  listSubscriptions() {
    return this.subs.listSubscriptions();
  }
  removeSubscription(id: string) {
    return this.subs.removeSubscription(id);
  }
  async putInstallation(inst: StoredInstallation) {
    const s = StoredInstallation.parse(inst);
    this.installs.set(s.id, JSON.stringify(s));
  }
  async getInstallation(id: string) {
    return parseStored(this.keys.installation(id), this.installs.get(id), StoredInstallation, this.onCorrupt);
  }
  async deleteInstallation(id: string) {
    return this.installs.delete(id);
  }
  async listInstallations() {
    const all = [...this.installs.keys()].map((id) => parseStored(this.keys.installation(id), this.installs.get(id), StoredInstallation, this.onCorrupt));
    return all.filter((i): i is StoredInstallation => i !== null).sort((a, b) => a.installedAt.localeCompare(b.installedAt) || a.id.localeCompare(b.id));
  }
  async countInstallations() {
    return this.installs.size;
  }
  /** Memory holds one process's conversations: the workspace's keys are found by their shared parts. */
  async forgetWorkspace(platform: string, workspace: string): Promise<ForgottenWorkspace> {
    const head = this.keys.conversationParts({ platform, workspace, conversation: '-' }).slice(0, -1);
    const found = new Set<string>();
    for (const k of [...this.data.keys(), ...this.earlierLists.keys()]) {
      for (const kind of ['ctx:', 'ctxe:', 'thr:']) {
        const at = `${this.keys.prefix}${kind}${head}`;
        if (k.startsWith(at)) found.add(k.slice(this.keys.prefix.length + kind.length));
      }
    }
    for (const parts of found) {
      for (const k of this.keys.conversationKeysOf(parts)) {
        this.data.delete(k);
        this.earlierLists.delete(k);
      }
    }
    return { conversations: found.size };
  }
  dueSubscriptions(at: number, limit: number) {
    return this.subs.dueSubscriptions(at, limit);
  }
  scheduleDue(entries: readonly { id: string; at: number }[]) {
    return this.subs.scheduleDue(entries);
  }
  getCursor(subscriptionId: string) {
    return this.subs.getCursor(subscriptionId);
  }
  claimDelivery(subscriptionId: string, date: string, leaseMs: number) {
    return this.subs.claimDelivery(subscriptionId, date, leaseMs);
  }
  recordDelivery(subscriptionId: string, date: string, cursor: DigestCursor, nextDueAt: number) {
    return this.subs.recordDelivery(subscriptionId, date, cursor, nextDueAt);
  }
  releaseDelivery(subscriptionId: string, retryAt: number, opts?: { outcomeUnknown?: boolean }) {
    return this.subs.releaseDelivery(subscriptionId, retryAt, opts);
  }
  logDelivery(subscriptionId: string, entry: DeliveryLogEntry) {
    return this.subs.logDelivery(subscriptionId, entry);
  }
  deliveryLog(subscriptionId: string) {
    return this.subs.deliveryLog(subscriptionId);
  }
  async getValue(name: string) {
    const raw = this.get(this.keys.value(name));
    return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
  }
  async setValue(name: string, value: unknown, ttlSeconds?: number) {
    this.set(this.keys.value(name), JSON.stringify(value), ttlSeconds);
  }
  async ping() {
    return true;
  }
  async checkData() {
    // memory holds what this process wrote, no more and no less: nothing can be lost behind its back
    return {};
  }
  async close() {
    this.data.clear();
  }
}
