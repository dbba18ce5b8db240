import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { configProblem } from '../support/config-problem.js';

const APP = '6a1b7c2d-0000-4000-8000-000000000b07';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const problem = configProblem;

describe('MICROSOFT_APP_* configuration', () => {
  it('is unauthenticated (no app id) by default', () => {
    const c = loadConfig({});
    expect(c.microsoftAppId).toBeUndefined();
    expect(c.microsoftAppType).toBe('MultiTenant');
  });

  it('reads a MultiTenant app and a SingleTenant app', () => {
    expect(loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'pw' })).toMatchObject({ microsoftAppId: APP, microsoftAppPassword: 'pw', microsoftAppType: 'MultiTenant' });
    expect(loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: TENANT })).toMatchObject({
      microsoftAppType: 'SingleTenant',
      microsoftAppTenantId: TENANT,
    });
    expect(loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TYPE: 'UserAssignedMsi', MICROSOFT_APP_TENANT_ID: TENANT }).microsoftAppPassword).toBeUndefined();
  });

  it('names the variable and what is expected when a value is wrong', () => {
    expect(problem({ MICROSOFT_APP_ID: 'my-bot' })).toMatch(/MICROSOFT_APP_ID: .*GUID/);
    expect(problem({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'Multi' })).toMatch(/MICROSOFT_APP_TYPE/);
    expect(problem({ MICROSOFT_APP_ID: APP })).toMatch(/MICROSOFT_APP_PASSWORD: required for MICROSOFT_APP_TYPE=MultiTenant/);
    expect(problem({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant' })).toMatch(/MICROSOFT_APP_TENANT_ID: required/);
    expect(problem({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'UserAssignedMsi', MICROSOFT_APP_TENANT_ID: TENANT })).toMatch(/MICROSOFT_APP_PASSWORD: must be unset/);
    expect(problem({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: 'not a tenant' })).toMatch(/MICROSOFT_APP_TENANT_ID/);
  });

  it('refuses a password without an app id, instead of silently running unauthenticated', () => {
    expect(problem({ MICROSOFT_APP_PASSWORD: 'pw' })).toMatch(/MICROSOFT_APP_ID: required/);
  });

  it('never puts the password in an error message', () => {
    expect(problem({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'sup3r-secret', MICROSOFT_APP_TYPE: 'SingleTenant' })).not.toContain('sup3r-secret');
  });

  it('is closed by default, and names the variable of a bad TEAMS_* / HOST / SLACK_ENABLED value', () => {
    expect(loadConfig({})).toMatchObject({ teamsEnabled: false, teamsAllowUnauthenticated: false, teamsEmulatorPorts: [9000, 9002], host: '0.0.0.0' });
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_EMULATOR_PORTS: '51000, 51001' })).toMatchObject({ teamsEnabled: true, teamsEmulatorPorts: [51000, 51001] });
    expect(problem({ TEAMS_ENABLED: 'true' })).toMatch(/TEAMS_ENABLED: true needs MICROSOFT_APP_ID/);
    expect(problem({ TEAMS_ALLOW_UNAUTHENTICATED: 'yes' })).toMatch(/TEAMS_ALLOW_UNAUTHENTICATED/);
    expect(problem({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'pw', TEAMS_ALLOW_UNAUTHENTICATED: 'true' })).toMatch(/TEAMS_ALLOW_UNAUTHENTICATED: must be unset/);
    expect(problem({ TEAMS_EMULATOR_PORTS: '9000,0x7f' })).toMatch(/TEAMS_EMULATOR_PORTS/);
    expect(problem({ TEAMS_SEND_TIMEOUT_MS: '5' })).toMatch(/TEAMS_SEND_TIMEOUT_MS/);
    expect(problem({ HOST: 'not a host!' })).toMatch(/HOST/);
    expect(problem({ SLACK_ENABLED: 'true' })).toMatch(/SLACK_ENABLED/);
    expect(loadConfig({ SLACK_ENABLED: 'false', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdef0123456789' }).slack).toBeUndefined();
  });
});
