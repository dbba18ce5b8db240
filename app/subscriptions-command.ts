import { nextDelivery } from '../src/digest/digest-schedule.js';
import { CodedError } from '../src/errors.js';
import { silentLogger } from '../src/logger.js';
import type { DeliveryLogEntry } from '../src/store/delivery-log.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import type { Subscription } from '../src/store/subscription.js';
import { COMMAND_USAGE } from './cli-usage.js';
import type { Config } from './config.js';
import { parseCommandArgs } from './parse-command-args.js';

/** The platforms whose subscriptions post digests (the only ones a subscription can be made on). */
const PLATFORMS = ['slack', 'teams'] as const;

/** Subscriptions whose logs are read at once: bounded round trips in flight however many there are. */
const CONCURRENCY = 50;

interface Filter {
  platform?: (typeof PLATFORMS)[number];
  workspace?: string;
  channel?: string;
}

/** One subscription as `subscriptions list` shows it: what it is, and its next delivery, last delivery and last failure. */
export interface SubscriptionRow {
  id: string;
  platform: string;
  workspace: string;
  channel: string;
  topic: string;
  time: string;
  tz: string;
  weekdays: boolean;
  active: boolean;
  deactivatedReason?: string;
  deactivatedAt?: string;
  /** when the next digest is due (ISO-8601, UTC); null when inactive */
  nextDelivery: string | null;
  /** the last digest posted: when (from the delivery log; absent when only the record of its date is left) and for which local date */
  lastDelivery: { at?: string; date: string } | null;
  /** the last attempt that did not post (retry or failed) and why, or the deactivation */
  lastFailure: { at?: string; date?: string; outcome: DeliveryLogEntry['outcome'] | 'deactivated'; reason?: string } | null;
}

