import type { Authorize } from '@slack/bolt';
import { forLog, type Logger } from '../../src/logger.js';
import { Keyring } from '../../src/secrets/keyring.js';
import type { Store } from '../../src/store/store.js';
import type { SlackConfig, SlackOAuthConfig } from './config.js';
import { SlackDigestSender } from './slack-digest-sender.js';
import { SlackInstallations } from './slack-installations.js';
import { SlackTokens } from './slack-tokens.js';

/** OAuth mode's parts over one Store: the sealed installations and the tokens read (and refreshed) from them. */
export interface SlackOAuthParts {
  installations: SlackInstallations;
  tokens: SlackTokens;
}

/** Build OAuth mode's parts from the configuration: serve, digest run and the CLI each build their own over the one Store. */
export function slackOAuthParts(slack: SlackConfig, oauth: SlackOAuthConfig, store: Store, logger: Logger, now: () => number = Date.now): SlackOAuthParts {
  const installations = new SlackInstallations(store, new Keyring(oauth.encryptionKeys), logger, now);
  const tokens = new SlackTokens({ store, installations, clientId: oauth.clientId, clientSecret: oauth.clientSecret, apiUrl: slack.apiUrl, refreshWindowSeconds: oauth.refreshWindowSeconds, logger, now });
  return { installations, tokens };
}

/**
 * Bolt's authorize in OAuth mode: each request's workspace (or org, for an org-wide install) reads its installation,
 * its token refreshed when it is about to expire. A workspace of an org-wide install is remembered as being in that
 * org, so its digests (sent outside any request) find the org's installation.
 */
export function oauthAuthorize(parts: SlackOAuthParts, logger: Logger): Authorize<boolean> {
  return async (source) => {
    const where = source.isEnterpriseInstall ? { enterpriseId: source.enterpriseId, isEnterpriseInstall: true } : { teamId: source.teamId, enterpriseId: source.enterpriseId };
    const auth = await parts.tokens.botAuth(where);
    if (source.isEnterpriseInstall && source.enterpriseId && source.teamId) {
      await parts.installations.noteOrgTeam(source.enterpriseId, source.teamId).catch((err: Error) => logger.warn({ err: forLog(err.message) }, 'could not note a workspace of an org-wide install'));
    }
    return {
      botToken: auth.botToken,
      botId: auth.botId,
      botUserId: auth.botUserId,
      ...(source.teamId ?? auth.teamId ? { teamId: source.teamId ?? auth.teamId } : {}),
      ...(source.enterpriseId ?? auth.enterpriseId ? { enterpriseId: source.enterpriseId ?? auth.enterpriseId } : {}),
    };
  };
}

/** OAuth mode's digest sender: each subscription's digest posts with its workspace's installation's token. */
export function oauthDigestSender(slack: SlackConfig, parts: SlackOAuthParts, logger: Logger, now?: () => number): SlackDigestSender {
  return new SlackDigestSender({ tokenFor: async (sub) => (await parts.tokens.botAuthForTeam(sub.workspace)).botToken, apiUrl: slack.apiUrl, logger, ...(now ? { now } : {}) });
}
