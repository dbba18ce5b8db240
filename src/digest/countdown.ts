import type { Knowledge } from '../knowledge.js';
import { daysBetween } from './local-time.js';

const cache = new WeakMap<Knowledge, Map<string, number[]>>();

/** The years a plan sets targets for: its 行动目标 years, and any "到20XX年" in its text (worked out once per loaded content). */
export function targetYears(k: Knowledge, planIds: readonly string[]): number[] {
  let byPlans = cache.get(k);
  if (!byPlans) cache.set(k, (byPlans = new Map()));
  const key = planIds.join(',');
  const hit = byPlans.get(key);
  if (hit) return hit;
  const years = new Set<number>();
  for (const p of k.library.passages) {
    if (!planIds.includes(p.planId)) continue;
    for (const y of Object.keys(p.years ?? {})) years.add(Number(y));
    for (const m of p.text.matchAll(/到\s*(20\d\d)\s*年/g)) years.add(Number(m[1]));
  }
  const sorted = [...years].sort((a, b) => a - b);
  byPlans.set(key, sorted);
  return sorted;
}

/**
 * The countdown lines of a digest, from the local date: the nearest target year ahead and the plan's last one
 * ("距2025年目标还有 N 天"), or, once every target year is over, how long ago the last one ended.
 */
export function countdownLines(years: readonly number[], localDate: string): string[] {
  if (years.length === 0) return [];
  const daysTo = (y: number) => daysBetween(localDate, `${y}-12-31`);
  const ahead = years.filter((y) => daysTo(y) >= 0);
  if (ahead.length === 0) {
    const last = years[years.length - 1]!;
    return [`${last}年目标期已于${last}年底结束(已过 ${-daysTo(last)} 天)`];
  }
  const shown = [...new Set([ahead[0]!, ahead[ahead.length - 1]!])];
  return shown.map((y) => (daysTo(y) === 0 ? `今天是${y}年目标的最后一天` : `距${y}年目标还有 ${daysTo(y)} 天`));
}
