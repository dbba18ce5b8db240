// plan-bot subscriptions list as a real child process against the real (test) Redis: each subscription with its
// schedule, next delivery, last delivery and last failure, as the delivery path recorded them in the Store; the
// filters (--platform, --workspace, --channel) and --json; refusals of bad flags and of a missing REDIS_URL.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { nextDelivery } from '../src/digest/digest-schedule.js';
import { localTime, weekdayOf } from '../src/digest/local-time.js';
import { RedisStore } from '../src/store/redis-store.js';
import type { Subscription } from '../src/store/subscription.js';
import { runPlanBot } from './support/plan-bot-process.js';

const prefix = `t-cli-subs:${process.pid}:${Date.now()}:`;
const env = { REDIS_URL: inject('redisUrl'), REDIS_PREFIX: prefix };
let store: RedisStore;

const base = (id: string, over: Partial<Subscription>): Subscription => ({
  id,
  platform: 'slack',
  workspace: 'T0CLI',
  conversation: 'C0ONE',
  topic: '应急管理',
  time: '09:00',
  tz: 'Asia/Shanghai',
  weekdays: false,
  createdAt: '2026-11-01T00:00:00.000Z',
  active: true,
  ...over,
});

const delivered = base('s-delivered', {});
const retried = base('s-retried', { conversation: 'C0TWO', topic: '养老', time: '18:30', weekdays: true });
const gone = base('s-gone', { conversation: 'C0GONE', topic: '', active: false, deactivatedReason: 'channel_not_found', deactivatedAt: '2026-11-30T01:00:01.000Z' });
const teams = base('s-teams', { platform: 'teams', workspace: 'tenant-1', conversation: '19:abc@thread.tacv2', tz: 'Europe/Berlin', time: '07:15' });
const other = base('s-other', { workspace: 'T0OTHER', conversation: 'C0ONE' });

beforeAll(async () => {
  store = new RedisStore({ url: inject('redisUrl'), prefix, timeoutMs: 2000 });
  await store.ready();
  for (const s of [delivered, retried, gone, teams, other]) await store.putSubscription(s);
  await store.recordDelivery(delivered.id, '2026-11-30', { sent: ['p:1'], lastDate: '2026-11-30' }, Date.parse('2026-12-01T01:00:00Z'));
  await store.logDelivery(delivered.id, { at: '2026-11-30T01:00:05.000Z', date: '2026-11-30', outcome: 'delivered' });
  await store.logDelivery(retried.id, { at: '2026-11-30T10:30:02.000Z', date: '2026-11-30', outcome: 'delivered' });
  await store.logDelivery(retried.id, { at: '2026-12-01T10:30:01.000Z', date: '2026-12-01', outcome: 'retry', reason: 'ratelimited' });
  await store.logDelivery(gone.id, { at: '2026-11-30T01:00:01.000Z', date: '2026-11-30', outcome: 'failed', reason: 'channel_not_found' });
});
afterAll(async () => store?.close());

type Row = Record<string, any>;
async function listJson(...flags: string[]): Promise<Row[]> {
  const r = await runPlanBot(['subscriptions', 'list', '--json', ...flags], '', env);
  expect(r.code, r.stderr).toBe(0);
  return r.lines.map((l) => JSON.parse(l) as Row);
}

describe('plan-bot subscriptions list', () => {
  it('lists every subscription with its next delivery, last delivery and last failure', async () => {
    const rows = await listJson();
    expect(rows.map((r) => r.id)).toEqual(['s-gone', 's-delivered', 's-retried', 's-other', 's-teams']);
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by['s-delivered']).toMatchObject({ platform: 'slack', workspace: 'T0CLI', channel: 'C0ONE', topic: '应急管理', active: true, lastDelivery: { at: '2026-11-30T01:00:05.000Z', date: '2026-11-30' }, lastFailure: null });
    expect(by['s-retried']).toMatchObject({ lastDelivery: { date: '2026-11-30' }, lastFailure: { at: '2026-12-01T10:30:01.000Z', outcome: 'retry', reason: 'ratelimited' }, weekdays: true });
    expect(by['s-gone']).toMatchObject({ active: false, nextDelivery: null, deactivatedReason: 'channel_not_found', lastFailure: { outcome: 'failed', reason: 'channel_not_found' }, lastDelivery: null });
    // the next delivery: in the future, at the subscription's local time, on a day it delivers
    for (const s of [delivered, retried, teams]) {
      const next = Date.parse(by[s.id].nextDelivery);
      expect(next).toBeGreaterThan(Date.now() - 60_000);
      expect(next - Date.now()).toBeLessThan(8 * 24 * 3600_000);
      expect(localTime(next, s.tz).time).toBe(s.time);
      expect(by[s.id].nextDelivery).toBe(new Date(nextDelivery(s, Date.now(), s.id === delivered.id ? '2026-11-30' : undefined).instant).toISOString());
    }
    // a weekdays-only subscription's next digest falls on a weekday
    expect(weekdayOf(localTime(Date.parse(by['s-retried'].nextDelivery), 'Asia/Shanghai').date)).toBeLessThanOrEqual(5);
  });

  it('prints one readable line per subscription', async () => {
    const r = await runPlanBot(['subscriptions', 'list'], '', env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines).toHaveLength(5);
    expect(r.stdout).toContain('slack T0CLI C0ONE "应急管理" daily 09:00 Asia/Shanghai — active — next 20');
    expect(r.stdout).toContain('last delivery 2026-11-30T01:00:05.000Z (digest of 2026-11-30) — last failure none');
    expect(r.stdout).toContain('slack T0CLI C0GONE "(whole plan)" daily 09:00 Asia/Shanghai — inactive (channel_not_found) — next none — last delivery never — last failure 2026-11-30T01:00:01.000Z failed: channel_not_found');
    expect(r.stdout).toContain('last failure 2026-12-01T10:30:01.000Z retry: ratelimited');
  });

  it('filters by platform, workspace and channel', async () => {
    expect((await listJson('--platform', 'teams')).map((r) => r.id)).toEqual(['s-teams']);
    expect((await listJson('--workspace', 'T0CLI')).map((r) => r.id)).toEqual(['s-gone', 's-delivered', 's-retried']);
    expect((await listJson('--channel', 'C0ONE')).map((r) => r.id)).toEqual(['s-delivered', 's-other']);
    expect((await listJson('--platform', 'slack', '--workspace', 'T0CLI', '--channel', 'C0ONE')).map((r) => r.id)).toEqual(['s-delivered']);
    expect((await listJson('--workspace', 'tenant-1', '--channel', '19:abc@thread.tacv2')).map((r) => r.id)).toEqual(['s-teams']);
    expect(await listJson('--platform', 'teams', '--workspace', 'T0CLI')).toEqual([]);
    const none = await runPlanBot(['subscriptions', 'list', '--workspace', 'T0NONE'], '', env);
    expect(none.stdout).toBe('no subscriptions\n');
  });

  it('refuses bad flags and a missing REDIS_URL, naming what to fix', async () => {
    const platform = await runPlanBot(['subscriptions', 'list', '--platform', 'web'], '', env);
    expect(platform.code).toBe(2);
    expect(platform.stderr).toContain('--platform web: expected slack or teams');
    const unknown = await runPlanBot(['subscriptions', 'list', '--team', 'T0CLI'], '', env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--team');
    const sub = await runPlanBot(['subscriptions', 'show'], '', env);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('expected "list"');
    const noRedis = await runPlanBot(['subscriptions', 'list']);
    expect(noRedis.code).toBe(2);
    expect(noRedis.stderr).toContain('REDIS_URL');
  });
});
