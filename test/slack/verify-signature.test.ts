import { createHmac } from 'node:crypto';
import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../adapters/slack/verify-signature.js';

// plan-bot checks Slack's signature itself (see the comment on verifySignature); here it is held to Bolt's
// verifySlackRequest on every body Bolt gets right, and the two cases Bolt gets wrong are pinned down.
const SECRET = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const NOW_MS = 1_700_000_000_000;
const NOW = NOW_MS / 1000;

function sign(raw: Buffer, ts: number, secret = SECRET): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:`).update(raw).digest('hex');
}

function bolt(raw: Buffer, ts: number, signature: string): boolean {
  try {
    verifySlackRequest({ signingSecret: SECRET, body: raw.toString('utf8'), headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts }, nowMilliseconds: NOW_MS });
    return true;
  } catch (err) {
    if ((err as Error).message.startsWith('Failed to verify authenticity')) return false;
    throw err;
  }
}

const ours = (raw: Buffer, ts: number, signature: string) => verifySignature({ secret: SECRET, rawBody: raw, timestamp: String(ts), signature, nowMs: NOW_MS }).ok;

const BODIES = [
  'command=%2Fplan&text=%E5%BA%94%E6%80%A5%E7%AE%A1%E7%90%86&team_id=T0&channel_id=C0&user_id=U0',
  '{"type":"event_callback","event":{"type":"app_mention","text":"<@U0PLANBOT> 应急管理 ☃ 𝄞"}}',
  'payload=%7B%22type%22%3A%22block_actions%22%7D',
  '',
].map((b) => Buffer.from(b, 'utf8'));

describe('verifySignature', () => {
  it('agrees with Bolt on UTF-8 bodies: signed, forged, tampered, signed with another secret, 4 and 6 minutes old', () => {
    let cases = 0;
    for (const raw of BODIES) {
      for (const ts of [NOW, NOW - 4 * 60, NOW - 6 * 60]) {
        const good = sign(raw, ts);
        const candidates = [good, sign(raw, ts, 'another0secret0000000000000000'), sign(Buffer.concat([raw, Buffer.from('x')]), ts), `v0=${'0'.repeat(64)}`, good.replace('v0=', 'v1=')];
        for (const signature of candidates) {
          expect(ours(raw, ts, signature), `${raw.toString().slice(0, 30)} @${ts - NOW}s`).toBe(bolt(raw, ts, signature));
          cases += 1;
        }
      }
    }
    expect(cases).toBe(60);
    // and the agreement is not all one way
    expect(ours(BODIES[0]!, NOW, sign(BODIES[0]!, NOW))).toBe(true);
    expect(ours(BODIES[0]!, NOW - 6 * 60, sign(BODIES[0]!, NOW - 6 * 60))).toBe(false);
  });

  it('refuses a timestamp 6 minutes ahead, which Bolt lets through', () => {
    const raw = BODIES[1]!;
    const ahead = NOW + 6 * 60;
    expect(bolt(raw, ahead, sign(raw, ahead))).toBe(true);
    expect(verifySignature({ secret: SECRET, rawBody: raw, timestamp: String(ahead), signature: sign(raw, ahead), nowMs: NOW_MS })).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('accepts a correctly signed body that is not UTF-8, which Bolt calls forged, and still refuses it forged', () => {
    const raw = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xe5, 0xba, 0x22, 0x7d]);
    expect(bolt(raw, NOW, sign(raw, NOW))).toBe(false);
    expect(ours(raw, NOW, sign(raw, NOW))).toBe(true);
    expect(ours(raw, NOW, sign(raw, NOW, 'another0secret0000000000000000'))).toBe(false);
  });

  it('says why it refuses: missing headers, a malformed signature or timestamp', () => {
    const raw = BODIES[0]!;
    expect(verifySignature({ secret: SECRET, rawBody: raw, timestamp: undefined, signature: sign(raw, NOW), nowMs: NOW_MS })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifySignature({ secret: SECRET, rawBody: raw, timestamp: [String(NOW)], signature: sign(raw, NOW), nowMs: NOW_MS })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifySignature({ secret: SECRET, rawBody: raw, timestamp: '1e9', signature: sign(raw, NOW), nowMs: NOW_MS })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySignature({ secret: SECRET, rawBody: raw, timestamp: String(NOW), signature: sign(raw, NOW).toUpperCase(), nowMs: NOW_MS })).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
