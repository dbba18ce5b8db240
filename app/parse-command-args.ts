import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CodedError } from '../src/errors.js';

/**
 * A command's flags and positionals through node:util parseArgs (strict): an unknown flag or a missing value is an
 * INPUT_INVALID error that names it, not a question or a stack trace.
 */
export function parseCommandArgs(args: string[], options: NonNullable<ParseArgsConfig['options']>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) throw new CodedError('INPUT_INVALID', `${(err as Error).message.split('\n')[0]} (plan-bot help lists the flags)`);
    throw err;
  }
}
