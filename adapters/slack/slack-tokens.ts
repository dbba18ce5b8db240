import type { Installation } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import { CodedError } from '../../src/errors.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';
import { secretBodyLogger } from './bolt-logger.js';
import { slackErrorCode } from './slack-sender.js';
import { SlackInstallations, type InstallationWhere } from './slack-installations.js';

/** What sending as the bot in one workspace needs: its token and who the bot is there. */
export interface BotAuth {
  botToken: string;
  botUserId: string;
  botId: string;
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
}

export interface SlackTokensOptions {
  store: Store;
  installations: SlackInstallations;
  clientId: string;
  clientSecret: string;
  /** Web API base URL ending in '/' (oauth.v2.access is called there) */
  apiUrl: string;
  /** a rotating token expiring within this many seconds is refreshed before use */
  refreshWindowSeconds: number;
  logger: Logger;
  now?: () => number;
  /** how long one refresh may hold the lock (s); another waits at most this long for it */
  lockSeconds?: number;
  /** how often a waiting caller looks whether the refresh is done (ms) */
  pollMs?: number;
}

/** The Store claim that is the refresh lock of one installation. */
const lockOf = (id: string) => `slack-token-refresh:${id}`;

/**
 * The bot token of an installation, refreshed when it rotates and expires within the refresh window: listeners
 * (through Bolt's authorize) and digests (outside any listener) both ask here. A refresh (oauth.v2.access with
 * grant_type=refresh_token) runs under a Store claim, so of two replicas or runners only one refreshes; the other waits
 * for the new token to be stored and reads it. A refresh token is used once, so two refreshing would lose one.
 */
export class SlackTokens {
  private readonly client: WebClient;
  private readonly now: () => number;

  constructor(private readonly opts: SlackTokensOptions) {
    this.now = opts.now ?? Date.now;
    this.client = new WebClient(undefined, { slackApiUrl: opts.apiUrl, logger: secretBodyLogger(opts.logger, 'slack-token-refresh'), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 });
  }

  /** The bot's token in a workspace or org, refreshed first when it is about to expire; throws INSTALLATION_NOT_FOUND when not installed. */
  async botAuth(where: InstallationWhere): Promise<BotAuth> {
    const found = await this.opts.installations.read(where);
    if (!found) throw new CodedError('INSTALLATION_NOT_FOUND', `plan-bot is not installed in ${SlackInstallations.idOf(where)}; install it at /slack/install`);
    const inst = this.expiring(found.installation) ? await this.refresh(where, found.installation) : found.installation;
    return authOf(inst);
  }

  /** The bot's token for a workspace's digests: its own installation, or its org's. */
  async botAuthForTeam(teamId: string): Promise<BotAuth> {
    return this.botAuth(await this.opts.installations.whereFor(teamId));
  }

  private expiring(inst: Installation): boolean {
    const bot = inst.bot;
    return Boolean(bot?.refreshToken && bot.expiresAt !== undefined && bot.expiresAt * 1000 - this.now() < this.opts.refreshWindowSeconds * 1000);
  }

  /** Refresh under the lock, or wait for whoever holds it and read what they stored. */
  private async refresh(where: InstallationWhere, seen: Installation): Promise<Installation> {
    const id = SlackInstallations.idOf(where);
    const lockSeconds = this.opts.lockSeconds ?? 30;
    const deadline = this.now() + lockSeconds * 1000 * 2;
    for (;;) {
      if (await this.opts.store.claimOnce(lockOf(id), lockSeconds)) {
        try {
          // another holder may have refreshed between our read and our claim: the refresh token we saw is then spent
          const current = (await this.opts.installations.read(where))?.installation ?? seen;
          return this.expiring(current) ? await this.exchange(id, current) : current;
        } finally {
          await this.opts.store.releaseClaim(lockOf(id));
        }
      }
      await new Promise((r) => setTimeout(r, this.opts.pollMs ?? 100));
      const now = (await this.opts.installations.read(where))?.installation;
      if (!now) throw new CodedError('INSTALLATION_NOT_FOUND', `installation ${id} was removed while its token was being refreshed`);
      if (!this.expiring(now)) return now;
      if (this.now() > deadline) throw new CodedError('SLACK_TOKEN_REFRESH_FAILED', `the token of ${id} was being refreshed elsewhere and did not arrive in time; trying again later`);
    }
  }

  /** oauth.v2.access grant_type=refresh_token, and the new token pair stored (sealed) before it is used. */
  private async exchange(id: string, inst: Installation): Promise<Installation> {
    const bot = inst.bot!;
    let res;
    try {
      res = await this.client.oauth.v2.access({ client_id: this.opts.clientId, client_secret: this.opts.clientSecret, grant_type: 'refresh_token', refresh_token: bot.refreshToken! });
    } catch (err) {
      throw new CodedError('SLACK_TOKEN_REFRESH_FAILED', `oauth.v2.access refused to refresh the token of ${id} (${slackErrorCode(err)})`, { cause: err });
    }
    if (!res.access_token || !res.refresh_token || typeof res.expires_in !== 'number') {
      throw new CodedError('SLACK_TOKEN_REFRESH_FAILED', `oauth.v2.access answered a refresh of ${id} without a token, refresh token and expiry`);
    }
    const next: Installation = { ...inst, bot: { ...bot, token: res.access_token, refreshToken: res.refresh_token, expiresAt: Math.floor(this.now() / 1000) + res.expires_in } };
    await this.opts.installations.save(next);
    this.opts.logger.info({ installation: forLog(id), expiresInSeconds: res.expires_in }, 'slack bot token refreshed');
    return next;
  }
}

/** The bot's authorisation from an installation. */
function authOf(inst: Installation): BotAuth {
  const bot = inst.bot!;
  return {
    botToken: bot.token,
    botUserId: bot.userId,
    botId: bot.id,
    ...(inst.team?.id ? { teamId: inst.team.id } : {}),
    ...(inst.enterprise?.id ? { enterpriseId: inst.enterprise.id } : {}),
    isEnterpriseInstall: inst.isEnterpriseInstall === true,
  };
}
