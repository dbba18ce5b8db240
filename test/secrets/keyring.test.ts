import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isCodedError } from '../../src/errors.js';
import { Keyring, parseKeyring, type KeyringKey } from '../../src/secrets/keyring.js';

const key = (id: string): KeyringKey => ({ id, key: randomBytes(32) });
const spec = (k: KeyringKey) => `${k.id}:${k.key.toString('base64')}`;

function refused(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(isCodedError(err, 'SECRET_UNREADABLE')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('not refused');
}

describe('the installation keyring (AES-256-GCM)', () => {
  it('seals with the first key, opens with any key of the ring, never in clear text', () => {
    const [k1, k2] = [key('k1'), key('k2')];
    const old = new Keyring([k1]);
    const sealed = old.seal('xoxb-secret-token', 'slack:team:T1');
    expect(sealed).toMatch(/^v1\.k1\./);
    expect(sealed).not.toContain('xoxb');
    expect(Buffer.from(sealed.split('.')[4]!, 'base64url').toString('utf8')).not.toContain('secret');
    const rotating = new Keyring([k2, k1]);
    expect(rotating.open(sealed, 'slack:team:T1')).toBe('xoxb-secret-token');
    expect(Keyring.keyIdOf(rotating.seal('x', 'a'))).toBe('k2');
    // the same text twice seals differently (a fresh IV each time)
    expect(old.seal('same', 'a')).not.toBe(old.seal('same', 'a'));
  });

  it('refuses a value that was tampered with, moved to another record, or sealed with a key it does not hold', () => {
    const [k1, k2] = [key('k1'), key('k2')];
    const ring = new Keyring([k1]);
    const sealed = ring.seal('xoxb-secret-token', 'slack:team:T1');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0] = data[0]! ^ 1;
    expect(refused(() => ring.open([...parts.slice(0, 4), data.toString('base64url')].join('.'), 'slack:team:T1'))).toContain('does not decrypt');
    expect(refused(() => ring.open(sealed, 'slack:team:T2'))).toContain('does not decrypt');
    expect(refused(() => new Keyring([k2]).open(sealed, 'slack:team:T1'))).toContain('"k1"');
    expect(refused(() => new Keyring([{ id: 'k1', key: k2.key }]).open(sealed, 'slack:team:T1'))).toContain('does not decrypt');
    expect(refused(() => ring.open('xoxb-plain', 'slack:team:T1'))).toContain('sealed format');
  });

  it('reads INSTALLATION_ENCRYPTION_KEYS: id:base64 of 32 bytes, comma-separated, first one writes', () => {
    const [k1, k2] = [key('k1'), key('new-2')];
    const r = parseKeyring(` ${spec(k2)}, ${spec(k1)} `);
    expect(r.ok && r.keys.map((k) => k.id)).toEqual(['new-2', 'k1']);
    const bad = (s: string) => {
      const p = parseKeyring(s);
      expect(p.ok).toBe(false);
      return p.ok ? '' : p.problem;
    };
    expect(bad('')).toContain('at least one key');
    expect(bad(k1.key.toString('base64'))).toContain('entry 1');
    expect(bad(`k1:${randomBytes(16).toString('base64')}`)).toContain('32 bytes');
    expect(bad(`k1:not base64!`)).toContain('32 bytes');
    expect(bad(`${spec(k1)},${spec({ id: 'k1', key: randomBytes(32) })}`)).toContain('twice');
    // a problem names the key's id, never the key
    expect(bad(`k1:${randomBytes(31).toString('base64')}`)).not.toMatch(/[A-Za-z0-9+/]{20,}/);
  });
});
