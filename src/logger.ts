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

/** The process logger: JSON lines on stderr, with every secret-bearing field redacted. */
export function createLogger(level: string = 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: 'plan-bot' },
      redact: {
        paths: ['*.token', '*.password', '*.secret', '*.authorization', 'headers.authorization', 'headers["x-slack-signature"]', 'config.slackBotToken', 'config.slackSigningSecret', 'config.microsoftAppPassword', 'config.redisUrl'],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream,
  );
}

/** A logger that drops everything (tests, and the CLI unless asked to log). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
