import { z } from 'zod';
import { optionalString } from '../../src/config.js';

/**
 * Slack's slice of the configuration (like probot's readEnvOptions): the SLACK_* variables, checked together.
 * Slack is on when SLACK_BOT_TOKEN is set (unless SLACK_ENABLED=false), and then needs a signing secret (HTTP) or an app token (Socket Mode).
 */

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
    SLACK_ENABLED: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['true', 'false', '1', '0']).optional()),
  })
  .superRefine((e, ctx) => {
    const enabled = e.SLACK_ENABLED === 'true' || e.SLACK_ENABLED === '1';
    if (enabled && !e.SLACK_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_ENABLED'], message: 'true needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN)' });
    if (!e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set' });
    }
    if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)' });
    }
  })
  .transform((e) => {
    // SLACK_ENABLED=false switches Slack off even with its credentials set
    if (!e.SLACK_BOT_TOKEN || e.SLACK_ENABLED === 'false' || e.SLACK_ENABLED === '0') return {};
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

/** What Slack's slice adds to the configuration: `slack`, absent when Slack is off. */
export type SlackSettings = z.infer<typeof SlackConfigSchema>;
/** The Slack settings when Slack is on. */
export type SlackConfig = NonNullable<SlackSettings['slack']>;
