import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { ConversationKey } from '../../src/conversation-key.js';
import { ConversationContext } from '../../src/conversation/context.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { EARLIER_CONTEXTS, type Store } from '../../src/store/store.js';
import type { Subscription } from '../../src/store/subscription.js';
import type { StoredInstallation } from '../../src/store/installation.js';
import { DELIVERY_LOG_SIZE } from '../../src/store/delivery-log.js';

const ctx = (topic: string): ConversationContext => ({ v: 1, intent: 'search', topic, list: ['p:a', 'p:b'], shown: 1, updatedAt: 1 });
const key = (conversation: string, thread?: string): ConversationKey => ({ platform: 'slack', workspace: 'T1', conversation, ...(thread ? { thread } : {}) });
const sub = (id: string, topic = '应急管理'): Subscription => ({
  id,
  platform: 'slack',
  workspace: 'T1',
  conversation: 'C1',
  topic,
  time: '09:00',
  tz: 'Asia/Shanghai',
  weekdays: false,
  createdAt: '2026-11-29T00:00:00Z',
  active: true,
});

interface Harness {
  store: Store;
  corrupt: string[];
  /** plant a raw value under a context key, as a bad deploy or an old version would */
  plantContext(k: ConversationKey, raw: string): Promise<void>;
  /** seconds left on a context key, or -2 when absent */
  ttlOf(k: ConversationKey): Promise<number>;
  /** every key the store wrote, to check the prefix */
  keys(): Promise<string[]>;
  advance(ms: number): void;
}

const redisUrl = inject('redisUrl');
const raw = new Redis(redisUrl);
afterAll(() => raw.disconnect());

function memoryHarness(): Harness {
  let now = 1_000_000;
  const corrupt: string[] = [];
  const store = new MemoryStore({ prefix: 'test:', now: () => now, onCorrupt: (k) => corrupt.push(k) });
  return {
    store,
    corrupt,
    plantContext: async (k, v) => store.rawSetContext(k, v),
    ttlOf: async (k) => store.rawContextTtl(k),
    keys: async () => store.rawKeys(),
    advance: (ms) => (now += ms),
  };
}

function redisHarness(): Harness {
  const prefix = `contract-${randomUUID().slice(0, 8)}:`;
  const corrupt: string[] = [];
  const store = new RedisStore({ url: redisUrl, prefix, onCorrupt: (k) => corrupt.push(k) });
  const ctxKey = (k: ConversationKey) => `${prefix}ctx:${k.platform}:${k.workspace}:${encodeURIComponent(k.conversation)}${k.thread ? `:${encodeURIComponent(k.thread)}` : ''}`;
  return {
    store,
    corrupt,
    plantContext: async (k, v) => void (await raw.set(ctxKey(k), v)),
    ttlOf: (k) => raw.ttl(ctxKey(k)),
    keys: () => raw.keys(`${prefix}*`),
    advance: () => undefined,
  };
}

