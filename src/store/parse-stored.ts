import type { CorruptHandler } from './store.js';

/** A zod schema, as far as reading stored values needs one. */
export type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } };

/**
 * Read a stored JSON value through its schema, for both stores: absent is null, and so is a corrupt or
 * old-format value, which is reported to onCorrupt (the next write replaces it).
 */
export function parseStored<T>(key: string, raw: string | null | undefined, schema: Schema<T>, onCorrupt: CorruptHandler): T | null {
  if (raw === null || raw === undefined || raw === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    onCorrupt(key, `not JSON: ${(err as Error).message}`);
    return null;
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    onCorrupt(key, r.error.message);
    return null;
  }
  return r.data;
}

/** Read a stored list of JSON values through their schema, for both stores: the invalid ones are dropped and reported. */
export function parseStoredList<T>(key: string, raws: readonly string[], schema: Schema<T>, onCorrupt: CorruptHandler): T[] {
  const out: T[] = [];
  raws.forEach((raw, i) => {
    const v = parseStored(`${key}[${i}]`, raw, schema, onCorrupt);
    if (v !== null) out.push(v);
  });
  return out;
}
