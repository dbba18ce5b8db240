import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { forLog, type Logger } from '../../src/logger.js';
import { removeWorkspace } from '../../src/store/remove-workspace.js';
import type { Store } from '../../src/store/store.js';
import type { SlackInstallations } from './slack-installations.js';

/** The app-lifecycle events plan-bot reads (OAuth mode): both end a workspace's installation. */
export const LIFECYCLE_EVENTS = /^(app_uninstalled|tokens_revoked)$/;

/** The reason subscriptions of an uninstalled workspace are deactivated with. */
export const UNINSTALLED_REASON = 'app_uninstalled';

/** The envelope of app_uninstalled / tokens_revoked: which workspace or org, and (tokens_revoked) which tokens. */
const LifecycleEnvelope = z.looseObject({
  team_id: z.string().min(1).max(40).optional(),
  enterprise_id: z.string().min(1).max(40).optional(),
  authorizations: z.array(z.looseObject({ is_enterprise_install: z.boolean().optional() })).max(10).optional(),
  is_ext_shared_channel: z.boolean().optional(),
  event: z.looseObject({
    type: z.string(),
    tokens: z.looseObject({ bot: z.array(z.string()).max(1000).optional(), oauth: z.array(z.string()).max(1000).optional() }).optional(),
  }),
});

export interface UninstallDeps {
  store: Store;
  /** OAuth mode: where installations are deleted; absent (one workspace's SLACK_BOT_TOKEN): only the data goes */
  installations?: SlackInstallations;
  log: Logger;
  now?: () => number;
}

/**
 * app_uninstalled, and tokens_revoked for the bot's token: the installation is deleted, and each workspace it served
 * (the team, or every workspace seen through an org-wide install) has its subscriptions deactivated with the reason
 * app_uninstalled and its contexts and thread memberships deleted. tokens_revoked for user tokens only changes
 * nothing (plan-bot asks for no user scopes). Running twice (Slack sends both events) finds nothing the second time.
 */
export function uninstallListener(deps: UninstallDeps): Middleware<SlackEventMiddlewareArgs> {
  return async ({ body, event }) => {
    const parsed = LifecycleEnvelope.safeParse(body);
    if (!parsed.success) {
      deps.log.warn({ problem: forLog(parsed.error.issues[0]?.message) }, 'malformed app lifecycle event ignored');
      return;
    }
    const b = parsed.data;
    if (event.type === 'tokens_revoked' && (b.event.tokens?.bot ?? []).length === 0) {
      deps.log.info({ team: forLog(b.team_id ?? '') }, 'slack user tokens revoked; plan-bot uses none, nothing to do');
      return;
    }
    const org = b.authorizations?.[0]?.is_enterprise_install === true && b.enterprise_id !== undefined;
    const where = org ? { enterpriseId: b.enterprise_id, isEnterpriseInstall: true } : { teamId: b.team_id, enterpriseId: b.enterprise_id };
    if (!where.teamId && !org) {
      deps.log.warn({ type: event.type }, 'app lifecycle event names no workspace; ignored');
      return;
    }
    const deleted = deps.installations ? await deps.installations.delete(where) : false;
    const teams = org ? ((await deps.installations?.takeOrgTeams(b.enterprise_id!)) ?? []) : [b.team_id!];
    let deactivated = 0;
    let conversations = 0;
    for (const team of teams) {
      const r = await removeWorkspace(deps.store, 'slack', team, UNINSTALLED_REASON, (deps.now ?? Date.now)());
      deactivated += r.deactivated;
      conversations += r.conversations;
    }
    deps.log.info({ type: event.type, installation: forLog(org ? `org:${b.enterprise_id}` : `team:${b.team_id}`), deleted, workspaces: teams.length, deactivated, conversations }, 'slack app removed from a workspace; its data is gone');
  };
}
