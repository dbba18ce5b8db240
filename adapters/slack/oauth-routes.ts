import type { IncomingMessage, ServerResponse } from 'node:http';
import { InstallProvider, type CodedError as OAuthError, type Installation } from '@slack/oauth';
import { forLog, type Logger } from '../../src/logger.js';
import type { RouteHandler } from '../../src/server.js';
import { sendJson } from '../../src/server.js';
import { secretBodyLogger } from './bolt-logger.js';
import type { SlackInstallations } from './slack-installations.js';

/** Where "Add to Slack" starts: a redirect to Slack's authorize page. */
export const SLACK_INSTALL_PATH = '/slack/install';
/** Where Slack sends the installer back with the code (oauth_config.redirect_urls). */
export const SLACK_OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** The bot scopes an install asks for: exactly the manifest's (test/slack/manifest.test.ts holds them equal). */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'app_mentions:read', 'im:history', 'channels:history', 'groups:history', 'channels:read', 'groups:read', 'assistant:write', 'links:read', 'links:write'];

export interface OAuthRoutesOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  installations: SlackInstallations;
  /** Web API base URL ending in '/' (oauth.v2.access and auth.test are called there) */
  apiUrl: string;
  /** the public origin (PUBLIC_URL): the redirect URL is sent with the install when it is known */
  publicUrl?: string;
  logger: Logger;
}

/** The state and code errors of @slack/oauth: the installer's browser sent something wrong (400, not 500). */
const INSTALLER_ERRORS = new Set(['slack_oauth_missing_state', 'slack_oauth_invalid_state', 'slack_oauth_missing_code', 'slack_oauth_user_access_denied', 'slack_oauth_generate_url_error']);

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * "Add to Slack" through @slack/oauth's InstallProvider on plan-bot's own server: GET /slack/install redirects to
 * Slack's authorize page with a signed state (also set as a cookie), GET /slack/oauth_redirect checks that state
 * against the cookie, exchanges the code (oauth.v2.access), and stores the installation, sealed, through
 * SlackInstallations. A bad or missing state or code is a 400 page; a failure to reach Slack a 502.
 */
export function oauthRoutes(opts: OAuthRoutesOptions): Record<string, RouteHandler> {
  const log = opts.logger;
  const redirectUri = opts.publicUrl ? `${opts.publicUrl}${SLACK_OAUTH_REDIRECT_PATH}` : undefined;
  const installer = new InstallProvider({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    stateSecret: opts.stateSecret,
    installationStore: opts.installations.oauthStore(),
    directInstall: true,
    installUrlOptions: { scopes: BOT_SCOPES, ...(redirectUri ? { redirectUri } : {}) },
    // never at debug: the Web API client's debug lines print oauth.v2.access's body, client secret and code included
    logger: secretBodyLogger(log, 'slack-oauth'),
    clientOptions: { slackApiUrl: opts.apiUrl, timeout: 10_000, retryConfig: { retries: 1 } },
  });
  const getOnly = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method === 'GET') return true;
    res.setHeader('allow', 'GET');
    sendJson(res, 405, { error: 'method_not_allowed' });
    return false;
  };
  return {
    [SLACK_INSTALL_PATH]: async (req, res) => {
      if (!getOnly(req, res)) return;
      try {
        await installer.handleInstallPath(req, res);
      } catch (err) {
        log.error({ err: forLog((err as Error).message) }, 'slack install link could not be made');
        if (!res.headersSent) page(res, 500, 'plan-bot', 'The install link could not be made; see the server log.');
      }
    },
    [SLACK_OAUTH_REDIRECT_PATH]: async (req, res) => {
      if (!getOnly(req, res)) return;
      await installer.handleCallback(req, res, {
        success: (installation: Installation) => {
          const where = installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name;
          page(res, 200, 'plan-bot is installed', `plan-bot is installed${where ? ` in ${where}` : ''}. Try /plan 应急管理 in any channel.`);
        },
        failure: (error: OAuthError) => {
          const code = error.code ?? 'unknown';
          const installer400 = INSTALLER_ERRORS.has(code) || (error as { data?: { error?: string } }).data?.error !== undefined;
          log.warn({ code, err: forLog(error.message) }, 'slack install failed');
          page(res, installer400 ? 400 : 502, 'plan-bot was not installed', installer400 ? 'The install link has expired or was not started here; start again at /slack/install.' : 'The install could not be finished (Slack or the store did not answer); try again.');
        },
      });
    },
  };
}
