import { z } from 'zod';
import { ansi, plain, renderTerminal } from '../adapters/console/render-terminal.js';
import { Bot } from '../src/conversation/bot.js';
import { CodedError, isCodedError } from '../src/errors.js';
import type { InboundMessage } from '../src/inbound.js';
import { loadKnowledge } from '../src/knowledge.js';
import { createLogger, silentLogger, type Logger } from '../src/logger.js';
import type { Reply } from '../src/reply/reply.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { loadConfig, type Config } from './config.js';
import { COMMAND_USAGE, USAGE, version } from './cli-usage.js';
import { digestCommand } from './digest-command.js';
import { installationsCommand, keysCommand } from './installations-command.js';
import { parseCommandArgs } from './parse-command-args.js';
import { subscriptionsCommand } from './subscriptions-command.js';
import { readLines } from './read-lines.js';

/** A JSON chat line: which conversation (and optionally thread and user) and what was said. */
const ChatLine = z.object({
  conversation: z.string().min(1).max(200),
  text: z.string(),
  thread: z.string().min(1).max(200).optional(),
  user: z.string().min(1).max(200).optional(),
});

interface Flags {
  json: boolean;
  store?: string;
  rest: string[];
}

/** ask and chat's flags, parsed by node:util parseArgs (an unknown flag is refused, naming it). */
function parseFlags(args: string[]): Flags {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, store: { type: 'string' } });
  const store = values.store as string | undefined;
  if (store !== undefined && store !== 'memory' && !/^rediss?:\/\/\S+$/.test(store)) {
    throw new CodedError('INPUT_INVALID', `--store ${store}: expected memory or redis://host:port`);
  }
  return { json: values.json === true, ...(store !== undefined ? { store } : {}), rest: positionals };
}

interface Session {
  bot: Bot;
  store: Store;
  log: Logger;
}

async function openSession(config: Config, flags: Flags): Promise<Session> {
  const log = config.cliLogLevel === 'silent' ? silentLogger() : createLogger(config.cliLogLevel);
  const knowledge = loadKnowledge(config.contentDir);
  const spec = flags.store ?? config.redisUrl ?? 'memory';
  const store = await openStore(spec, { prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs, logger: log });
  const bot = new Bot({ knowledge, store, contextTtlSeconds: config.contextTtlSeconds, logger: log, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) });
  return { bot, store, log };
}

function message(conversation: string, text: string, n: number, thread?: string, user?: string): InboundMessage {
  return { platform: 'console', workspace: 'local', conversation, ...(thread ? { thread } : {}), user: user ?? 'cli', text, messageId: `cli-${process.pid}-${n}` };
}

function render(reply: Reply, json: boolean): string {
  if (json) return JSON.stringify(reply);
  return renderTerminal(reply, process.stdout.isTTY ? ansi : plain) + '\n';
}

function errorLine(json: boolean, code: string, messageText: string): string {
  return json ? JSON.stringify({ error: { code, message: messageText } }) : `error ${code}: ${messageText}`;
}

async function ask(config: Config, flags: Flags): Promise<number> {
  const session = await openSession(config, flags);
  try {
    const text = flags.rest.join(' ');
    const reply = await session.bot.handle(message('ask', text, 1));
    process.stdout.write(render(reply, flags.json) + '\n');
    return 0;
  } finally {
    await session.store.close();
  }
}

async function chat(config: Config, flags: Flags): Promise<number> {
  const session = await openSession(config, flags);
  let n = 0;
  try {
    for await (const line of readLines(process.stdin)) {
      n += 1;
      process.stdout.write((await answerLine(session, line, n, flags.json)) + '\n');
    }
  } finally {
    await session.store.close();
  }
  return 0;
}

/** One chat line in, exactly one output (line, with --json) out; bad lines get an error line and the loop goes on. */
async function answerLine(session: Session, line: string, n: number, json: boolean): Promise<string> {
  try {
    let msg: InboundMessage;
    if (line.trimStart().startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (err) {
        return errorLine(json, 'INPUT_INVALID', `line ${n} is not valid JSON (${(err as Error).message}); send plain text or {"conversation": "...", "text": "..."}`);
      }
      const r = ChatLine.safeParse(parsed);
      if (!r.success) {
        const what = r.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
        return errorLine(json, 'INPUT_INVALID', `line ${n}: ${what}; expected {"conversation": string, "text": string}`);
      }
      msg = message(r.data.conversation, r.data.text, n, r.data.thread, r.data.user);
    } else {
      msg = message('default', line, n);
    }
    return render(await session.bot.handle(msg), json);
  } catch (err) {
    session.log.error({ err }, 'chat line failed');
    return errorLine(json, isCodedError(err) ? err.code : 'INTERNAL', `line ${n} could not be answered: ${(err as Error).message}`);
  }
}

/** The plan-bot command line: returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  // a reader that goes away (plan-bot chat | head -1) ends the output quietly, as for any Unix tool
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`plan-bot: cannot write output: ${err.message}\n`);
    process.exit(1);
  });
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(USAGE + '\n');
      return command ? 0 : 1;
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      process.stdout.write(version() + '\n');
      return 0;
    }
    // COMMAND --help prints and exits before any setting is read or anything is started (serve --help serves nothing)
    if (args.includes('--help') || args.includes('-h')) {
      const usage = COMMAND_USAGE[command];
      if (usage) {
        process.stdout.write(usage + '\n');
        return 0;
      }
    }
    const config = loadConfig();
    if (command === 'digest') return await digestCommand(config, args);
    if (command === 'installations') return await installationsCommand(config, args);
    if (command === 'subscriptions') return await subscriptionsCommand(config, args);
    if (command === 'keys') return await keysCommand(config, args);
    const flags = parseFlags(args);
    switch (command) {
      case 'ask':
        return await ask(config, flags);
      case 'chat':
        return await chat(config, flags);
      case 'serve':
        // loaded on demand, so ask and chat do not pay for loading the Slack SDK
        return await (await import('./serve.js')).runServe(config);
      default:
        process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (err) {
    const code = isCodedError(err) ? err.code : 'INTERNAL';
    process.stderr.write(`plan-bot: ${code}: ${(err as Error).message}\n`);
    return code === 'CONFIG_INVALID' || code === 'INPUT_INVALID' ? 2 : 1;
  }
}
