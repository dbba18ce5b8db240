import type { Redis } from 'ioredis';

/** How long a runner's heartbeat lives unless refreshed: a killed runner's leases are taken over after this. */
export const HEARTBEAT_TTL_MS = 5_000;
const REFRESH_EVERY_MS = 1_000;

/**
 * This process's heartbeat as a digest runner: a key that expires HEARTBEAT_TTL_MS after its last refresh. Every
 * delivery lease names its holder's heartbeat, so the claim script hands a killed runner's leases to the next
 * runner within seconds instead of at the end of the lease (redis-delivery-claim.ts). The claim script writes it
 * first; a timer refreshes it from then on, until close().
 */
export class RunnerHeartbeat {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly onError: (err: Error) => void,
  ) {}

  /** Keep the heartbeat alive from now on (called on each claim; starts the refresh timer once). */
  beat(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.redis.set(this.key, '1', 'PX', HEARTBEAT_TTL_MS).catch((err: Error) => this.onError(err));
    }, REFRESH_EVERY_MS);
    this.timer.unref();
  }

  /** Stop refreshing and drop the key (a runner that stops cleanly holds no lease any more). */
  async close(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.redis.del(this.key).catch((err: Error) => this.onError(err));
  }
}
