/**
 * Remember a pure function's answers for its most recent inputs (at most `max`; the memory is emptied when full, so
 * it never grows past that): a question's text is normalised by several stages of one turn.
 */
export function boundedMemo<T>(fn: (s: string) => T, max: number): (s: string) => T {
  const seen = new Map<string, T>();
  return (s: string): T => {
    let v = seen.get(s);
    if (v === undefined && !seen.has(s)) {
      v = fn(s);
      if (seen.size >= max) seen.clear();
      seen.set(s, v);
    }
    return v as T;
  };
}
