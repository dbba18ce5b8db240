import { setFlagsFromString } from 'node:v8';
import type { Logger } from '../src/logger.js';

/**
 * Cap how far serve's old generation grows past what is live before V8 collects it (HEAP_GROWTH_PERCENT; 0 leaves
 * V8's own rule). V8 on a large machine lets a busy server's heap grow to up to 4× its live size between full
 * collections, whatever the container is given. `HEAP_GROWTH_PERCENT=0 npm run bench:slack` against the default, on
 * the same machine the same day: serve's RSS after the loads 377 MB with V8's rule, 213 MB with 30 %, at the same
 * throughput (0.98–1.06× against 1.00–1.03× the bare Bolt app). V8 reads this flag at every collection, so setting it
 * at start (before the content loads) takes effect; the flag is not allowed in NODE_OPTIONS, so serve sets it itself.
 */
export function applyHeapGrowth(percent: number, log: Logger): void {
  if (percent <= 0) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  log.info({ heapGrowthPercent: percent }, 'heap: the old generation grows at most this far past its live size between full collections');
}
