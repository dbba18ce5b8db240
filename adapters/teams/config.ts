import { z } from 'zod';
import { optionalString } from '../../src/config.js';

/**
 * Teams' slice of the configuration (like probot's readEnvOptions): the MICROSOFT_APP_* variables of the Bot
 * Framework app and the TEAMS_* switches, checked together. Teams is closed by default: it is on only with
 * MICROSOFT_APP_ID (every request must carry a Bot Framework token) or with an explicit
 * TEAMS_ALLOW_UNAUTHENTICATED=true for local testing, where answers may go only to loopback on TEAMS_EMULATOR_PORTS.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An optional true/false switch: unset reads as undefined. */
const flag = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['true', 'false', '1', '0']).optional()).transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** Ports of the Bot Framework Emulator's own service (the classic 9000 and 9002); v4 picks one per start and logs it. */
const DEFAULT_EMULATOR_PORTS = '9000,9002';

const ports = z
  .string()
  .default(DEFAULT_EMULATOR_PORTS)
  .transform((v, ctx) => {
    const parts = v.split(',').map((p) => p.trim()).filter((p) => p !== '');
    const out: number[] = [];
    for (const p of parts) {
      const n = /^\d{1,5}$/.test(p) ? Number(p) : NaN;
      if (!(n >= 1 && n <= 65_535)) {
        ctx.addIssue({ code: 'custom', message: `expected a comma-separated list of ports (1-65535), got "${p}"` });
        return z.NEVER;
      }
      out.push(n);
    }
    return out;
  });

/** The MICROSOFT_APP_* and TEAMS_* variables, read into the Teams settings. */
export const TeamsConfigSchema = z
  .object({
    MICROSOFT_APP_ID: optionalString.refine((v) => v === undefined || GUID.test(v), "expected the bot's Microsoft app id, a GUID"),
    MICROSOFT_APP_PASSWORD: optionalString,
    MICROSOFT_APP_TYPE: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('MultiTenant')),
    MICROSOFT_APP_TENANT_ID: optionalString.refine((v) => v === undefined || GUID.test(v) || /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v), 'expected a tenant id (GUID) or domain'),
    TEAMS_ENABLED: flag,
    TEAMS_ALLOW_UNAUTHENTICATED: flag,
    TEAMS_EMULATOR_PORTS: ports,
    TEAMS_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    TEAMS_REFERENCE_TTL_SECONDS: z.coerce.number().int().min(3600).max(400 * 24 * 3600).default(90 * 24 * 3600),
  })
  .superRefine((e, ctx) => {
    const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
    if (e.MICROSOFT_APP_ID && e.TEAMS_ALLOW_UNAUTHENTICATED) problem('TEAMS_ALLOW_UNAUTHENTICATED', 'must be unset when MICROSOFT_APP_ID is set (requests are then authenticated)');
    if (e.TEAMS_ENABLED === true && !e.MICROSOFT_APP_ID && !e.TEAMS_ALLOW_UNAUTHENTICATED) {
      problem('TEAMS_ENABLED', 'true needs MICROSOFT_APP_ID (or TEAMS_ALLOW_UNAUTHENTICATED=true for local testing)');
    }
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
    /** whether /api/messages is mounted: an app id, or explicit unauthenticated testing, and not TEAMS_ENABLED=false */
    teamsEnabled: e.TEAMS_ENABLED !== false && Boolean(e.MICROSOFT_APP_ID || e.TEAMS_ALLOW_UNAUTHENTICATED),
    /** why Teams is off, for the start-up log; absent when it is on */
    ...(e.TEAMS_ENABLED === false
      ? { teamsOffReason: 'TEAMS_ENABLED=false' }
      : !e.MICROSOFT_APP_ID && !e.TEAMS_ALLOW_UNAUTHENTICATED
        ? { teamsOffReason: 'MICROSOFT_APP_ID is not set (TEAMS_ALLOW_UNAUTHENTICATED=true opens it for local testing)' }
        : {}),
    /** absent: Teams is off, or (with teamsAllowUnauthenticated) runs unauthenticated for local testing */
    ...(e.MICROSOFT_APP_ID ? { microsoftAppId: e.MICROSOFT_APP_ID } : {}),
    ...(e.MICROSOFT_APP_PASSWORD ? { microsoftAppPassword: e.MICROSOFT_APP_PASSWORD } : {}),
    microsoftAppType: e.MICROSOFT_APP_TYPE,
    ...(e.MICROSOFT_APP_TENANT_ID ? { microsoftAppTenantId: e.MICROSOFT_APP_TENANT_ID } : {}),
    /** unauthenticated requests are taken (local testing only); never together with an app id */
    teamsAllowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED === true,
    /** the loopback ports an unauthenticated activity's serviceUrl may name */
    teamsEmulatorPorts: e.TEAMS_EMULATOR_PORTS,
    /** the longest one outbound Microsoft call may take: a Bot Connector call (with its retries), the token check's OpenID metadata and JWKS, a digest's token */
    teamsSendTimeoutMs: e.TEAMS_SEND_TIMEOUT_MS,
    /** how long a conversation reference is kept after the conversation's last activity */
    teamsReferenceTtlSeconds: e.TEAMS_REFERENCE_TTL_SECONDS,
  }));

/** The Teams settings: the Bot Framework app plan-bot runs as, and how the endpoint is opened. */
export type TeamsConfig = z.infer<typeof TeamsConfigSchema>;
