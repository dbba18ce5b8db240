/**
 * A nesting-depth gauge for JSON text, fed the raw bytes as they arrive: it counts open brackets outside strings,
 * so a body nested deeper than a route allows is refused before JSON.parse builds (or chokes on) it. One pass,
 * constant memory; it does not validate the JSON, JSON.parse still does.
 */
export class JsonDepthGauge {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** the deepest nesting seen so far */
  deepest = 0;

  /** Feed the next bytes; returns false as soon as the nesting exceeds max. */
  feed(bytes: Uint8Array, max: number): boolean {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === 0x5c) this.escaped = true;
        else if (b === 0x22) this.inString = false;
        continue;
      }
      if (b === 0x22) this.inString = true;
      else if (b === 0x7b || b === 0x5b) {
        this.depth += 1;
        if (this.depth > this.deepest) this.deepest = this.depth;
        if (this.depth > max) return false;
      } else if ((b === 0x7d || b === 0x5d) && this.depth > 0) this.depth -= 1;
    }
    return true;
  }
}
