/**
 * Markers of a kind of request (性价比, how much … cost, 哪个部门牵头): each is parts that must occur in order, with
 * anything between them. Grouped by the first character of their first part, so a question costs one map lookup per
 * character plus a startsWith per candidate, not an indexOf per marker (230 markers: 8 µs a question).
 */
export class MarkerSet<T> {
  private readonly byFirst = new Map<string, { parts: string[]; value: T; order: number }[]>();

  constructor(markers: readonly { parts: string[]; value: T }[]) {
    markers.forEach((m, order) => {
      const head = m.parts[0];
      if (!head) return;
      const list = this.byFirst.get(head[0]!) ?? [];
      list.push({ ...m, order });
      this.byFirst.set(head[0]!, list);
    });
  }

  /** The value of the marker listed first among those the text holds, or undefined when it holds none. */
  find(text: string): T | undefined {
    let best: { value: T; order: number } | undefined;
    for (let i = 0; i < text.length; i++) {
      const list = this.byFirst.get(text[i]!);
      if (!list) continue;
      for (const m of list) {
        if ((best && m.order >= best.order) || !text.startsWith(m.parts[0]!, i)) continue;
        if (restInOrder(text, m.parts, i + m.parts[0]!.length)) best = m;
      }
    }
    return best?.value;
  }
}

/** Whether the parts after the first occur in order from `at`. */
function restInOrder(text: string, parts: string[], at: number): boolean {
  for (let p = 1; p < parts.length; p++) {
    const i = text.indexOf(parts[p]!, at);
    if (i < 0) return false;
    at = i + parts[p]!.length;
  }
  return true;
}
