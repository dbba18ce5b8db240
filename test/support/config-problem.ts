import { expect } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { isCodedError } from '../../src/errors.js';

/** The message loadConfig refuses an environment with (failing the test when it accepts it, or refuses without CONFIG_INVALID). */
export function configProblem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(isCodedError(err, 'CONFIG_INVALID')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected loadConfig to refuse this environment');
}
