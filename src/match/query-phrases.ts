/**
 * The query's CJK runs without leading or trailing question words (如何提高X → 提高X), as phrases to find side by side;
 * a run that ties terms with 的 (基层智慧治理的标准体系) is also looked for without it, as the plan writes such a
 * compound (制定基层智慧治理标准体系).
 */
export function queryPhrases(q: string, stopwords: Set<string>): string[] {
  const out: string[] = [];
  for (const run of q.split(' ')) {
    if (run.length < 3 || !/^[\u3400-\u9fff]+$/.test(run)) continue;
    const whole = trimmed(run, stopwords);
    if (whole) out.push(whole);
    if (!run.includes('的')) continue;
    const joined = trimmed(run.replaceAll('的', ''), stopwords);
    if (joined && joined !== whole && !out.includes(joined)) out.push(joined);
  }
  return out;
}

/** A run without its leading and trailing stopwords, if 3 to 12 characters are left. */
function trimmed(run: string, stopwords: Set<string>): string | undefined {
  let r = run;
  for (let changed = true; changed && r; ) {
    changed = false;
    for (let n = 3; n >= 1; n--) {
      if (r.length > n && stopwords.has(r.slice(0, n))) {
        r = r.slice(n);
        changed = true;
        break;
      }
      if (r.length > n && stopwords.has(r.slice(-n))) {
        r = r.slice(0, -n);
        changed = true;
        break;
      }
    }
  }
  return r.length >= 3 && r.length <= 12 ? r : undefined;
}

/**
 * Two counted words typed side by side (or with a space between, as an English question reads: smart earthquake
 * prevention → 智慧 防震减灾) that the plan also writes side by side (乡村 治理 in 乡村治理怎么数字化), at least `min`
 * characters together: phrases a passage writing them as one ranks above one holding the words apart.
 */
export function typedPairs(concepts: readonly { text: string; counts: boolean }[], typed: string, planWrites: (s: string) => boolean, min: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < concepts.length; i++) {
    const [a, b] = [concepts[i]!, concepts[i + 1]!];
    const pair = a.text + b.text;
    if (pair.length < min || !a.counts || !b.counts || out.includes(pair)) continue;
    if ((typed.includes(pair) || typed.includes(`${a.text} ${b.text}`)) && planWrites(pair)) out.push(pair);
  }
  return out;
}
