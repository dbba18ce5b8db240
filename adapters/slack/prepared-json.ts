/** Where a prepared body keeps its serialised bytes: a symbol, so spreading or JSON.stringify never sees them. */
const JSON_BYTES = Symbol('plan-bot.json-bytes');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Serialise a response body once and attach the UTF-8 bytes to it (frozen, since it is shared): the HTTP
 * receiver then writes the bytes as they are, while Socket Mode, which copies the object's fields, still works.
 */
export function prepareJson<T extends object>(body: T): T {
  Object.defineProperty(body, JSON_BYTES, { value: Buffer.from(JSON.stringify(body), 'utf8'), enumerable: false });
  return deepFreeze(body);
}

/** The bytes prepareJson attached, if this value is a prepared body. */
export function preparedBytes(value: unknown): Buffer | undefined {
  return typeof value === 'object' && value !== null ? ((value as Record<symbol, unknown>)[JSON_BYTES] as Buffer | undefined) : undefined;
}
