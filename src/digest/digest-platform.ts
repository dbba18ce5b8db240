import type { CoreConfig } from '../config.js';
import type { PlatformDeps, PlatformProvider } from '../platform.js';
import type { DigestSenders } from './digest-sender.js';
import { startDigestDelivery, type DigestDelivery } from './digest-service.js';

export interface DigestProviderOptions<C extends CoreConfig = CoreConfig> {
  /** the senders of the configured platforms, built by the composition root (app/serve.ts) from the platform providers */
  senders: (deps: PlatformDeps<C>) => DigestSenders;
  now?: () => number;
  tickEveryMs?: number;
  queuePrefix?: string;
}

/**
 * The digest scheduler as one entry of plan-bot serve's provider list: it starts delivering once the
 * server listens and stops (finishing the digests in flight) on SIGTERM. DIGEST_ENABLED=false turns it off.
 */
export function digestProvider<C extends CoreConfig = CoreConfig>(opts: DigestProviderOptions<C>): PlatformProvider<C> {
  return {
    name: 'digest',
    async open(deps) {
      if (!deps.config.digestEnabled) return { off: 'DIGEST_ENABLED=false; subscriptions can still be managed here, another process delivers' };
      let delivery: DigestDelivery | undefined;
      return {
        start: async () => {
          delivery = await startDigestDelivery({
            config: deps.config,
            knowledge: deps.knowledge,
            store: deps.store,
            senders: opts.senders(deps),
            logger: deps.logger,
            ...(deps.metrics ? { metrics: deps.metrics } : {}),
            ...(opts.now ? { now: opts.now } : {}),
            ...(opts.tickEveryMs ? { tickEveryMs: opts.tickEveryMs } : {}),
            ...(opts.queuePrefix ? { queuePrefix: opts.queuePrefix } : {}),
          });
        },
        close: async () => {
          await delivery?.stop();
        },
      };
    },
  };
}
