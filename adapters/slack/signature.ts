import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from our clock before it counts as a replay (Slack's own rule: 5 minutes). */
export const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing_signature' | 'stale_timestamp' | 'bad_signature' };

/** The v0 signature Slack sends: HMAC-SHA256 over `v0:{timestamp}:{raw body}` keyed with the signing secret. */
export function slackSignature(secret: string, timestamp: string | number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * Check that a request came from Slack: a v0 signature over the exact raw body, and a timestamp within
 * 5 minutes of now (either way) so a captured request cannot be replayed later.
 */
export function verifySlackSignature(input: {
  secret: string;
  rawBody: string;
  timestamp: string | string[] | undefined;
  signature: string | string[] | undefined;
  nowMs?: number;
}): SignatureVerdict {
  const { timestamp, signature } = input;
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return { ok: false, reason: 'missing_signature' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'bad_signature' };
  const now = Math.floor((input.nowMs ?? Date.now()) / 1000);
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(slackSignature(input.secret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
