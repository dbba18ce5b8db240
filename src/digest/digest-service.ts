import type { CoreConfig } from '../config.js';
import type { Knowledge } from '../knowledge.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { DeliveryDeps } from './deliver-digest.js';
import { DigestQueue } from './digest-queue.js';
import type { DigestSenders } from './digest-sender.js';
import { MemoryDigestLoop } from './memory-digest-loop.js';

export interface DigestDeliveryOptions {
  config: Pick<CoreConfig, 'redisUrl' | 'redisPrefix' | 'digestConcurrency' | 'digestLeaseSeconds'>;
  knowledge: Knowledge;
  store: Store;
  /** the configured platforms' senders (adapters/slack, adapters/teams) */
  senders: DigestSenders;
  logger: Logger;
  now?: () => number;
  /** how often due digests are looked for (default one minute) */
  tickEveryMs?: number;
  /** BullMQ key prefix (default REDIS_PREFIX + "bull") */
  queuePrefix?: string;
}

/** Digest delivery running in this process until stop(). */
export interface DigestDelivery {
  /** present when delivery runs on BullMQ (Redis) */
  queue?: DigestQueue;
  stop(): Promise<void>;
}

/**
 * Start delivering daily digests the way plan-bot serve does: with Redis, on BullMQ (shared by every
 * replica, exactly once per subscription and local date); in memory mode, a loop in this one process.
 */
export async function startDigestDelivery(opts: DigestDeliveryOptions): Promise<DigestDelivery> {
  const { config, store, logger } = opts;
  const deps: DeliveryDeps = { knowledge: opts.knowledge, store, senders: opts.senders, leaseMs: config.digestLeaseSeconds * 1000, now: opts.now ?? Date.now, logger };
  const platforms = Object.keys(opts.senders);
  if (store.kind === 'redis' && config.redisUrl) {
    const queue = new DigestQueue({
      redisUrl: config.redisUrl,
      prefix: opts.queuePrefix ?? `${config.redisPrefix}bull`,
      deps,
      concurrency: config.digestConcurrency,
      ...(opts.tickEveryMs ? { tickEveryMs: opts.tickEveryMs } : {}),
    });
    await queue.start();
    logger.info({ platforms, concurrency: config.digestConcurrency }, 'daily digests: delivering with BullMQ');
    return { queue, stop: () => queue.stop() };
  }
  const loop = new MemoryDigestLoop(deps, { concurrency: config.digestConcurrency, maxAttempts: 5, maxWaitMs: 60_000 }, opts.tickEveryMs);
  loop.start();
  logger.warn({ platforms }, 'daily digests: memory mode, subscriptions will not survive a restart (set REDIS_URL)');
  return { stop: () => loop.stop() };
}
