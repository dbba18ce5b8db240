import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from './package-root.js';

/**
 * The core's slice of the configuration: content, Redis, context, logging, digests, the HTTP port and address. Each platform
 * adapter has its own slice (adapters/slack/config.ts, adapters/teams/config.ts); the composition root (app/config.ts)
 * puts them together into one schema, read once at start. Nothing else reads process.env.
 */

// the repository's content/, whether this runs from src/ (tests, scripts) or from the build in dist/
const DEFAULT_CONTENT_DIR = join(packageRoot(), 'content');

/** An optional variable: unset or blank reads as undefined, anything else is trimmed. */
export const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const redisUrl = optionalString.refine((v) => v === undefined || /^rediss?:\/\/[^\s]+$/.test(v), 'expected redis://host:port or rediss://…');

/** What is wrong with a PUBLIC_URL value, or undefined: an absolute http(s) URL without query or fragment. */
function publicUrlProblem(v: string): string | undefined {
  let u: URL;
  try {
    u = new URL(v);
  } catch (err) {
    if (err instanceof TypeError) return 'expected an absolute URL like https://plan.example.gov';
    throw err;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'expected an http:// or https:// URL';
  if (u.search || u.hash || u.username || u.password) return 'expected a URL without query, fragment or credentials';
  return undefined;
}

/** Whether a value is an address a server can listen on: an IPv4 or IPv6 address, or a host name. */
export function isListenAddress(v: string): boolean {
  return z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(v);
}

/** What isListenAddress expects, for the message naming the variable. */
export const LISTEN_ADDRESS = 'expected an address to listen on, like 0.0.0.0, 127.0.0.1, :: or localhost';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The core's variables, read into the settings the core uses. */
export const CoreConfigSchema = z
  .object({
    CONTENT_DIR: z.string().min(1).default(DEFAULT_CONTENT_DIR),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: z.string().min(1).regex(/^[\w:.-]+$/, 'letters, digits and : . - _ only').default('plan-bot:'),
    REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    CONTEXT_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(24 * 3600),
    LOG_LEVEL: logLevel.default('info'),
    CLI_LOG_LEVEL: logLevel.default('warn'),
    DIGEST_ENABLED: z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1'),
    DIGEST_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
    DIGEST_LEASE_SECONDS: z.coerce.number().int().min(30).max(24 * 3600).default(600),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().trim().default('0.0.0.0').refine(isListenAddress, LISTEN_ADDRESS),
    ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(2048),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
    HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(300).default(30),
    PUBLIC_URL: optionalString.superRefine((v, ctx) => {
      const problem = v === undefined ? undefined : publicUrlProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  })
  .transform((e) => ({
    contentDir: e.CONTENT_DIR,
    /** absent: context, subscriptions and dedup are kept in memory */
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    redisPrefix: e.REDIS_PREFIX,
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    contextTtlSeconds: e.CONTEXT_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    /** log level of plan-bot ask/chat, whose stdout is the answers (logs go to stderr) */
    cliLogLevel: e.CLI_LOG_LEVEL,
    /** whether this process delivers daily digests (serve: the scheduler; subscriptions can be managed either way) */
    digestEnabled: e.DIGEST_ENABLED,
    /** digests one process delivers at the same time */
    digestConcurrency: e.DIGEST_CONCURRENCY,
    /** how long a delivery may hold its claim before another runner takes over from a crashed one */
    digestLeaseSeconds: e.DIGEST_LEASE_SECONDS,
    /** HTTP port of plan-bot serve (0: any free port) */
    port: e.PORT,
    /** address plan-bot serve listens on (0.0.0.0: every IPv4 interface) */
    host: e.HOST,
    /** answers to context-free questions remembered per process (0: none) */
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    /** on SIGTERM, how long in-flight requests, answers being posted and digest passes get to finish before exit is forced */
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    /** plan-bot serve: how far V8 lets the old generation grow past its live size before the next full collection (0: V8's own rule) */
    heapGrowthPercent: e.HEAP_GROWTH_PERCENT,
    /** where this deployment is reached from outside (passage links, reader pages, unfurls); absent: no links */
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
  }));

/** The settings the core reads; inferred from the schema, never written out a second time. */
export type CoreConfig = z.infer<typeof CoreConfigSchema>;
