import { forLog } from '../logger.js';
import type { DeliveryDeps } from './deliver-digest.js';
import { deliverDue, type RunOptions } from './deliver-due.js';

/**
 * plan-bot serve's trigger without Redis (memory mode, one process): a delivery pass (deliverDue, the same
 * function BullMQ's ticks and `plan-bot digest run` call) at start and every tick. Memory mode has no job engine
 * and no other replica, so a timer is all a trigger needs to be.
 */
export class IntervalTrigger {
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
          const r = await deliverDue(this.deps, this.run);
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
