import type { ConversationKey } from '../conversation-key.js';
import { Keys } from './keys.js';
import type { CorruptHandler, Store, ValueSchema } from './store.js';
import { DigestCursor, Subscription } from './subscription.js';

/** A lease key outlives its lease by this much, then is dropped (the lease itself is judged by its stored end). */
const LEASE_RETENTION_SECONDS = 60;

interface Entry {
  value: string;
  expiresAt?: number;
}

/** The in-process Store: for the CLI and tests; nothing survives a restart. Values are kept as JSON, like Redis. */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  readonly durable = false;
  private readonly data = new Map<string, Entry>();
  private readonly subs = new Map<string, string>();
  private readonly keys: Keys;

  constructor(
    opts: { prefix?: string; now?: () => number; onCorrupt?: CorruptHandler } = {},
  ) {
    this.keys = new Keys(opts.prefix ?? 'plan-bot:');
    this.now = opts.now ?? Date.now;
    this.onCorrupt = opts.onCorrupt ?? (() => undefined);
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
    return [...this.data.keys(), ...(this.subs.size ? [this.keys.subscriptions()] : [])];
  }

  private parse<T>(key: string, raw: string | undefined, schema: ValueSchema<T>): T | null {
    if (raw === undefined) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      this.onCorrupt(key, `not JSON: ${(err as Error).message}`);
      return null;
    }
    const r = schema.safeParse(json);
    if (!r.success) {
      this.onCorrupt(key, r.error.message);
      return null;
    }
    return r.data;
  }

  async getContext<T>(key: ConversationKey, schema: ValueSchema<T>) {
    const k = this.keys.context(key);
    return this.parse(k, this.get(k), schema);
  }
  async setContext(key: ConversationKey, ctx: unknown, ttlSeconds: number) {
    this.set(this.keys.context(key), JSON.stringify(ctx), ttlSeconds);
  }
  async deleteContext(key: ConversationKey) {
    this.data.delete(this.keys.context(key));
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
  async claimLease(id: string, now: number, leaseMs: number) {
    const k = this.keys.claim(id);
    const held = Number(this.get(k));
    if (held > now) return { claimed: false, expiresAt: held };
    this.set(k, String(now + leaseMs), Math.ceil(leaseMs / 1000) + LEASE_RETENTION_SECONDS);
    return { claimed: true, expiresAt: now + leaseMs };
  }
  async putSubscription(sub: Subscription) {
    this.subs.set(sub.id, JSON.stringify(Subscription.parse(sub)));
  }
  async getSubscription(id: string) {
    return this.parse(`${this.keys.subscriptions()}#${id}`, this.subs.get(id), Subscription);
  }
  async removeSubscription(id: string) {
    return this.subs.delete(id);
  }
  async listSubscriptions() {
    const out: Subscription[] = [];
    for (const [id, raw] of this.subs) {
      const s = this.parse(`${this.keys.subscriptions()}#${id}`, raw, Subscription);
      if (s) out.push(s);
    }
    return out;
  }
  async getCursor(subscriptionId: string) {
    const k = this.keys.cursor(subscriptionId);
    return this.parse(k, this.get(k), DigestCursor);
  }
  async setCursor(subscriptionId: string, cursor: DigestCursor) {
    this.set(this.keys.cursor(subscriptionId), JSON.stringify(DigestCursor.parse(cursor)));
  }
  async getValue(name: string) {
    const raw = this.get(this.keys.value(name));
    return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
  }
  async setValue(name: string, value: unknown) {
    this.set(this.keys.value(name), JSON.stringify(value));
  }
  async ping() {
    return true;
  }
  async close() {
    this.data.clear();
  }
}