/** The flags, each value checked; an unknown flag is refused by parseArgs, naming it. */
function parseFilter(args: string[]): { filter: Filter; json: boolean } {
  const { values, positionals } = parseCommandArgs(args, { platform: { type: 'string' }, workspace: { type: 'string' }, channel: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length) throw new CodedError('INPUT_INVALID', `unexpected argument ${JSON.stringify(positionals[0])}`);
  const filter: Filter = {};
  const platform = values.platform as string | undefined;
  if (platform !== undefined) {
    if (!(PLATFORMS as readonly string[]).includes(platform)) throw new CodedError('INPUT_INVALID', `--platform ${platform}: expected slack or teams`);
    filter.platform = platform as Filter['platform'];
  }
  for (const name of ['workspace', 'channel'] as const) {
    const v = values[name] as string | undefined;
    if (v === undefined) continue;
    if (!/^\S{1,200}$/.test(v)) throw new CodedError('INPUT_INVALID', `--${name}: expected an id (no spaces, at most 200 characters)`);
    filter[name] = v;
  }
  return { filter, json: values.json === true };
}

/** The subscriptions the filter selects, through the indexes when a workspace is given, else one SCAN of the records. */
async function select(store: Store, f: Filter): Promise<Subscription[]> {
  const platforms = f.platform ? [f.platform] : PLATFORMS;
  let subs: Subscription[];
  if (f.workspace && f.channel) subs = (await Promise.all(platforms.map((platform) => store.listChannelSubscriptions({ platform, workspace: f.workspace!, conversation: f.channel! })))).flat();
  else if (f.workspace) subs = (await Promise.all(platforms.map((p) => store.listWorkspaceSubscriptions(p, f.workspace!)))).flat();
  else subs = await store.listSubscriptions();
  return subs
    .filter((s) => (!f.platform || s.platform === f.platform) && (!f.channel || s.conversation === f.channel))
    .sort((a, b) => a.platform.localeCompare(b.platform) || a.workspace.localeCompare(b.workspace) || a.conversation.localeCompare(b.conversation) || a.createdAt.localeCompare(b.createdAt));
}

/** A subscription's row, from its record, its delivery log (newest first) and the last date its record says was sent. */
export function subscriptionRow(sub: Subscription, log: readonly DeliveryLogEntry[], lastDate: string | undefined, now: number): SubscriptionRow {
  const delivered = log.find((e) => e.outcome === 'delivered');
  const failed = log.find((e) => e.outcome !== 'delivered');
  let lastFailure: SubscriptionRow['lastFailure'] = null;
  if (failed) lastFailure = { at: failed.at, date: failed.date, outcome: failed.outcome, ...(failed.reason ? { reason: failed.reason } : {}) };
  else if (!sub.active && sub.deactivatedReason) lastFailure = { ...(sub.deactivatedAt ? { at: sub.deactivatedAt } : {}), outcome: 'deactivated', reason: sub.deactivatedReason };
  return {
    id: sub.id,
    platform: sub.platform,
    workspace: sub.workspace,
    channel: sub.conversation,
    topic: sub.topic,
    time: sub.time,
    tz: sub.tz,
    weekdays: sub.weekdays,
    active: sub.active,
    ...(sub.deactivatedReason ? { deactivatedReason: sub.deactivatedReason } : {}),
    ...(sub.deactivatedAt ? { deactivatedAt: sub.deactivatedAt } : {}),
    nextDelivery: sub.active ? new Date(nextDelivery(sub, now, lastDate).instant).toISOString() : null,
    lastDelivery: delivered ? { at: delivered.at, date: delivered.date } : lastDate ? { date: lastDate } : null,
    lastFailure,
  };
}

/** The text form: one line per subscription. */
function line(r: SubscriptionRow): string {
  const what = `${r.platform} ${r.workspace} ${r.channel} "${r.topic || '(whole plan)'}" ${r.weekdays ? 'weekdays' : 'daily'} ${r.time} ${r.tz}`;
  const state = r.active ? 'active' : `inactive (${r.deactivatedReason ?? 'unknown reason'})`;
  const next = r.nextDelivery ? `next ${r.nextDelivery}` : 'next none';
  const last = r.lastDelivery ? `last delivery ${r.lastDelivery.at ?? 'at an unknown time'} (digest of ${r.lastDelivery.date})` : 'last delivery never';
  const f = r.lastFailure;
  const failure = f ? `last failure ${f.at ?? 'at an unknown time'} ${f.outcome}${f.reason ? `: ${f.reason}` : ''}` : 'last failure none';
  return `${what} — ${state} — ${next} — ${last} — ${failure}`;
}

/** Each subscription's row, reading the logs of at most CONCURRENCY subscriptions at once. */
async function rows(store: Store, subs: Subscription[], now: number): Promise<SubscriptionRow[]> {
  const out: SubscriptionRow[] = [];
  for (let i = 0; i < subs.length; i += CONCURRENCY) {
    const batch = subs.slice(i, i + CONCURRENCY);
    out.push(...(await Promise.all(batch.map(async (s) => subscriptionRow(s, await store.deliveryLog(s.id), (await store.getCursor(s.id))?.lastDate, now)))));
  }
  return out;
}

/** plan-bot subscriptions list [--platform slack|teams] [--workspace ID] [--channel ID] [--json]. */
export async function subscriptionsCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw new CodedError('INPUT_INVALID', `plan-bot subscriptions ${sub ?? ''}: expected "list"\n${COMMAND_USAGE.subscriptions}`);
  const { filter, json } = parseFilter(rest);
  if (!config.redisUrl) throw new CodedError('CONFIG_INVALID', 'plan-bot subscriptions list reads the subscriptions in Redis; set REDIS_URL (and REDIS_PREFIX) as for plan-bot serve (without Redis they live only inside serve)');
  const store = await openStore(config.redisUrl, { prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs, logger: silentLogger() });
  try {
    if (!(await store.ping())) throw new CodedError('STORE_UNAVAILABLE', 'Redis at REDIS_URL does not answer; plan-bot subscriptions list needs it');
    const found = await rows(store, await select(store, filter), Date.now());
    if (json) for (const r of found) process.stdout.write(`${JSON.stringify(r)}\n`);
    else process.stdout.write(found.length ? `${found.map(line).join('\n')}\n` : 'no subscriptions\n');
    return 0;
  } finally {
    await store.close();
  }
}
