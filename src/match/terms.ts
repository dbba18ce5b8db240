/** Helpers that turn normalised text into index terms: CJK bigrams, long jieba words and ASCII words. */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

/** True when the character is a CJK ideograph. */
export function isCjk(ch: string): boolean {
  return CJK.test(ch);
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
