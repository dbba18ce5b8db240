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
