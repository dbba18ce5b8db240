import type { Logger } from '../src/logger.js';

/**
 * What bin/plan-bot.js's first line starts node with (`#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node
 * --max-semi-space-size=8`), where only a start can set it: a young generation of 2 × 8 MB instead of V8's 2 × 16 MB
 * on a large machine, and two malloc arenas instead of glibc's up to 8 per core for node's worker threads. Measured by
 * `npm run bench:slack` with BENCH_SERVE_PLAIN=1 (serve started as `node bin/plan-bot.js serve`) against the default
 * in one run; see the README's Measured section.
 */
export const LAUNCH_SETTINGS = { maxSemiSpaceMb: 8, mallocArenaMax: '2' } as const;

/** The launch settings this process actually runs with, read from its own arguments and environment. */
export function launchSettings(execArgv: readonly string[] = process.execArgv, env: NodeJS.ProcessEnv = process.env): { maxSemiSpaceMb?: number; mallocArenaMax?: string } {
  let maxSemiSpaceMb: number | undefined;
  for (const a of execArgv) {
    const m = /^--max[-_]semi[-_]space[-_]size=(\d+)$/.exec(a);
    if (m) maxSemiSpaceMb = Number(m[1]);
  }
  return { ...(maxSemiSpaceMb !== undefined ? { maxSemiSpaceMb } : {}), ...(env.MALLOC_ARENA_MAX ? { mallocArenaMax: env.MALLOC_ARENA_MAX } : {}) };
}

/** Say at start which memory settings serve runs with, and warn when it was started without the bin's. */
export function reportLaunchSettings(log: Logger, settings = launchSettings()): void {
  if (settings.maxSemiSpaceMb === undefined && settings.mallocArenaMax === undefined) {
    log.warn(
      LAUNCH_SETTINGS,
      'started without bin/plan-bot.js\'s memory settings (run "bin/plan-bot.js serve", "npx plan-bot serve" or "npm start" rather than "node bin/plan-bot.js serve"): V8 and glibc then size the young generation and malloc arenas for the whole machine',
    );
    return;
  }
  log.info(settings, 'memory: the young generation and malloc arenas as bin/plan-bot.js starts node');
}
