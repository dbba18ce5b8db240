// Issue 11's "done when" for exactly once across crashes: 300 Slack channels are due; a `plan-bot digest run` is
// SIGKILLed right after its first posts reached Slack (a local stand-in that keeps each post in the channel's
// history the moment it arrives, with its metadata, and answers it late), so those posts are out but unrecorded.
// A second run then gives every channel exactly one digest, and does not wait for the killed run's leases to end.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { digestMetadata } from '../../adapters/slack/slack-digest-sender.js';
import { spawnPlanBot } from '../support/plan-bot-process.js';
import { redisStore, slackSub, uniquePrefix } from './support/digest-fixtures.js';
import { postMessages, startSlackStandIn, type StandIn } from './support/stand-in-server.js';

const CHANNELS = Array.from({ length: 300 }, (_, i) => `C0CRASH${String(i).padStart(3, '0')}`);
const NOW = '2026-12-01T09:05:00+08:00';
const prefix = uniquePrefix('crash');
const store = redisStore(prefix);
let slack: StandIn;
let env: Record<string, string>;

beforeAll(async () => {
  await store.ready();
  slack = await startSlackStandIn();
  for (const c of CHANNELS) await store.putSubscription(slackSub(c));
  env = {
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: prefix,
    SLACK_BOT_TOKEN: 'xoxb-test-crash',
    SLACK_SIGNING_SECRET: 'c0ffee00crash0signing0secret000',
    SLACK_API_URL: `${slack.origin}/api/`,
    LOG_LEVEL: 'warn',
    DIGEST_CONCURRENCY: '20',
    // the default lease: the second run must not wait for it
    DIGEST_LEASE_SECONDS: '600',
  };
});
afterAll(async () => {
  await slack?.close();
  await store.close();
});

describe('exactly once across a crash', () => {
  it('a run killed right after its first posts, then a second run: one digest per channel, none waits for the lease', async () => {
    // every post is in the channel at once but answered only after 400 ms: the killed run posts, never records
    slack.latencyMs = 400;
    const first = spawnPlanBot(['digest', 'run', '--now', NOW], '', env, 60_000);
    const deadline = Date.now() + 20_000;
    while (postMessages(slack).length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    const killed = await first.result;
    expect(killed.signal, `${killed.code} ${killed.stdout} ${killed.stderr.slice(0, 3000)}`).toBe("SIGKILL");
    const landedBeforeKill = postMessages(slack).length;
    expect(landedBeforeKill).toBeGreaterThanOrEqual(5);
    expect(landedBeforeKill).toBeLessThan(CHANNELS.length);
    slack.latencyMs = 0;

    const started = Date.now();
    const second = await spawnPlanBot(['digest', 'run', '--now', NOW], '', env, 60_000).result;
    const tookMs = Date.now() - started;
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.lines[second.lines.length - 1]!) as { due: number; delivered: number; skipped: number; held: number; failed: number };
    expect(report).toMatchObject({ held: 0, failed: 0 });
    // the killed run's posts were found in the channels' history and only recorded
    expect(report.skipped).toBeGreaterThanOrEqual(landedBeforeKill - (CHANNELS.length - report.due));
    expect(tookMs).toBeLessThan(30_000);

    const per = new Map<string, number>();
    for (const m of postMessages(slack)) per.set(m.body.channel, (per.get(m.body.channel) ?? 0) + 1);
    expect(CHANNELS.filter((c) => per.get(c) !== 1)).toEqual([]);
    // each post carries the metadata that lets a later runner find it
    for (const m of postMessages(slack)) {
      const sub = slackSub(m.body.channel);
      expect(m.body.metadata).toEqual(digestMetadata(sub, '2026-12-01'));
    }
    // the lookups read only today's part of the history, with metadata, a bounded page
    const lookups = slack.received.filter((r) => r.path === '/api/conversations.history');
    expect(lookups.length).toBeGreaterThan(0);
    for (const l of lookups) expect(l.body).toMatchObject({ oldest: String(Date.parse('2026-12-01T00:00:00+08:00') / 1000), include_all_metadata: 'true', limit: '200' });
    // every digest is recorded: a third run finds nothing due
    const third = await spawnPlanBot(['digest', 'run', '--now', NOW], '', env, 30_000).result;
    expect(JSON.parse(third.lines[third.lines.length - 1]!)).toMatchObject({ due: 0 });
  }, 90_000);
});
