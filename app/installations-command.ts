import { CodedError } from '../src/errors.js';
import { silentLogger } from '../src/logger.js';
import { Keyring } from '../src/secrets/keyring.js';
import type { StoredInstallation } from '../src/store/installation.js';
import { openStore } from '../src/store/open-store.js';
import { rotateInstallationKeys } from '../src/store/rotate-installation-keys.js';
import type { Store } from '../src/store/store.js';
import { COMMAND_USAGE } from './cli-usage.js';
import type { Config } from './config.js';
import { parseCommandArgs } from './parse-command-args.js';

/** Installations live in Redis: without REDIS_URL there are none outside a running serve. */
async function openRedis(config: Config, command: string): Promise<Store> {
  if (!config.redisUrl) throw new CodedError('CONFIG_INVALID', `plan-bot ${command} reads the installations in Redis; set REDIS_URL (and REDIS_PREFIX) as for plan-bot serve`);
  const store = await openStore(config.redisUrl, { prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs, logger: silentLogger() });
  if (!(await store.ping())) {
    await store.close();
    throw new CodedError('STORE_UNAVAILABLE', `Redis at REDIS_URL does not answer; plan-bot ${command} needs it`);
  }
  return store;
}

/** What an installation's token does: rotates (and until when) or not. Never the token. */
function tokenStatus(i: StoredInstallation, now: number): string {
  if (!i.tokenRotation) return 'no rotation';
  if (i.tokenExpiresAt === undefined) return 'rotating, expiry unknown';
  const at = new Date(i.tokenExpiresAt).toISOString();
  return i.tokenExpiresAt <= now ? `rotating, expired ${at} (refreshed on next use)` : `rotating, expires ${at}`;
}

/** One installation as `installations list` shows it: ids, names, dates and token status, nothing sealed. */
function row(i: StoredInstallation, now: number): Record<string, unknown> {
  return {
    id: i.id,
    platform: i.platform,
    kind: i.isEnterpriseInstall ? 'org' : 'workspace',
    ...(i.teamId ? { teamId: i.teamId } : {}),
    ...(i.teamName ? { teamName: i.teamName } : {}),
    ...(i.enterpriseId ? { enterpriseId: i.enterpriseId } : {}),
    ...(i.enterpriseName ? { enterpriseName: i.enterpriseName } : {}),
    installedAt: i.installedAt,
    updatedAt: i.updatedAt,
    tokenRotation: i.tokenRotation,
    ...(i.tokenExpiresAt !== undefined ? { tokenExpiresAt: new Date(i.tokenExpiresAt).toISOString() } : {}),
    token: tokenStatus(i, now),
  };
}

/** The text form: one line per installation. */
function line(r: Record<string, unknown>): string {
  const who = r.kind === 'org' ? `org ${r.enterpriseId}${r.enterpriseName ? ` (${r.enterpriseName})` : ''}` : `team ${r.teamId}${r.teamName ? ` (${r.teamName})` : ''}${r.enterpriseId ? ` in ${r.enterpriseId}` : ''}`;
  return `${r.platform} ${who} — installed ${r.installedAt} — updated ${r.updatedAt} — token: ${r.token}`;
}

/** plan-bot installations list [--json]: every installation, without its tokens. */
export async function installationsCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw new CodedError('INPUT_INVALID', `plan-bot installations ${sub ?? ''}: expected "list"\n${COMMAND_USAGE.installations}`);
  const { values, positionals } = parseCommandArgs(rest, { json: { type: 'boolean' } });
  if (positionals.length) throw new CodedError('INPUT_INVALID', `unexpected argument ${JSON.stringify(positionals[0])}`);
  const store = await openRedis(config, 'installations list');
  try {
    const now = Date.now();
    const rows = (await store.listInstallations()).map((i) => row(i, now));
    if (values.json === true) for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
    else process.stdout.write(rows.length ? `${rows.map(line).join('\n')}\n` : 'no installations\n');
    return 0;
  } finally {
    await store.close();
  }
}

/** plan-bot keys rotate: re-seal every installation with the first key of INSTALLATION_ENCRYPTION_KEYS. */
export async function keysCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'rotate') throw new CodedError('INPUT_INVALID', `plan-bot keys ${sub ?? ''}: expected "rotate"\n${COMMAND_USAGE.keys}`);
  const { positionals } = parseCommandArgs(rest, {});
  if (positionals.length) throw new CodedError('INPUT_INVALID', `unexpected argument ${JSON.stringify(positionals[0])}`);
  const keys = config.slack?.oauth?.encryptionKeys;
  if (!keys) throw new CodedError('CONFIG_INVALID', 'INSTALLATION_ENCRYPTION_KEYS: required by plan-bot keys rotate (with the other Slack OAuth variables, as for plan-bot serve): the new key first, then the old one');
  const store = await openRedis(config, 'keys rotate');
  try {
    const report = await rotateInstallationKeys(store, new Keyring(keys));
    process.stdout.write(`${JSON.stringify({ ...report, key: keys[0]!.id })}\n`);
    if (report.unreadable.length) process.stderr.write(`plan-bot: SECRET_UNREADABLE: no key in INSTALLATION_ENCRYPTION_KEYS opens ${report.unreadable.join(', ')}; add the key they were sealed with (after the new one) and run again\n`);
    return report.unreadable.length ? 1 : 0;
  } finally {
    await store.close();
  }
}
