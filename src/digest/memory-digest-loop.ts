import { forLog } from '../logger.js';
import type { DeliveryDeps } from './deliver-digest.js';
import { runDue, type RunOptions } from './run-due.js';

/**
 * Digest delivery without Redis (memory mode, one process): a pass over the due digests at start and
 * every tick. With Redis, serve uses the BullMQ queue instead; this loop exists only because memory
 * mode has no job engine (and no other replica to coordinate with).
 */
export class MemoryDigestLoop {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: DeliveryDeps,
    private readonly run: RunOptions,
    private readonly everyMs = 60_000,
  ) {}

  /** One pass now (catch-up after a restart), then one per tick; a pass still running makes the next wait. */
  start(): void {
    const pass = () => {
      this.running = this.running.then(async () => {
        try {
          const r = await runDue(this.deps, this.run);
          if (r.due) this.deps.logger.info({ ...r }, 'digest pass');
        } catch (err) {
          this.deps.logger.error({ err: forLog((err as Error).message) }, 'digest pass failed');
        }
      });
    };
    pass();
    this.timer = setInterval(pass, this.everyMs);
    this.timer.unref();
  }

  /** Stop ticking and wait for a pass in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
