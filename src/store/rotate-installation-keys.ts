import { isCodedError } from '../errors.js';
import { Keyring } from '../secrets/keyring.js';
import type { Store } from './store.js';

/** What a key rotation did. */
export interface RotationReport {
  installations: number;
  /** re-sealed with the first key */
  rotated: number;
  /** already sealed with the first key */
  current: number;
  /** ids of installations no key opens (left as they are) */
  unreadable: string[];
}

/**
 * Re-seal every installation with the keyring's first key (plan-bot keys rotate): each is opened with whichever key
 * sealed it and written back sealed with the first, so the old key can then be dropped. One that no key opens is
 * left untouched and reported. Safe to run again; runs alongside serve (a token refresh writes with the first key too).
 */
export async function rotateInstallationKeys(store: Store, keyring: Keyring, now: number = Date.now()): Promise<RotationReport> {
  const report: RotationReport = { installations: 0, rotated: 0, current: 0, unreadable: [] };
  for (const inst of await store.listInstallations()) {
    report.installations += 1;
    if (Keyring.keyIdOf(inst.sealed) === keyring.writeKeyId) {
      report.current += 1;
      continue;
    }
    let plain: string;
    try {
      plain = keyring.open(inst.sealed, inst.id);
    } catch (err) {
      if (!isCodedError(err, 'SECRET_UNREADABLE')) throw err;
      report.unreadable.push(inst.id);
      continue;
    }
    await store.putInstallation({ ...inst, sealed: keyring.seal(plain, inst.id), updatedAt: new Date(now).toISOString() });
    report.rotated += 1;
  }
  return report;
}
