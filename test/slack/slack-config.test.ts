import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { configProblem } from '../support/config-problem.js';

const OK = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5' };

const problem = configProblem;

describe('Slack configuration', () => {
  it('is off (no slack section) when no Slack variable is set', () => {
    expect(loadConfig({}).slack).toBeUndefined();
    expect(loadConfig({}).port).toBe(3000);
  });

  it('reads a complete HTTP setup, with the default Web API URL', () => {
    const c = loadConfig({ ...OK, PORT: '8080' });
    expect(c.port).toBe(8080);
    expect(c.slack).toEqual({ botToken: OK.SLACK_BOT_TOKEN, signingSecret: OK.SLACK_SIGNING_SECRET, apiUrl: 'https://slack.com/api/' });
  });

  it('takes SLACK_API_URL (GovSlack, tests) and adds the trailing slash', () => {
    expect(loadConfig({ ...OK, SLACK_API_URL: 'https://slack-gov.com/api' }).slack?.apiUrl).toBe('https://slack-gov.com/api/');
  });

  it('runs Socket Mode with an app token and no signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: OK.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' }).slack?.appToken).toBe('xapp-1-A1-1-abc');
  });

  it.each([
    [{ SLACK_BOT_TOKEN: OK.SLACK_BOT_TOKEN }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_SIGNING_SECRET: OK.SLACK_SIGNING_SECRET }, 'SLACK_BOT_TOKEN'],
    [{ ...OK, SLACK_BOT_TOKEN: 'not-a-token' }, 'SLACK_BOT_TOKEN'],
    [{ ...OK, SLACK_SIGNING_SECRET: 'short' }, 'SLACK_SIGNING_SECRET'],
    [{ ...OK, SLACK_API_URL: 'slack.com/api' }, 'SLACK_API_URL'],
    [{ ...OK, SLACK_APP_TOKEN: 'xoxb-wrong-kind' }, 'SLACK_APP_TOKEN'],
    [{ ...OK, SLACK_BOT_USER_ID: 'bot' }, 'SLACK_BOT_USER_ID'],
    [{ ...OK, PORT: 'eighty' }, 'PORT'],
    [{ ...OK, PORT: '70000' }, 'PORT'],
  ])('refuses %o naming %s', (env, variable) => {
    const message = problem(env as Record<string, string>);
    expect(message).toContain(variable);
    // the message names the variable, never echoes a secret
    expect(message).not.toContain(OK.SLACK_SIGNING_SECRET);
  });

  describe('OAuth mode', () => {
    const key = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    const OAUTH = { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'c0ffee0123456789abcdef0123456789', SLACK_STATE_SECRET: 'a-state-secret-of-some-length', INSTALLATION_ENCRYPTION_KEYS: key, SLACK_SIGNING_SECRET: OK.SLACK_SIGNING_SECRET };

    it('reads the client id and secret, state secret and encryption keys, with no bot token', () => {
      const c = loadConfig(OAUTH).slack!;
      expect(c.botToken).toBeUndefined();
      expect(c.signingSecret).toBe(OK.SLACK_SIGNING_SECRET);
      expect(c.oauth).toMatchObject({ clientId: '1111.2222', clientSecret: OAUTH.SLACK_CLIENT_SECRET, stateSecret: OAUTH.SLACK_STATE_SECRET, refreshWindowSeconds: 7200 });
      expect(c.oauth!.encryptionKeys.map((k) => [k.id, k.key.length])).toEqual([['k1', 32]]);
    });

    it.each([
      [{ ...OAUTH, SLACK_CLIENT_SECRET: '' }, 'SLACK_CLIENT_SECRET'],
      [{ ...OAUTH, SLACK_STATE_SECRET: '' }, 'SLACK_STATE_SECRET'],
      [{ ...OAUTH, SLACK_STATE_SECRET: 'short' }, 'SLACK_STATE_SECRET'],
      [{ ...OAUTH, INSTALLATION_ENCRYPTION_KEYS: '' }, 'INSTALLATION_ENCRYPTION_KEYS'],
      [{ ...OAUTH, INSTALLATION_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16, 7).toString('base64')}` }, 'INSTALLATION_ENCRYPTION_KEYS'],
      [{ ...OAUTH, SLACK_CLIENT_ID: 'abc' }, 'SLACK_CLIENT_ID'],
      [{ ...OAUTH, SLACK_SIGNING_SECRET: '' }, 'SLACK_SIGNING_SECRET'],
      [{ ...OAUTH, SLACK_BOT_TOKEN: OK.SLACK_BOT_TOKEN }, 'SLACK_BOT_TOKEN'],
      [{ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' }, 'SLACK_APP_TOKEN'],
    ])('refuses %o naming %s, never echoing a secret', (env, variable) => {
      const message = problem(env as Record<string, string>);
      expect(message).toContain(variable);
      for (const secret of [OAUTH.SLACK_CLIENT_SECRET, OAUTH.SLACK_STATE_SECRET, key.slice(3), OK.SLACK_SIGNING_SECRET]) expect(message).not.toContain(secret);
    });
  });
});
