import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Notices that Redis lost plan-bot's data (a FLUSHALL, a restart without persistence, an eviction). The epoch is
 * a marker key written once per data set and never expiring; each check reads it: gone (or replaced by another
 * replica that noticed first) means the data set this process knew is gone. The check then writes a new epoch, so
 * the loss is reported once per process, and remembers when it happened. Concurrent checks share one round trip.
 */
export class DataEpoch {
  private known?: string;
  private inFlight?: Promise<void>;
  /** when this process last noticed a loss (its own clock, ms) */
  lostAt?: number;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly onLost: (info: { key: string }) => void,
  ) {}

  /** Read the epoch (writing it when absent); throws when Redis does not answer. */
  check(): Promise<void> {
    this.inFlight ??= this.read().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async read(): Promise<void> {
    let current = await this.redis.get(this.key);
    if (current === null) {
      const fresh = `${new Date().toISOString()} ${randomUUID()}`;
      current = (await this.redis.set(this.key, fresh, 'NX')) === 'OK' ? fresh : ((await this.redis.get(this.key)) ?? fresh);
    }
    // the first sight is the data set this process works with (a new Redis gets its first epoch here)
    if (this.known !== undefined && current !== this.known) {
      this.lostAt = Date.now();
      this.onLost({ key: this.key });
    }
    this.known = current;
  }
}
