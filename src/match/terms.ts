/** Helpers that turn normalised text into index terms: CJK bigrams, long jieba words and ASCII words. */

const RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

/** True when the character is a CJK ideograph (a code-point range check: it runs on every query word). */
export function isCjk(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** Split normalised text into runs of CJK characters and runs of ASCII letters/digits. */
export function runs(s: string): string[] {
  return s.match(RUNS) ?? [];
}

/** All overlapping character bigrams of a CJK run (a single character yields nothing). */
export function bigrams(run: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}
