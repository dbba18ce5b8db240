import { z } from 'zod';
import { optionalString } from '../../src/config.js';

/**
 * Teams' slice of the configuration (like probot's readEnvOptions): the MICROSOFT_APP_* variables of the Bot
 * Framework app, checked together. Without MICROSOFT_APP_ID the endpoint runs unauthenticated, for local testing.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The MICROSOFT_APP_* variables, read into the Teams settings. */
export const TeamsConfigSchema = z
  .object({
    MICROSOFT_APP_ID: optionalString.refine((v) => v === undefined || GUID.test(v), "expected the bot's Microsoft app id, a GUID"),
    MICROSOFT_APP_PASSWORD: optionalString,
    MICROSOFT_APP_TYPE: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('MultiTenant')),
    MICROSOFT_APP_TENANT_ID: optionalString.refine((v) => v === undefined || GUID.test(v) || /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v), 'expected a tenant id (GUID) or domain'),
  })
  .superRefine((e, ctx) => {
    const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
    if (!e.MICROSOFT_APP_ID) {
      if (e.MICROSOFT_APP_PASSWORD || e.MICROSOFT_APP_TENANT_ID) problem('MICROSOFT_APP_ID', 'required when MICROSOFT_APP_PASSWORD or MICROSOFT_APP_TENANT_ID is set');
      return;
    }
    const msi = e.MICROSOFT_APP_TYPE === 'UserAssignedMsi';
    if (!msi && !e.MICROSOFT_APP_PASSWORD) problem('MICROSOFT_APP_PASSWORD', `required for MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE}`);
    if (msi && e.MICROSOFT_APP_PASSWORD) problem('MICROSOFT_APP_PASSWORD', 'must be unset for MICROSOFT_APP_TYPE=UserAssignedMsi');
    if (e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) problem('MICROSOFT_APP_TENANT_ID', `required for MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE}`);
  })
  .transform((e) => ({
    /** absent: the Teams endpoint runs unauthenticated, for local testing only */
    ...(e.MICROSOFT_APP_ID ? { microsoftAppId: e.MICROSOFT_APP_ID } : {}),
    ...(e.MICROSOFT_APP_PASSWORD ? { microsoftAppPassword: e.MICROSOFT_APP_PASSWORD } : {}),
    microsoftAppType: e.MICROSOFT_APP_TYPE,
    ...(e.MICROSOFT_APP_TENANT_ID ? { microsoftAppTenantId: e.MICROSOFT_APP_TENANT_ID } : {}),
  }));

/** The Teams settings: the Bot Framework app plan-bot runs as. */
export type TeamsConfig = z.infer<typeof TeamsConfigSchema>;
