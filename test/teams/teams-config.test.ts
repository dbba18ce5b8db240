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
});
