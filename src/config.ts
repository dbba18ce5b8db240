import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CodedError } from './errors.js';

const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('../content', import.meta.url));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const redisUrl = optionalString.refine((v) => v === undefined || /^rediss?:\/\/[^\s]+$/.test(v), 'expected redis://host:port or rediss://…');

/** Every setting plan-bot reads from the environment, validated once at start. Nothing else reads process.env. */
export const ConfigSchema = z.object({
  CONTENT_DIR: z.string().min(1).default(DEFAULT_CONTENT_DIR),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: z.string().min(1).regex(/^[\w:.-]+$/, 'letters, digits and : . - _ only').default('plan-bot:'),
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  CONTEXT_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(24 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  contentDir: string;
  redisUrl?: string;
  redisPrefix: string;
  redisTimeoutMs: number;
  contextTtlSeconds: number;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
};

/** Read and validate the configuration; a bad value stops start-up with a message naming the variable and what is expected. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CodedError('CONFIG_INVALID', `invalid configuration: ${problems}`);
  }
  const e = r.data;
  return {
    contentDir: e.CONTENT_DIR,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    contextTtlSeconds: e.CONTEXT_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
  };
}
