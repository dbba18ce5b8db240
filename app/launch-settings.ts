import type { Logger } from '../src/logger.js';

/**
 * What bin/plan-bot.js's first line starts node with (`#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node
 * --max-semi-space-size=8`), where only a start can set it: a young generation of 2 × 8 MB instead of V8's 2 × 16 MB
 * on a large machine, and two malloc arenas instead of glibc's up to 8 per core for node's worker threads. Measured by
 * `npm run bench:slack` with BENCH_SERVE_PLAIN=1 (serve started as `node bin/plan-bot.js serve`) against the default
 * in one run; see the README's Measured section.
 */
export const LAUNCH_SETTINGS = { maxSemiSpaceMb: 8, mallocArenaMax: '2' } as const;

/** The launch settings this process actually runs with, read from its own arguments, NODE_OPTIONS and environment. */
export function launchSettings(execArgv: readonly string[] = process.execArgv, env: NodeJS.ProcessEnv = process.env): { maxSemiSpaceMb?: number; mallocArenaMax?: string } {
  let maxSemiSpaceMb: number | undefined;
  // NODE_OPTIONS first: flags on the command line win over it, as node reads them
  for (const a of [...(env.NODE_OPTIONS ?? '').split(/\s+/), ...execArgv]) {
    const m = /^--max[-_]semi[-_]space[-_]size=(\d+)$/.exec(a);
    if (m) maxSemiSpaceMb = Number(m[1]);
  }
  return { ...(maxSemiSpaceMb !== undefined ? { maxSemiSpaceMb } : {}), ...(env.MALLOC_ARENA_MAX ? { mallocArenaMax: env.MALLOC_ARENA_MAX } : {}) };
}

/** Say at start which memory settings serve runs with, and warn naming each that differs from the bin's. */
export function reportLaunchSettings(log: Logger, settings = launchSettings()): void {
  const off = (Object.keys(LAUNCH_SETTINGS) as (keyof typeof LAUNCH_SETTINGS)[]).filter((key) => settings[key] !== LAUNCH_SETTINGS[key]);
  if (off.length > 0) {
    log.warn(
      { expected: LAUNCH_SETTINGS, running: settings, differs: off },
      'started without bin/plan-bot.js\'s memory settings (run "bin/plan-bot.js serve", "npx plan-bot serve" or "npm start" rather than "node bin/plan-bot.js serve"): V8 and glibc then size the young generation and malloc arenas for the whole machine',
    );
    return;
  }
  log.info(settings, 'memory: the young generation and malloc arenas as bin/plan-bot.js starts node');
}
