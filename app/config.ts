import { z } from 'zod';
import { SlackConfigSchema } from '../adapters/slack/config.js';
import { TeamsConfigSchema } from '../adapters/teams/config.js';
import { WebConfigSchema, type WebSettings } from '../adapters/web/config.js';
import { CoreConfigSchema } from '../src/config.js';
import { CodedError } from '../src/errors.js';
import { MetricsConfigSchema } from './metrics-config.js';

/**
 * Every setting plan-bot reads from the environment: the core's slice and each platform's, each validating its
 * own variables. The slices read disjoint variables of the same environment; their settings are merged.
 */
export const ConfigSchema = z
  .object({ core: CoreConfigSchema, slack: SlackConfigSchema, teams: TeamsConfigSchema, web: WebConfigSchema, metrics: MetricsConfigSchema })
  .superRefine(({ core, metrics }, ctx) => {
    if (metrics.metrics?.port && metrics.metrics.port === core.port) ctx.addIssue({ code: 'custom', path: ['metrics', 'METRICS_PORT'], message: `must differ from PORT (${core.port}); leave it unset and set METRICS_TOKEN to serve /metrics on the main port` });
  })
  .transform(({ core, slack, teams, web, metrics }) => ({ ...core, ...slack, ...teams, ...metrics, ...webChat(web.webChat, slack.slack !== undefined || teams.teamsEnabled) }));

/** Whether the local web chat is served: as WEB_CHAT says, and when it is unset, only while no chat platform is configured. */
function webChat(setting: boolean | undefined, platformConfigured: boolean): WebSettings {
  if (setting === false) return { webChatEnabled: false, webChatOffReason: 'WEB_CHAT=false' };
  if (setting === undefined && platformConfigured) return { webChatEnabled: false, webChatOffReason: 'Slack or Teams is configured (WEB_CHAT=true serves it too)' };
  return { webChatEnabled: true };
}

/** The whole configuration, inferred from the composed schema. */
export type Config = z.infer<typeof ConfigSchema>;

/** Read and validate the configuration once, at start; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = ConfigSchema.safeParse({ core: env, slack: env, teams: env, web: env, metrics: env });
  if (r.success) return r.data;
  // the first path segment is the slice; the rest names the variable
  const problems = r.error.issues.map((i) => `${i.path.slice(1).join('.')}: ${i.message}`).join('; ');
  throw new CodedError('CONFIG_INVALID', `invalid configuration: ${problems}`);
}
