import { z } from 'zod';

/**
 * One app installation as the Store keeps it: who installed (workspace or Enterprise Grid org), when, and whether
 * its token rotates and when it expires, in the clear for listing; the tokens only inside `sealed` (AES-256-GCM, see
 * src/secrets/keyring.ts), which the Store never opens.
 */
export const StoredInstallation = z.object({
  /** the installation's id: `{platform}:team:{id}` or `{platform}:org:{id}` (installationId) */
  id: z.string().min(1).max(200),
  platform: z.enum(['slack']),
  teamId: z.string().min(1).optional(),
  teamName: z.string().max(500).optional(),
  enterpriseId: z.string().min(1).optional(),
  enterpriseName: z.string().max(500).optional(),
  isEnterpriseInstall: z.boolean(),
  /** ISO-8601: the first install, kept by re-installs */
  installedAt: z.string(),
  /** ISO-8601: the last write (re-install, token refresh, key rotation) */
  updatedAt: z.string(),
  /** the bot's user id in that workspace (not a secret) */
  botUserId: z.string().optional(),
  /** whether the bot token rotates (token_rotation_enabled) */
  tokenRotation: z.boolean(),
  /** when the current bot token expires (ms since the epoch), with rotation */
  tokenExpiresAt: z.number().int().optional(),
  /** the platform's installation with its tokens, JSON sealed by the keyring */
  sealed: z.string().min(1).max(100_000),
});
export type StoredInstallation = z.infer<typeof StoredInstallation>;

/** The id an installation is stored under: an org-wide install by its enterprise, any other by its team. */
export function installationId(platform: 'slack', where: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
  if (where.isEnterpriseInstall && where.enterpriseId) return `${platform}:org:${where.enterpriseId}`;
  if (!where.teamId) throw new Error('an installation that is not org-wide needs its team id');
  return `${platform}:team:${where.teamId}`;
}

/** What forgetting a workspace removed: contexts (with their earlier values) and thread memberships. */
export interface ForgottenWorkspace {
  conversations: number;
}
