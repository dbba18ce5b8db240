import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CodedError } from './errors.js';

const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('../content', import.meta.url));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const redisUrl = optionalString.refine((v) => v === undefined || /^rediss?:\/\/[^\s]+$/.test(v), 'expected redis://host:port or rediss://…');

/** Every setting plan-bot reads from the environment, validated once at start. Nothing else reads process.env. */
export const ConfigSchema = z.object({
  CONTENT_DIR: z.string().min(1).default(DEFAULT_CONTENT_DIR),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: z.string().min(1).regex(/^[\w:.-]+$/, 'letters, digits and : . - _ only').default('plan-bot:'),
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  CONTEXT_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(24 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MICROSOFT_APP_ID: optionalString.refine((v) => v === undefined || GUID.test(v), 'expected the bot\'s Microsoft app id, a GUID'),
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TYPE: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('MultiTenant')),
  MICROSOFT_APP_TENANT_ID: optionalString.refine((v) => v === undefined || GUID.test(v) || /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v), 'expected a tenant id (GUID) or domain'),
});

export type Config = {
  contentDir: string;
  redisUrl?: string;
  redisPrefix: string;
  redisTimeoutMs: number;
  contextTtlSeconds: number;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** Teams (Bot Framework) app; absent id = Teams endpoint runs unauthenticated, for local testing only */
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  microsoftAppType?: z.infer<typeof ConfigSchema>['MICROSOFT_APP_TYPE'];
  microsoftAppTenantId?: string;
};

/** The Bot Framework settings that only make sense together; returns what is wrong, naming the variables. */
function teamsProblems(e: z.infer<typeof ConfigSchema>): string[] {
  const p: string[] = [];
  if (!e.MICROSOFT_APP_ID) {
    if (e.MICROSOFT_APP_PASSWORD || e.MICROSOFT_APP_TENANT_ID) p.push('MICROSOFT_APP_ID: required when MICROSOFT_APP_PASSWORD or MICROSOFT_APP_TENANT_ID is set');
    return p;
  }
  const msi = e.MICROSOFT_APP_TYPE === 'UserAssignedMsi';
  if (!msi && !e.MICROSOFT_APP_PASSWORD) p.push(`MICROSOFT_APP_PASSWORD: required for MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE}`);
  if (msi && e.MICROSOFT_APP_PASSWORD) p.push('MICROSOFT_APP_PASSWORD: must be unset for MICROSOFT_APP_TYPE=UserAssignedMsi');
  if (e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) p.push(`MICROSOFT_APP_TENANT_ID: required for MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE}`);
  return p;
}

/** Read and validate the configuration; a bad value stops start-up with a message naming the variable and what is expected. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CodedError('CONFIG_INVALID', `invalid configuration: ${problems}`);
  }
  const e = r.data;
  const teams = teamsProblems(e);
  if (teams.length) throw new CodedError('CONFIG_INVALID', `invalid configuration: ${teams.join('; ')}`);
  return {
    contentDir: e.CONTENT_DIR,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    contextTtlSeconds: e.CONTEXT_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    microsoftAppId: e.MICROSOFT_APP_ID,
    microsoftAppPassword: e.MICROSOFT_APP_PASSWORD,
    microsoftAppType: e.MICROSOFT_APP_TYPE,
    microsoftAppTenantId: e.MICROSOFT_APP_TENANT_ID,
  };
}
