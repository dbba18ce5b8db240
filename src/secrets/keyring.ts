import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CodedError } from '../errors.js';

/** One encryption key: its id (written beside every value it seals) and its 32 bytes. */
export interface KeyringKey {
  id: string;
  key: Buffer;
}

/** The format of a sealed value: v1.<key id>.<iv>.<tag>.<ciphertext>, the last three base64url. */
const SEALED = /^v1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)$/;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parse INSTALLATION_ENCRYPTION_KEYS: comma-separated `id:base64` entries, each a 32-byte key (openssl rand -base64 32),
 * the first one used to write. Returns the problem in words (naming the entry, never the key) when it is not that.
 */
export function parseKeyring(spec: string): { ok: true; keys: KeyringKey[] } | { ok: false; problem: string } {
  const entries = spec.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) return { ok: false, problem: 'expected at least one key, as id:base64 (openssl rand -base64 32)' };
  const keys: KeyringKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) return { ok: false, problem: `entry ${i + 1}: expected id:base64 with an id of letters, digits, - or _ (e.g. k2:$(openssl rand -base64 32))` };
    const b64 = entry.slice(colon + 1);
    const key = Buffer.from(b64, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || key.length !== 32) return { ok: false, problem: `key "${id}": expected 32 bytes in base64 (openssl rand -base64 32)` };
    if (keys.some((k) => k.id === id)) return { ok: false, problem: `key id "${id}" appears twice` };
    keys.push({ id, key });
  }
  return { ok: true, keys };
}

/**
 * AES-256-GCM over node:crypto with a list of keys: seals with the first, opens with whichever key a value names, so
 * two keys can be live during a rotation. A value that was tampered with, or names a key no longer given, is refused
 * with SECRET_UNREADABLE, never returned garbled.
 */
export class Keyring {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly KeyringKey[]) {
    if (keys.length === 0) throw new CodedError('CONFIG_INVALID', 'INSTALLATION_ENCRYPTION_KEYS: expected at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id of the key new values are sealed with. */
  get writeKeyId(): string {
    return this.keys[0]!.id;
  }

  /** Encrypt text with the first key; `aad` (e.g. the record's id) binds the value to where it is stored. */
  seal(plaintext: string, aad: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  /** The id of the key a sealed value was written with, or undefined when it is not a sealed value. */
  static keyIdOf(sealed: string): string | undefined {
    return SEALED.exec(sealed)?.[1];
  }

  /** Decrypt a value sealed by any key of the ring, checking it was sealed for `aad`. */
  open(sealed: string, aad: string): string {
    const m = SEALED.exec(sealed);
    if (!m) throw new CodedError('SECRET_UNREADABLE', 'stored secret is not in the sealed format (v1.<key id>.…)');
    const key = this.byId.get(m[1]!);
    if (!key) throw new CodedError('SECRET_UNREADABLE', `stored secret was sealed with key "${m[1]}", which INSTALLATION_ENCRYPTION_KEYS does not hold; add it back (after the new key) and run plan-bot keys rotate`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(m[2]!, 'base64url'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(m[3]!, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(m[4]!, 'base64url')), decipher.final()]).toString('utf8');
    } catch (err) {
      throw new CodedError('SECRET_UNREADABLE', `stored secret does not decrypt with key "${m[1]}" (tampered with, or a different key under that id)`, { cause: err });
    }
  }
}
