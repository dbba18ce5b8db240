// `node --import ./peak-rss.mjs …` (scripts/bench-cold-start.ts): at exit, writes the process's peak resident set
// size in kB to the file named by PEAK_RSS_FILE. Loaded into every process the bench compares, so each pays the
// same for it (one small module). On Linux it is VmHWM of /proc/self/status, the peak of this program's own memory:
// getrusage's ru_maxrss would also count the copy of the parent (the bench, hundreds of MB) that the child was
// forked from before it ran node.
import { readFileSync, writeFileSync } from 'node:fs';

/** Peak RSS in kB: VmHWM where /proc has it, else getrusage's ru_maxrss. */
function peakRssKb() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  return process.resourceUsage().maxRSS;
}

const file = process.env.PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(peakRssKb())));
