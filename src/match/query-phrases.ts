/** The query's CJK runs without leading or trailing question words (如何提高X → 提高X), as phrases to find side by side. */
export function queryPhrases(q: string, stopwords: Set<string>): string[] {
  const out: string[] = [];
  for (const run of q.split(' ')) {
    if (run.length < 3 || !/^[\u3400-\u9fff]+$/.test(run)) continue;
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
    if (r.length >= 3 && r.length <= 12) out.push(r);
  }
  return out;
}