describe.each([
  ['memory', memoryHarness],
  ['redis', redisHarness],
])('Store contract: %s', (name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = make();
    if (h.store instanceof RedisStore) await h.store.ready();
    return () => h.store.close();
  });

  it('keeps a context per conversation and per thread, never across them', async () => {
    await h.store.setContext(key('C1'), ctx('应急管理'), 3600);
    await h.store.setContext(key('C1', '171.1'), ctx('养老'), 3600);
    expect((await h.store.getContext(key('C1'), ConversationContext))?.topic).toBe('应急管理');
    expect((await h.store.getContext(key('C1', '171.1'), ConversationContext))?.topic).toBe('养老');
    expect(await h.store.getContext(key('C2'), ConversationContext)).toBeNull();
    expect(await h.store.getContext({ ...key('C1'), workspace: 'T2' }, ConversationContext)).toBeNull();
  });

  it('gives contexts a TTL', async () => {
    await h.store.setContext(key('C1'), ctx('x'), 120);
    const ttl = await h.ttlOf(key('C1'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120);
    if (name === 'memory') {
      h.advance(121_000);
      expect(await h.store.getContext(key('C1'), ConversationContext)).toBeNull();
    }
  });

  it('deletes a context', async () => {
    await h.store.setContext(key('C1'), ctx('x'), 60);
    await h.store.deleteContext(key('C1'));
    expect(await h.store.getContext(key('C1'), ConversationContext)).toBeNull();
  });

  it('keeps the contexts a write replaced when asked to, newest first, at most EARLIER_CONTEXTS, without a read', async () => {
    await h.store.setContext(key('C1'), ctx('a'), 60, { keepPrevious: true });
    await h.store.setContext(key('C1'), ctx('b'), 60, { keepPrevious: true });
    // a follow-up of the same topic replaces the context without keeping it
    await h.store.setContext(key('C1'), { ...ctx('b'), shown: 2 }, 60);
    await h.store.setContext(key('C1'), ctx('c'), 60, { keepPrevious: true });
    const read = await h.store.getContextWithEarlier(key('C1'), ConversationContext);
    expect(read.current?.topic).toBe('c');
    expect(read.earlier.map((e) => [e.topic, e.shown])).toEqual([['b', 2], ['a', 1]]);
    // other conversations and threads have their own
    expect((await h.store.getContextWithEarlier(key('C1', '1.1'), ConversationContext)).earlier).toEqual([]);
    for (let i = 0; i < EARLIER_CONTEXTS + 5; i++) await h.store.setContext(key('C2'), ctx(`t${i}`), 60, { keepPrevious: true });
    const many = await h.store.getContextWithEarlier(key('C2'), ConversationContext);
    expect(many.earlier).toHaveLength(EARLIER_CONTEXTS);
    expect(many.earlier[0]?.topic).toBe(`t${EARLIER_CONTEXTS + 3}`);
    // deleting a context deletes its earlier ones too
    await h.store.deleteContext(key('C1'));
    expect(await h.store.getContextWithEarlier(key('C1'), ConversationContext)).toEqual({ current: null, earlier: [] });
  });

  it('drops a corrupt earlier context, reports it, and keeps the rest', async () => {
    await h.plantContext(key('C3'), '{not json');
    await h.store.setContext(key('C3'), ctx('a'), 60, { keepPrevious: true });
    await h.store.setContext(key('C3'), ctx('b'), 60, { keepPrevious: true });
    const read = await h.store.getContextWithEarlier(key('C3'), ConversationContext);
    expect(read.current?.topic).toBe('b');
    expect(read.earlier.map((e) => e.topic)).toEqual(['a']);
    expect(h.corrupt).toHaveLength(1);
  });

  it('reads a corrupt or old-format context as absent and reports it', async () => {
    await h.plantContext(key('bad-json'), '{not json');
    await h.plantContext(key('old'), JSON.stringify({ v: 0, topic: 'x' }));
    await h.plantContext(key('wrong-types'), JSON.stringify({ ...ctx('x'), list: 'nope' }));
    expect(await h.store.getContext(key('bad-json'), ConversationContext)).toBeNull();
    expect(await h.store.getContext(key('old'), ConversationContext)).toBeNull();
    expect(await h.store.getContext(key('wrong-types'), ConversationContext)).toBeNull();
    expect(h.corrupt).toHaveLength(3);
  });

  it('remembers the threads the bot answered in, each apart, until the TTL the last answer gave runs out', async () => {
    expect(await h.store.isBotThread(key('C1', '171.1'))).toBe(false);
    await h.store.markBotThread(key('C1', '171.1'), 120);
    expect(await h.store.isBotThread(key('C1', '171.1'))).toBe(true);
    expect(await h.store.isBotThread(key('C1', '171.2'))).toBe(false);
    expect(await h.store.isBotThread(key('C1'))).toBe(false);
    expect(await h.store.isBotThread(key('C2', '171.1'))).toBe(false);
    expect(await h.store.isBotThread({ ...key('C1', '171.1'), workspace: 'T2' })).toBe(false);
    // a context in a thread is not a mark: only an answer marks it
    await h.store.setContext(key('C1', '171.3'), ctx('养老'), 120);
    expect(await h.store.isBotThread(key('C1', '171.3'))).toBe(false);
    if (name === 'memory') {
      h.advance(60_000);
      await h.store.markBotThread(key('C1', '171.1'), 120);
      h.advance(100_000);
      expect(await h.store.isBotThread(key('C1', '171.1'))).toBe(true);
      h.advance(21_000);
      expect(await h.store.isBotThread(key('C1', '171.1'))).toBe(false);
    } else {
      const marked = (await h.keys()).filter((k) => k.includes(':thr:'));
      expect(marked).toHaveLength(1);
      const ttl = await raw.ttl(marked[0]!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(120);
    }
  });

  it('claims a key once until it expires or is released', async () => {
    const id = `evt-${randomUUID()}`;
    expect(await h.store.claimOnce(id, 60)).toBe(true);
    expect(await h.store.claimOnce(id, 60)).toBe(false);
    await h.store.releaseClaim(id);
    expect(await h.store.claimOnce(id, 60)).toBe(true);
  });

  it('lets exactly one of many simultaneous claimers win', async () => {
    const id = `race-${randomUUID()}`;
    const wins = await Promise.all(Array.from({ length: 20 }, () => h.store.claimOnce(id, 60)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('stores, lists, replaces and removes subscriptions, by channel', async () => {
    await h.store.putSubscription(sub('s1'));
    await h.store.putSubscription(sub('s2', ''));
    await h.store.putSubscription({ ...sub('s1'), time: '10:30' });
    const channel = { platform: 'slack', workspace: 'T1', conversation: 'C1' } as const;
    const all = await h.store.listChannelSubscriptions(channel);
    expect(all.map((s) => s.id).sort()).toEqual(['s1', 's2']);
    expect((await h.store.getSubscription('s1'))?.time).toBe('10:30');
    expect(await h.store.removeSubscription('s1')).toBe(true);
    expect(await h.store.removeSubscription('s1')).toBe(false);
    expect(await h.store.getSubscription('s1')).toBeNull();
    expect((await h.store.listChannelSubscriptions(channel)).map((s) => s.id)).toEqual(['s2']);
  });

  it('lists a channel\'s subscriptions only, never another channel\'s, workspace\'s or platform\'s', async () => {
    await h.store.putSubscription(sub('mine'));
    await h.store.putSubscription({ ...sub('other-channel'), conversation: 'C2' });
    await h.store.putSubscription({ ...sub('other-workspace'), workspace: 'T2' });
    await h.store.putSubscription({ ...sub('other-platform'), platform: 'teams' });
    // ids with the separator inside cannot collide (Teams conversation ids have ':')
    await h.store.putSubscription({ ...sub('colon'), conversation: 'C1:x' });
    expect((await h.store.listChannelSubscriptions({ platform: 'slack', workspace: 'T1', conversation: 'C1' })).map((s) => s.id)).toEqual(['mine']);
    expect((await h.store.listChannelSubscriptions({ platform: 'teams', workspace: 'T1', conversation: 'C1' })).map((s) => s.id)).toEqual(['other-platform']);
    expect(await h.store.listChannelSubscriptions({ platform: 'slack', workspace: 'T1', conversation: 'C9' })).toEqual([]);
  });

  it('lists the subscriptions a user set up, in every channel of the workspace, until removed or taken over', async () => {
    const u1 = { platform: 'slack' as const, workspace: 'T1', user: 'U1' };
    await h.store.putSubscription({ ...sub('a'), createdBy: 'U1' });
    await h.store.putSubscription({ ...sub('b'), conversation: 'C2', createdBy: 'U1' });
    await h.store.putSubscription({ ...sub('c'), createdBy: 'U2' });
    await h.store.putSubscription({ ...sub('d'), workspace: 'T2', createdBy: 'U1' });
    // stored before createdBy was kept: it reads, and it is in no one's list
    await h.store.putSubscription(sub('old'));
    expect((await h.store.getSubscription('old'))?.createdBy).toBeUndefined();
    expect((await h.store.listUserSubscriptions(u1)).map((s) => s.id).sort()).toEqual(['a', 'b']);
    expect((await h.store.listUserSubscriptions({ ...u1, workspace: 'T2' })).map((s) => s.id)).toEqual(['d']);
    // someone else subscribes the same again: it is theirs now
    await h.store.putSubscription({ ...sub('a'), createdBy: 'U2' });
    await h.store.removeSubscription('b');
    expect(await h.store.listUserSubscriptions(u1)).toEqual([]);
    expect((await h.store.listUserSubscriptions({ ...u1, user: 'U2' })).map((s) => s.id).sort()).toEqual(['a', 'c']);
  });

  it('refuses to store an invalid subscription, and keeps what was stored', async () => {
    await h.store.putSubscription(sub('s1'));
    await expect(h.store.putSubscription({ ...sub('s1'), time: '25:00' })).rejects.toThrow();
    expect((await h.store.getSubscription('s1'))?.time).toBe('09:00');
  });

  it('finds due subscriptions from the due index: new ones at once, then by the time they are moved to', async () => {
    await h.store.putSubscription(sub('d1'));
    await h.store.putSubscription(sub('d2'));
    await h.store.putSubscription({ ...sub('off'), active: false });
    expect((await h.store.dueSubscriptions(1000, 100)).map((s) => s.id).sort()).toEqual(['d1', 'd2']);
    await h.store.scheduleDue([
      { id: 'd1', at: 5000 },
      { id: 'd2', at: 3000 },
      { id: 'off', at: 1 }, // not in the index: stays out
    ]);
    expect(await h.store.dueSubscriptions(2999, 100)).toEqual([]);
    expect((await h.store.dueSubscriptions(5000, 100)).map((s) => s.id)).toEqual(['d2', 'd1']);
    expect((await h.store.dueSubscriptions(5000, 1)).map((s) => s.id)).toEqual(['d2']);
    // deactivating or removing takes a subscription out; saving it again puts it back at 0
    await h.store.putSubscription({ ...sub('d2'), active: false });
    await h.store.removeSubscription('d1');
    expect(await h.store.dueSubscriptions(10_000, 100)).toEqual([]);
    await h.store.putSubscription(sub('d2'));
    expect((await h.store.dueSubscriptions(0, 100)).map((s) => s.id)).toEqual(['d2']);
  });

  it('keeps digest cursors, and moves a delivered subscription to its next due time', async () => {
    await h.store.putSubscription(sub('s1'));
    expect(await h.store.getCursor('s1')).toBeNull();
    await h.store.recordDelivery('s1', '2026-12-01', { sent: ['p:a'], lastDate: '2026-12-01' }, 7000);
    expect(await h.store.getCursor('s1')).toEqual({ sent: ['p:a'], lastDate: '2026-12-01' });
    expect(await h.store.dueSubscriptions(6999, 100)).toEqual([]);
    expect((await h.store.dueSubscriptions(7000, 100)).map((s) => s.id)).toEqual(['s1']);
  });

  it('keeps a bounded delivery log per subscription, newest first', async () => {
    expect(await h.store.deliveryLog('s1')).toEqual([]);
    await h.store.logDelivery('s1', { at: '2026-12-01T01:00:00.000Z', date: '2026-12-01', outcome: 'delivered' });
    await h.store.logDelivery('s1', { at: '2026-12-02T01:00:00.000Z', date: '2026-12-02', outcome: 'failed', reason: 'channel_not_found' });
    await h.store.logDelivery('s2', { at: '2026-12-02T01:00:00.000Z', date: '2026-12-02', outcome: 'retry', reason: 'ratelimited' });
    expect(await h.store.deliveryLog('s1')).toEqual([
      { at: '2026-12-02T01:00:00.000Z', date: '2026-12-02', outcome: 'failed', reason: 'channel_not_found' },
      { at: '2026-12-01T01:00:00.000Z', date: '2026-12-01', outcome: 'delivered' },
    ]);
    expect((await h.store.deliveryLog('s2')).map((e) => e.reason)).toEqual(['ratelimited']);
    for (let i = 0; i < DELIVERY_LOG_SIZE + 7; i++) await h.store.logDelivery('s3', { at: `2026-12-02T01:00:${String(i).padStart(2, '0')}.000Z`, date: '2026-12-02', outcome: 'retry', reason: `r${i}` });
    const log = await h.store.deliveryLog('s3');
    expect(log).toHaveLength(DELIVERY_LOG_SIZE);
    expect(log[0]!.reason).toBe(`r${DELIVERY_LOG_SIZE + 6}`);
    expect(log.at(-1)!.reason).toBe('r7');
    // an invalid entry is refused, and the log is unchanged
    await expect(h.store.logDelivery('s2', { at: '', date: '2026-12-02', outcome: 'delivered' })).rejects.toThrow();
    expect(await h.store.deliveryLog('s2')).toHaveLength(1);
  });

  it('keeps small named values', async () => {
    await h.store.setValue('ref:T1:C1', { serviceUrl: 'https://example.test/' });
    expect(await h.store.getValue('ref:T1:C1')).toEqual({ serviceUrl: 'https://example.test/' });
    expect(await h.store.getValue('missing')).toBeUndefined();
  });

  it('writes every key under its prefix', async () => {
    await h.store.setContext(key('C1'), ctx('x'), 60);
    await h.store.claimOnce('k', 60);
    await h.store.putSubscription(sub('s1'));
    await h.store.recordDelivery('s1', '2026-12-01', { sent: [] }, 1);
    const keys = await h.keys();
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k.startsWith(name === 'memory' ? 'test:' : 'contract-')).toBe(true);
  });

  it('answers ping', async () => {
    expect(await h.store.ping()).toBe(true);
  });

  it('stores, reads, lists, counts and deletes installations, by id', async () => {
    const inst = (id: string, at: string): StoredInstallation => ({ id, platform: 'slack', teamId: id.split(':')[2], isEnterpriseInstall: false, installedAt: at, updatedAt: at, tokenRotation: false, sealed: 'v1.k1.sealed' });
    expect(await h.store.countInstallations()).toBe(0);
    await h.store.putInstallation(inst('slack:team:T2', '2026-12-02T00:00:00Z'));
    await h.store.putInstallation(inst('slack:team:T1', '2026-12-01T00:00:00Z'));
    await h.store.putInstallation({ ...inst('slack:team:T1', '2026-12-01T00:00:00Z'), updatedAt: '2026-12-03T00:00:00Z' });
    expect(await h.store.countInstallations()).toBe(2);
    expect((await h.store.listInstallations()).map((i) => i.id)).toEqual(['slack:team:T1', 'slack:team:T2']);
    expect((await h.store.getInstallation('slack:team:T1'))?.updatedAt).toBe('2026-12-03T00:00:00Z');
    await expect(h.store.putInstallation({ ...inst('slack:team:T3', 'x'), sealed: '' })).rejects.toThrow();
    expect(await h.store.deleteInstallation('slack:team:T1')).toBe(true);
    expect(await h.store.deleteInstallation('slack:team:T1')).toBe(false);
    expect(await h.store.getInstallation('slack:team:T1')).toBeNull();
    expect(await h.store.countInstallations()).toBe(1);
  });

  it("forgets one workspace's contexts, earlier contexts and thread markers, and no other workspace's", async () => {
    const inT = (workspace: string, conversation: string, thread?: string): ConversationKey => ({ platform: 'slack', workspace, conversation, ...(thread ? { thread } : {}) });
    await h.store.setContext(inT('T9', 'C1'), ctx('a'), 60);
    await h.store.setContext(inT('T9', 'C1'), ctx('b'), 60, { keepPrevious: true });
    await h.store.setContext(inT('T9', 'C2', '1.2'), ctx('c'), 60);
    await h.store.markBotThread(inT('T9', 'C2', '1.2'), 60);
    await h.store.markBotThread(inT('T9', 'C3', '3.4'), 60);
    await h.store.setContext(inT('T8', 'C1'), ctx('keep'), 60);
    await h.store.markBotThread(inT('T8', 'C1', '5.6'), 60);
    await h.store.setContext({ platform: 'teams', workspace: 'T9', conversation: 'C1' }, ctx('teams'), 60);
    expect(await h.store.forgetWorkspace('slack', 'T9')).toEqual({ conversations: 3 });
    expect(await h.store.getContextWithEarlier(inT('T9', 'C1'), ConversationContext)).toEqual({ current: null, earlier: [] });
    expect(await h.store.getContext(inT('T9', 'C2', '1.2'), ConversationContext)).toBeNull();
    expect(await h.store.isBotThread(inT('T9', 'C2', '1.2'))).toBe(false);
    expect(await h.store.isBotThread(inT('T9', 'C3', '3.4'))).toBe(false);
    expect((await h.store.getContext(inT('T8', 'C1'), ConversationContext))?.topic).toBe('keep');
    expect(await h.store.isBotThread(inT('T8', 'C1', '5.6'))).toBe(true);
    expect((await h.store.getContext({ platform: 'teams', workspace: 'T9', conversation: 'C1' }, ConversationContext))?.topic).toBe('teams');
    expect(await h.store.forgetWorkspace('slack', 'T9')).toEqual({ conversations: 0 });
  });

  it("lists a workspace's subscriptions, active and not, and no other workspace's", async () => {
    await h.store.putSubscription(sub('w1'));
    await h.store.putSubscription({ ...sub('w2'), conversation: 'C2', active: false, deactivatedReason: 'is_archived' });
    await h.store.putSubscription({ ...sub('w3'), workspace: 'T2' });
    await h.store.putSubscription({ ...sub('w4'), platform: 'teams' });
    await h.store.putSubscription(sub('w5'));
    await h.store.removeSubscription('w5');
    expect((await h.store.listWorkspaceSubscriptions('slack', 'T1')).map((s) => s.id).sort()).toEqual(['w1', 'w2']);
    expect((await h.store.listWorkspaceSubscriptions('slack', 'T2')).map((s) => s.id)).toEqual(['w3']);
  });

  it('lists every subscription, active and not, across workspaces and more than one batch, without removed ones', async () => {
    const ids = Array.from({ length: 1100 }, (_, i) => `slack:T${i % 7}:C:${i}/应急`);
    for (let i = 0; i < ids.length; i += 100) await Promise.all(ids.slice(i, i + 100).map((id, j) => h.store.putSubscription({ ...sub(id), workspace: `T${(i + j) % 7}`, active: (i + j) % 3 !== 0 })));
    await h.store.putSubscription({ ...sub('gone'), platform: 'teams' });
    await h.store.removeSubscription('gone');
    const all = await h.store.listSubscriptions();
    expect(all.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(all.filter((s) => !s.active)).toHaveLength(ids.filter((_, i) => i % 3 === 0).length);
  });
});

describe('RedisStore only', () => {
  it('a key of the wrong type reads as corrupt, and the store keeps serving other conversations', async () => {
    const h = redisHarness();
    await (h.store as RedisStore).ready();
    await h.store.setContext(key('probe'), ctx('x'), 60);
    const probeKey = (await h.keys()).find((k) => k.includes(':ctx:'))!;
    const wrong = probeKey.replace(/probe$/, 'wrongtype');
    await raw.hset(wrong, 'a', 'b');
    expect(await h.store.getContext(key('wrongtype'), ConversationContext)).toBeNull();
    expect(h.corrupt).toContain(wrong);
    expect((await h.store.getContext(key('probe'), ConversationContext))?.topic).toBe('x');
    await h.store.setContext(key('wrongtype'), ctx('fixed'), 60);
    expect((await h.store.getContext(key('wrongtype'), ConversationContext))?.topic).toBe('fixed');
    // an earlier-contexts key of the wrong type: reads as none, and the next write that keeps one replaces it
    const earlierKey = wrong.replace(':ctx:', ':ctxe:');
    await raw.set(earlierKey, 'not a list');
    expect((await h.store.getContextWithEarlier(key('wrongtype'), ConversationContext)).earlier).toEqual([]);
    expect(h.corrupt).toContain(earlierKey);
    await h.store.setContext(key('wrongtype'), ctx('next'), 60, { keepPrevious: true });
    expect((await h.store.getContextWithEarlier(key('wrongtype'), ConversationContext)).earlier.map((e) => e.topic)).toEqual(['fixed']);
    await h.store.close();
  });

  it('gives the earlier contexts the TTL of the context, refreshed by every write', async () => {
    const h = redisHarness();
    await (h.store as RedisStore).ready();
    await h.store.setContext(key('ttl'), ctx('a'), 60);
    await h.store.setContext(key('ttl'), ctx('b'), 60, { keepPrevious: true });
    const earlierKey = (await h.keys()).find((k) => k.includes(':ctxe:'))!;
    expect(await raw.ttl(earlierKey)).toBeGreaterThan(50);
    await h.store.setContext(key('ttl'), { ...ctx('b'), shown: 2 }, 600);
    expect(await raw.ttl(earlierKey)).toBeGreaterThan(550);
    await h.store.close();
  });

  it('reads a corrupt installation record as absent, reports it, and keeps listing the others', async () => {
    const prefix = `contract-${randomUUID().slice(0, 8)}:`;
    const corrupt: string[] = [];
    const store = new RedisStore({ url: redisUrl, prefix, onCorrupt: (k) => corrupt.push(k) });
    await store.ready();
    try {
      await store.putInstallation({ id: 'slack:team:T1', platform: 'slack', teamId: 'T1', isEnterpriseInstall: false, installedAt: 'a', updatedAt: 'a', tokenRotation: false, sealed: 'v1.k1.x' });
      await raw.set(`${prefix}inst:${encodeURIComponent('slack:team:T2')}`, '{"id":"slack:team:T2","sealed":');
      await raw.sadd(`${prefix}insts`, 'slack:team:T2');
      expect(await store.getInstallation('slack:team:T2')).toBeNull();
      expect((await store.listInstallations()).map((i) => i.id)).toEqual(['slack:team:T1']);
      expect(corrupt.some((k) => k.includes('T2'))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("keeps a workspace's conversations index only as long as its conversations live", async () => {
    const prefix = `contract-${randomUUID().slice(0, 8)}:`;
    const store = new RedisStore({ url: redisUrl, prefix });
    await store.ready();
    try {
      await store.setContext({ platform: 'slack', workspace: 'T1', conversation: 'C1' }, ctx('a'), 60);
      await store.markBotThread({ platform: 'slack', workspace: 'T1', conversation: 'C1', thread: '1.1' }, 120);
      const index = `${prefix}wsconv:slack:T1`;
      expect(await raw.zcard(index)).toBe(2);
      expect(await raw.ttl(index)).toBeGreaterThan(100);
      // a wrong-typed index (corrupt data) is replaced, not an error
      await raw.del(index);
      await raw.set(index, 'junk');
      await store.setContext({ platform: 'slack', workspace: 'T1', conversation: 'C2' }, ctx('b'), 60);
      expect(await raw.type(index)).toBe('zset');
    } finally {
      await store.close();
    }
  });
});
