import { setFlagsFromString } from 'node:v8';
import type { Logger } from '../src/logger.js';

/**
 * Cap how far serve's old generation grows past what is live before V8 collects it (HEAP_GROWTH_PERCENT; 0 leaves
 * V8's own rule). V8 on a large machine lets a busy server's heap grow to up to 4× its live size between full
 * collections, whatever the container is given. Under bench:slack's mixed load (plan-bot serve with Slack, Teams and
 * Redis; live heap ≈ 73 MB) RSS swung between 220 and 330 MB with V8's rule and held at 220–231 MB with 30 %, for the
 * same server CPU per /plan (65–95 against 69–99 µs). V8 reads this flag at every collection, so setting it at start
 * (before the content loads) takes effect; the flag is not allowed in NODE_OPTIONS, which is why serve sets it itself.
 */
export function applyHeapGrowth(percent: number, log: Logger): void {
  if (percent <= 0) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  log.debug({ heapGrowthPercent: percent }, 'old generation grows at most this far past its live size between full collections');
}
