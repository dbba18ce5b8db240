import pino, { type Logger } from 'pino';

export type { Logger };

/** Longest piece of untrusted text that goes into a log line. */
const LOG_CLIP = 200;

/** Clip and de-control untrusted text (user input, payload fields) before it is logged. */
export function forLog(s: unknown): string {
  const str = typeof s === 'string' ? s : JSON.stringify(s) ?? String(s);
  const clean = str.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > LOG_CLIP ? `${clean.slice(0, LOG_CLIP)}…(${clean.length} chars)` : clean;
}

/**
 * Where a secret would sit in a logged object: the configuration, logged whole or as `config` (redisUrl may carry a
 * password; slack.botToken, slack.signingSecret, slack.appToken; slack.oauth's client secret, state secret and
 * encryption keys; microsoftAppPassword), Teams credentials
 * (appPassword), and request credentials (authorization, x-slack-signature, cookies) of a request or an SDK's error.
 * Exact paths only: they cost nothing on a line without them, where each `*` wildcard costs about 0.75 µs on every
 * line (the request line, medians of 7 × 200k: 1.19 µs bare, 1.20 µs with these 31 paths, 4.12 µs with the 10 stale
 * ones, four of them wildcards). A backstop
 * only: log lines are built not to hold secrets at all, and test/logging/secrets-never-logged.test.ts checks every
 * line of real runs through the error paths for them.
 */
const CONFIG_SECRETS = ['redisUrl', 'slack.botToken', 'slack.signingSecret', 'slack.appToken', 'slack.oauth.clientSecret', 'slack.oauth.stateSecret', 'slack.oauth.encryptionKeys', 'microsoftAppPassword'];
const HEADER_SECRETS = ['authorization', 'Authorization', '["x-slack-signature"]', 'cookie'];

/** The redacted paths: the configuration's secrets at the top and under `config`, and request credentials. */
export const REDACTED_PATHS = [
  ...CONFIG_SECRETS,
  ...CONFIG_SECRETS.map((p) => `config.${p}`),
  'appPassword',
  ...['headers', 'req.headers', 'request.headers', 'err.config.headers', 'err.request.headers'].flatMap((h) => HEADER_SECRETS.map((k) => (k.startsWith('[') ? `${h}${k}` : `${h}.${k}`))),
];

/** The process logger: JSON lines on stderr, with every secret-bearing field redacted. */
export function createLogger(level: string = 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: 'plan-bot' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination as pino.DestinationStream,
  );
}

/** A logger that drops everything (tests, and the CLI unless asked to log). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
