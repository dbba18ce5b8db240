/** The serialised bytes of each prepared body, looked up by identity (so spreading or copying a body drops them). */
const BYTES = new WeakMap<object, Buffer>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Serialise a response body once, for every later request that acks with this same object (frozen, since it is
 * shared): the HTTP receiver writes these bytes instead of having Bolt's HTTPResponseAck stringify the body again.
 * Socket Mode still sends the object as it is. Kept for `npm run bench:slack`: with the rendered ack bodies cached
 * and serialised once, 0.85× and 0.90× the bare Bolt app; rendering and stringifying each, 0.54× and 0.56×
 * (the figures and runs are on SlashAckCache).
 */
export function prepareJson<T extends object>(body: T): T {
  BYTES.set(body, Buffer.from(JSON.stringify(body), 'utf8'));
  return deepFreeze(body);
}

/** The bytes prepareJson made for this value, if it is a prepared body. */
export function preparedBytes(value: unknown): Buffer | undefined {
  return typeof value === 'object' && value !== null ? BYTES.get(value) : undefined;
}
