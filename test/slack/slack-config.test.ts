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
});
