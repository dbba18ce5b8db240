import { z } from 'zod';
import { optionalString } from '../../src/config.js';
import { parseKeyring, type KeyringKey } from '../../src/secrets/keyring.js';

/**
 * Slack's slice of the configuration (like probot's readEnvOptions): the SLACK_* variables, checked together.
 * Slack is on when SLACK_BOT_TOKEN is set (one workspace) or SLACK_CLIENT_ID is (OAuth: any workspace installs it),
 * unless SLACK_ENABLED=false. One workspace needs a signing secret (HTTP) or an app token (Socket Mode); OAuth needs
 * the client id and secret, a state secret, the keys installations are encrypted with, and a signing secret (HTTP only).
 */

/** The OAuth variables: any one set asks for all of them. */
const OAUTH_VARS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'INSTALLATION_ENCRYPTION_KEYS'] as const;

/** INSTALLATION_ENCRYPTION_KEYS, parsed into its keys (the problem names the entry, never a key). */
const encryptionKeys = optionalString.transform((v, ctx): KeyringKey[] | undefined => {
  if (v === undefined) return undefined;
  const r = parseKeyring(v);
  if (r.ok) return r.keys;
  ctx.addIssue({ code: 'custom', message: r.problem });
  return z.NEVER;
});

const slackApiUrl = optionalString
  .refine((v) => v === undefined || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), 'expected the Web API base URL, like https://slack.com/api/')
  .transform((v) => (v === undefined ? 'https://slack.com/api/' : v.endsWith('/') ? v : `${v}/`));

/** The Slack variables, read into `slack` (absent when Slack is off). */
export const SlackConfigSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^xox[bp]-[\w-]+$/.test(v), 'expected a bot token (xoxb-…)'),
    SLACK_SIGNING_SECRET: optionalString.refine((v) => v === undefined || /^[0-9a-zA-Z]{16,128}$/.test(v), "expected the app's signing secret (letters and digits)"),
    SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || /^xapp-[\w-]+$/.test(v), 'expected an app-level token (xapp-…) for Socket Mode'),
    SLACK_API_URL: slackApiUrl,
    SLACK_BOT_USER_ID: optionalString.refine((v) => v === undefined || /^[UW][A-Z0-9]{2,}$/.test(v), 'expected the bot user id (U…)'),
    SLACK_BOT_ID: optionalString.refine((v) => v === undefined || /^B[A-Z0-9]{2,}$/.test(v), 'expected the bot id (B…)'),
    SLACK_CLIENT_ID: optionalString.refine((v) => v === undefined || /^\d+\.\d+$/.test(v), "expected the app's client id (digits.digits, Basic Information)"),
    SLACK_CLIENT_SECRET: optionalString.refine((v) => v === undefined || /^[0-9a-zA-Z]{16,128}$/.test(v), "expected the app's client secret (letters and digits)"),
    SLACK_STATE_SECRET: optionalString.refine((v) => v === undefined || (v.length >= 16 && v.length <= 256), 'expected a random secret of 16 to 256 characters (openssl rand -base64 32)'),
    INSTALLATION_ENCRYPTION_KEYS: encryptionKeys,
    SLACK_TOKEN_REFRESH_WINDOW_SECONDS: z.coerce.number().int().min(60).max(11 * 3600).default(7200),
    SLACK_ENABLED: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['true', 'false', '1', '0']).optional()),
  })
  .superRefine((e, ctx) => {
    const enabled = e.SLACK_ENABLED === 'true' || e.SLACK_ENABLED === '1';
    const oauth = OAUTH_VARS.filter((v) => e[v] !== undefined);
    if (oauth.length > 0) {
      for (const v of OAUTH_VARS) if (e[v] === undefined) ctx.addIssue({ code: 'custom', path: [v], message: `required for Slack OAuth (${oauth.join(', ')} ${oauth.length > 1 ? 'are' : 'is'} set)` });
      if (e.SLACK_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and the other OAuth variables (any workspace installs), not both' });
      if (e.SLACK_APP_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_APP_TOKEN'], message: 'Slack OAuth runs over HTTP (apps distributed to many workspaces cannot use Socket Mode); unset it' });
      if (!e.SLACK_SIGNING_SECRET) ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'required for Slack OAuth (requests arrive over HTTP)' });
      return;
    }
    if (enabled && !e.SLACK_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_ENABLED'], message: 'true needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN), or the OAuth variables' });
    if (!e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (or set SLACK_CLIENT_ID and the other OAuth variables)' });
    }
    if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)' });
    }
  })
  .transform((e): { slack?: SlackConfigShape } => {
    // SLACK_ENABLED=false switches Slack off even with its credentials set
    if (e.SLACK_ENABLED === 'false' || e.SLACK_ENABLED === '0') return {};
    if (e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET && e.INSTALLATION_ENCRYPTION_KEYS && e.SLACK_SIGNING_SECRET) {
      const slack = {
        apiUrl: e.SLACK_API_URL,
        signingSecret: e.SLACK_SIGNING_SECRET,
        /** OAuth: every workspace installs the app; its token comes from its installation */
        oauth: {
          clientId: e.SLACK_CLIENT_ID,
          clientSecret: e.SLACK_CLIENT_SECRET,
          stateSecret: e.SLACK_STATE_SECRET,
          /** the first seals, every one opens (INSTALLATION_ENCRYPTION_KEYS) */
          encryptionKeys: e.INSTALLATION_ENCRYPTION_KEYS,
          /** a rotating token expiring within this many seconds is refreshed before use */
          refreshWindowSeconds: e.SLACK_TOKEN_REFRESH_WINDOW_SECONDS,
        },
      };
      return { slack };
    }
    if (!e.SLACK_BOT_TOKEN) return {};
    const slack = {
      botToken: e.SLACK_BOT_TOKEN,
      /** Web API base URL ending in '/', e.g. https://slack.com/api/ (GovSlack and tests set their own) */
      apiUrl: e.SLACK_API_URL,
      /** absent only in Socket Mode, where requests do not come over HTTP */
      ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
      /** set: Socket Mode instead of the /slack/events HTTP endpoint */
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      /** both set: no auth.test call at start */
      ...(e.SLACK_BOT_USER_ID ? { botUserId: e.SLACK_BOT_USER_ID } : {}),
      ...(e.SLACK_BOT_ID ? { botId: e.SLACK_BOT_ID } : {}),
    };
    /** absent: Slack is off */
    return { slack };
  });

/** Slack's settings: one workspace (botToken) or OAuth (oauth), never both. */
interface SlackConfigShape {
  /** one workspace: its bot token (SLACK_BOT_TOKEN); absent in OAuth mode */
  botToken?: string;
  apiUrl: string;
  signingSecret?: string;
  appToken?: string;
  botUserId?: string;
  botId?: string;
  oauth?: SlackOAuthConfig;
}

/** Slack OAuth's settings (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, INSTALLATION_ENCRYPTION_KEYS). */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  encryptionKeys: KeyringKey[];
  refreshWindowSeconds: number;
}

/** What Slack's slice adds to the configuration: `slack`, absent when Slack is off. */
export type SlackSettings = z.infer<typeof SlackConfigSchema>;
/** The Slack settings when Slack is on. */
export type SlackConfig = NonNullable<SlackSettings['slack']>;
