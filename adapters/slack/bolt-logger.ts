import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { forLog, type Logger } from '../../src/logger.js';

const LEVELS: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR, fatal: LogLevel.ERROR };

function line(msg: unknown[]): string {
  return forLog(msg.map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : forLog(m))).join(' '));
}

/**
 * Bolt and the Web API client log through this: their lines go to plan-bot's pino logger (clipped, one JSON
 * line each) instead of the console. Their debug output can hold request bodies, so it stays at debug.
 */
export function boltLogger(log: Logger, name = 'bolt'): BoltLogger {
  const child = log.child({ component: name });
  let level: LogLevel = LEVELS[log.level] ?? LogLevel.INFO;
  return {
    // Bolt logs a debug line on every ack: build it only when debug is on
    debug: (...msg) => {
      if (child.isLevelEnabled('debug')) child.debug(line(msg));
    },
    info: (...msg) => child.info(line(msg)),
    warn: (...msg) => child.warn(line(msg)),
    error: (...msg) => child.error(line(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * boltLogger without its debug lines, for the Web API clients whose request bodies carry secrets (oauth.v2.access:
 * the client secret, the code, the refresh token): nothing of a request is ever written, at any level.
 */
export function secretBodyLogger(log: Logger, name: string): BoltLogger {
  return { ...boltLogger(log, name), debug: () => undefined, setLevel: () => undefined, getLevel: () => LogLevel.INFO };
}
