import { ansi, plain, renderTerminal } from '../adapters/console/render-terminal.js';
import { previewDigest } from '../src/digest/compose-digest.js';
import type { DigestSenders } from '../src/digest/digest-sender.js';
import { digestUnits } from '../src/digest/digest-units.js';
import { DEFAULT_RETRIES, deliverDue } from '../src/digest/deliver-due.js';
import { findDue } from '../src/digest/find-due.js';
import { isIsoDate, localTime, normalizeTimeZone } from '../src/digest/local-time.js';
import { DEFAULT_TZ } from '../src/digest/subscription-commands.js';
import { CodedError } from '../src/errors.js';
import { loadKnowledge } from '../src/knowledge.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/store/open-store.js';
import { COMMAND_USAGE } from './cli-usage.js';
import type { Config } from './config.js';
import { parseCommandArgs } from './parse-command-args.js';
import { digestSenders, isChatPlatform, loadChatPlatforms } from './platforms.js';

interface DigestFlags {
  topic: string;
  date?: string;
  tz: string;
  now?: number;
  json: boolean;
}

/** digest preview / run flags, parsed by node:util parseArgs, each value checked. */
function parseDigestFlags(args: string[]): DigestFlags {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, topic: { type: 'string' }, date: { type: 'string' }, tz: { type: 'string' }, now: { type: 'string' } });
  if (positionals.length) throw new CodedError('INPUT_INVALID', `unexpected argument ${JSON.stringify(positionals[0])}; a topic goes after --topic`);
  const str = (name: string): string | undefined => {
    const v = values[name];
    if (v === '') throw new CodedError('INPUT_INVALID', `--${name} needs a value`);
    return typeof v === 'string' ? v : undefined;
  };
  const flags: DigestFlags = { topic: str('topic')?.trim() ?? '', tz: DEFAULT_TZ, json: values.json === true };
  const d = str('date');
  if (d !== undefined) {
    if (!isIsoDate(d)) throw new CodedError('INPUT_INVALID', `--date ${d}: expected a calendar date YYYY-MM-DD`);
    flags.date = d;
  }
  const zone = str('tz');
  if (zone !== undefined) {
    const tz = normalizeTimeZone(zone);
    if (!tz) throw new CodedError('INPUT_INVALID', `--tz: expected an IANA time zone such as Asia/Shanghai`);
    flags.tz = tz;
  }
  const v = str('now');
  if (v !== undefined) {
    const t = Date.parse(v);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) || Number.isNaN(t)) throw new CodedError('INPUT_INVALID', `--now ${v}: expected ISO-8601 with a zone, e.g. 2026-12-01T09:05:00+08:00`);
    flags.now = t;
  }
  return flags;
}

async function preview(config: Config, flags: DigestFlags): Promise<number> {
  const k = loadKnowledge(config.contentDir);
  if (flags.topic && digestUnits(k, flags.topic).length === 0) throw new CodedError('INPUT_INVALID', `no passage of the plan matches the topic "${flags.topic}"`);
  const date = flags.date ?? localTime(Date.now(), flags.tz).date;
  const reply = previewDigest(k, flags.topic, date);
  process.stdout.write(flags.json ? `${JSON.stringify(reply)}\n` : `${renderTerminal(reply, process.stdout.isTTY ? ansi : plain)}\n`);
  return 0;
}

async function run(config: Config, flags: DigestFlags): Promise<number> {
  const logger = createLogger(config.logLevel);
  if (!config.redisUrl) {
    logger.warn('REDIS_URL is not set: there are no stored subscriptions to deliver (memory mode keeps them inside plan-bot serve)');
    process.stdout.write(`${JSON.stringify({ due: 0, delivered: 0, skipped: 0, held: 0, deactivated: 0, failed: 0 })}\n`);
    return 0;
  }
  const store = await openStore(config.redisUrl, { prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs, logger });
  try {
    // --now fixes the start; time still moves during the run, so claims and retries age as they would
    const started = Date.now();
    const now = flags.now === undefined ? Date.now : () => flags.now! + (Date.now() - started);
    const due = await findDue(store, now());
    // content and the platform SDKs load only when something is due, and only for the platforms it goes to
    const knowledge = due.length ? loadKnowledge(config.contentDir) : undefined;
    const names = [...new Set(due.map((d) => d.sub.platform))].filter(isChatPlatform);
    const senders: DigestSenders = digestSenders(await loadChatPlatforms(config, names), { config, store, logger });
    for (const p of names) if (!senders[p]) logger.warn({ platform: p }, `${p} digests are due but ${p} is not configured; they wait for a run that has it`);
    const report = knowledge
      ? await deliverDue({ knowledge, store, senders, leaseMs: config.digestLeaseSeconds * 1000, now, logger }, { concurrency: config.digestConcurrency, ...DEFAULT_RETRIES }, due)
      : { due: 0, delivered: 0, skipped: 0, held: 0, deactivated: 0, failed: 0 };
    logger.info({ ...report }, 'digest run finished');
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return report.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** plan-bot digest preview | run: returns the exit code (errors are thrown as CodedError for main to report). */
export async function digestCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const flags = parseDigestFlags(rest);
  if (sub === 'preview') return preview(config, flags);
  if (sub === 'run') return run(config, flags);
  throw new CodedError('INPUT_INVALID', `plan-bot digest ${sub ?? ''}: expected "preview" or "run"\n${COMMAND_USAGE.digest}`);
}
