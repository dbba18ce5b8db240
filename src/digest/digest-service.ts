import type { CoreConfig } from '../config.js';
import type { Knowledge } from '../knowledge.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/store.js';
import type { BullmqTrigger } from './bullmq-trigger.js';
import type { DeliveryDeps } from './deliver-digest.js';
import { DEFAULT_RETRIES, type RunOptions } from './deliver-due.js';
import type { DigestSenders } from './digest-sender.js';
import { IntervalTrigger } from './interval-trigger.js';

export interface DigestDeliveryOptions {
  config: Pick<CoreConfig, 'redisUrl' | 'redisPrefix' | 'digestConcurrency' | 'digestLeaseSeconds'>;
  knowledge: Knowledge;
  store: Store;
  /** the configured platforms' senders (adapters/slack, adapters/teams) */
  senders: DigestSenders;
  logger: Logger;
  /** what delivery reports (deliveries, retries, failures, lag); default nothing */
  metrics?: Metrics;
  now?: () => number;
  /** how often a delivery pass runs (default one minute) */
  tickEveryMs?: number;
  /** how a pass retries (tests pass a sleep that does not really wait) */
  run?: Partial<RunOptions>;
  /** BullMQ key prefix (default REDIS_PREFIX + "bull") */
  queuePrefix?: string;
}

/** Digest delivery running in this process until stop(). */
export interface DigestDelivery {
  /** present when passes are triggered by BullMQ (Redis) */
  queue?: BullmqTrigger;
  stop(): Promise<void>;
}

/**
 * Start delivering daily digests the way plan-bot serve does: a delivery pass (deliverDue) every tick, triggered
 * with Redis by BullMQ's job scheduler (one replica per tick), in memory mode by a timer in this one process.
 */
export async function startDigestDelivery(opts: DigestDeliveryOptions): Promise<DigestDelivery> {
  const { config, store, logger } = opts;
  const deps: DeliveryDeps = { knowledge: opts.knowledge, store, senders: opts.senders, leaseMs: config.digestLeaseSeconds * 1000, now: opts.now ?? Date.now, logger, ...(opts.metrics ? { metrics: opts.metrics } : {}) };
  const run: RunOptions = { concurrency: config.digestConcurrency, ...DEFAULT_RETRIES, ...opts.run };
  const platforms = Object.keys(opts.senders);
  if (store.kind === 'redis' && config.redisUrl) {
    // BullMQ is loaded only here: memory mode and the CLI never need it
    const { BullmqTrigger } = await import('./bullmq-trigger.js');
    const queue = new BullmqTrigger({
      redisUrl: config.redisUrl,
      prefix: opts.queuePrefix ?? `${config.redisPrefix}bull`,
      deps,
      run,
      ...(opts.tickEveryMs ? { tickEveryMs: opts.tickEveryMs } : {}),
    });
    try {
      await queue.start();
    } catch (err) {
      // its connections are open already: close them, or they keep a process that failed to start alive
      await queue.stop();
      throw err;
    }
    logger.info({ platforms, concurrency: config.digestConcurrency }, 'daily digests: passes triggered by BullMQ');
    return { queue, stop: () => queue.stop() };
  }
  const loop = new IntervalTrigger(deps, run, opts.tickEveryMs);
  loop.start();
  logger.warn({ platforms }, 'daily digests: memory mode, subscriptions will not survive a restart (set REDIS_URL)');
  return { stop: () => loop.stop() };
}
