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

const slackApiUrl = optionalString
  .refine((v) => v === undefined || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), 'expected the Web API base URL, like https://slack.com/api/')
  .transform((v) => (v === undefined ? 'https://slack.com/api/' : v.endsWith('/') ? v : `${v}/`));

/** Slack's variables: the platform is on when SLACK_BOT_TOKEN is set, and then needs a signing secret or an app token. */
const SlackEnv = {
  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^xox[bp]-[\w-]+$/.test(v), 'expected a bot token (xoxb-…)'),
  SLACK_SIGNING_SECRET: optionalString.refine((v) => v === undefined || /^[0-9a-zA-Z]{16,128}$/.test(v), 'expected the app\'s signing secret (letters and digits)'),
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || /^xapp-[\w-]+$/.test(v), 'expected an app-level token (xapp-…) for Socket Mode'),
  SLACK_API_URL: slackApiUrl,
  SLACK_BOT_USER_ID: optionalString.refine((v) => v === undefined || /^[UW][A-Z0-9]{2,}$/.test(v), 'expected the bot user id (U…)'),
  SLACK_BOT_ID: optionalString.refine((v) => v === undefined || /^B[A-Z0-9]{2,}$/.test(v), 'expected the bot id (B…)'),
};

/** The Slack settings that only make sense together; returns what is wrong, naming the variables. */
function slackProblems(e: { SLACK_BOT_TOKEN?: string; SLACK_SIGNING_SECRET?: string; SLACK_APP_TOKEN?: string }): string[] {
  const p: string[] = [];
  if (!e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) p.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) p.push('SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)');
  return p;
}

/** Slack settings; present only when Slack is configured (otherwise the platform is off). */
export interface SlackConfig {
  botToken: string;
  /** absent only in Socket Mode, where requests do not come over HTTP */
  signingSecret?: string;
  /** set: Socket Mode instead of the /slack/events HTTP endpoint */
  appToken?: string;
  /** Web API base URL ending in '/', e.g. https://slack.com/api/ (GovSlack and tests set their own) */
  apiUrl: string;
  /** both set: no auth.test call at start */
  botUserId?: string;
  botId?: string;
}

/** Every setting plan-bot reads from the environment, validated once at start. Nothing else reads process.env. */
export const ConfigSchema = z.object({
  CONTENT_DIR: z.string().min(1).default(DEFAULT_CONTENT_DIR),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: z.string().min(1).regex(/^[\w:.-]+$/, 'letters, digits and : . - _ only').default('plan-bot:'),
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  CONTEXT_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(24 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  DIGEST_ENABLED: z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1'),
  DIGEST_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  DIGEST_LEASE_SECONDS: z.coerce.number().int().min(30).max(24 * 3600).default(600),
  MICROSOFT_APP_ID: optionalString.refine((v) => v === undefined || GUID.test(v), 'expected the bot\'s Microsoft app id, a GUID'),
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TYPE: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('MultiTenant')),
  MICROSOFT_APP_TENANT_ID: optionalString.refine((v) => v === undefined || GUID.test(v) || /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v), 'expected a tenant id (GUID) or domain'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(512),
  ...SlackEnv,
});

export type Config = {
  contentDir: string;
  redisUrl?: string;
  redisPrefix: string;
  redisTimeoutMs: number;
  contextTtlSeconds: number;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** log level of plan-bot ask/chat, whose stdout is the answers (logs go to stderr) */
  cliLogLevel: z.infer<typeof ConfigSchema>['CLI_LOG_LEVEL'];
  /** whether this process delivers daily digests (serve: the scheduler; subscriptions can be managed either way) */
  digestEnabled: boolean;
  /** digests one process delivers at the same time */
  digestConcurrency: number;
  /** how long a delivery may hold its claim before another runner takes over from a crashed one */
  digestLeaseSeconds: number;
  /** Teams (Bot Framework) app; absent id = Teams endpoint runs unauthenticated, for local testing only */
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  microsoftAppType?: z.infer<typeof ConfigSchema>['MICROSOFT_APP_TYPE'];
  microsoftAppTenantId?: string;
  /** HTTP port of plan-bot serve (0: any free port) */
  port: number;
  /** answers to context-free questions remembered per process (0: none) */
  answerCacheSize: number;
  /** absent: Slack is off */
  slack?: SlackConfig;
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
  const teams = [...teamsProblems(e), ...slackProblems(e)];
  if (teams.length) throw new CodedError('CONFIG_INVALID', `invalid configuration: ${teams.join('; ')}`);
  return {
    contentDir: e.CONTENT_DIR,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    contextTtlSeconds: e.CONTEXT_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    cliLogLevel: e.CLI_LOG_LEVEL,
    digestEnabled: e.DIGEST_ENABLED,
    digestConcurrency: e.DIGEST_CONCURRENCY,
    digestLeaseSeconds: e.DIGEST_LEASE_SECONDS,
    microsoftAppId: e.MICROSOFT_APP_ID,
    microsoftAppPassword: e.MICROSOFT_APP_PASSWORD,
    microsoftAppType: e.MICROSOFT_APP_TYPE,
    microsoftAppTenantId: e.MICROSOFT_APP_TENANT_ID,
    port: e.PORT,
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    ...(e.SLACK_BOT_TOKEN
      ? {
          slack: {
            botToken: e.SLACK_BOT_TOKEN,
            apiUrl: e.SLACK_API_URL,
            ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
            ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
            ...(e.SLACK_BOT_USER_ID ? { botUserId: e.SLACK_BOT_USER_ID } : {}),
            ...(e.SLACK_BOT_ID ? { botId: e.SLACK_BOT_ID } : {}),
          },
        }
      : {}),
  };
}
