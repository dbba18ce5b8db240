import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { z } from 'zod';
import { CodedError, isCodedError } from '../../src/errors.js';
import { forLog, type Logger } from '../../src/logger.js';
import { Keyring } from '../../src/secrets/keyring.js';
import { installationId, type StoredInstallation } from '../../src/store/installation.js';
import type { Store } from '../../src/store/store.js';

/** What a decrypted installation must hold for plan-bot to use it: the bot's token and who it is (the rest is kept as Slack gave it). */
const SealedInstallation = z.looseObject({
  team: z.looseObject({ id: z.string().min(1), name: z.string().optional() }).optional(),
  enterprise: z.looseObject({ id: z.string().min(1), name: z.string().optional() }).optional(),
  isEnterpriseInstall: z.boolean().optional(),
  bot: z.looseObject({
    token: z.string().min(1),
    refreshToken: z.string().min(1).optional(),
    expiresAt: z.number().optional(),
    scopes: z.array(z.string()),
    id: z.string(),
    userId: z.string(),
  }),
  user: z.looseObject({ id: z.string() }),
});

/** Where an installation lives: a workspace, or an Enterprise Grid org for an org-wide install. */
export interface InstallationWhere {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/** A Store value naming the org-wide installation a workspace of that org was last seen through (for digests). */
const teamOrgValue = (teamId: string) => `slack-team-org:${teamId}`;
/** A Store value listing the workspaces seen through an org-wide installation (an uninstall forgets each). */
const orgTeamsValue = (enterpriseId: string) => `slack-org-teams:${enterpriseId}`;
/** At most this many workspaces are remembered per org (a bounded value). */
const MAX_ORG_TEAMS = 5_000;

const OrgTeams = z.array(z.string().min(1)).max(MAX_ORG_TEAMS);

/**
 * Slack installations in the Store, tokens sealed with the keyring (AES-256-GCM, the installation's id as associated
 * data): what @slack/oauth's InstallProvider writes after oauth.v2.access, what authorize and the digest sender read.
 * A record that does not decrypt or parse is refused (INSTALLATION_UNREADABLE), never used half-read.
 */
export class SlackInstallations {
  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The id an installation is stored under. */
  static idOf(where: InstallationWhere): string {
    return installationId('slack', where);
  }

  /** Seal and store an installation (first install, re-install, refreshed token); a re-install keeps its first install date. */
  async save(inst: Installation): Promise<StoredInstallation> {
    const parsed = SealedInstallation.safeParse(inst);
    if (!parsed.success) throw new CodedError('INSTALLATION_UNREADABLE', `the installation Slack returned has no bot token (${parsed.error.issues[0]?.message}); check the manifest's bot scopes`);
    const where = { teamId: inst.team?.id, enterpriseId: inst.enterprise?.id, isEnterpriseInstall: inst.isEnterpriseInstall === true };
    const id = SlackInstallations.idOf(where);
    const previous = await this.store.getInstallation(id);
    const at = new Date(this.now()).toISOString();
    const bot = parsed.data.bot;
    const record: StoredInstallation = {
      id,
      platform: 'slack',
      ...(where.teamId ? { teamId: where.teamId } : {}),
      ...(inst.team?.name ? { teamName: inst.team.name } : {}),
      ...(where.enterpriseId ? { enterpriseId: where.enterpriseId } : {}),
      ...(inst.enterprise?.name ? { enterpriseName: inst.enterprise.name } : {}),
      isEnterpriseInstall: where.isEnterpriseInstall,
      installedAt: previous?.installedAt ?? at,
      updatedAt: at,
      botUserId: bot.userId,
      tokenRotation: bot.refreshToken !== undefined,
      ...(bot.expiresAt !== undefined ? { tokenExpiresAt: bot.expiresAt * 1000 } : {}),
      sealed: this.keyring.seal(JSON.stringify(inst), id),
    };
    await this.store.putInstallation(record);
    return record;
  }

  /** The installation stored for a workspace or org, decrypted; null when there is none. */
  async read(where: InstallationWhere): Promise<{ record: StoredInstallation; installation: Installation } | null> {
    const id = SlackInstallations.idOf(where);
    const record = await this.store.getInstallation(id);
    return record ? { record, installation: this.open(record) } : null;
  }

  /** Decrypt and check a stored installation. */
  open(record: StoredInstallation): Installation {
    let json: unknown;
    try {
      json = JSON.parse(this.keyring.open(record.sealed, record.id));
    } catch (err) {
      const why = isCodedError(err) ? err.message : `not JSON (${(err as Error).message})`;
      throw new CodedError('INSTALLATION_UNREADABLE', `installation ${record.id} cannot be read: ${why}`, { cause: err });
    }
    const r = SealedInstallation.safeParse(json);
    if (!r.success) throw new CodedError('INSTALLATION_UNREADABLE', `installation ${record.id} cannot be read: ${r.error.issues[0]?.message}`);
    return r.data as unknown as Installation;
  }

  /** Delete an installation; whether there was one. */
  delete(where: InstallationWhere): Promise<boolean> {
    return this.store.deleteInstallation(SlackInstallations.idOf(where));
  }

  /**
   * The installation a workspace's sends use: its own, or (a workspace of an Enterprise Grid org installed org-wide)
   * its org's, as last seen through an event from it.
   */
  async whereFor(teamId: string): Promise<InstallationWhere> {
    if (await this.store.getInstallation(SlackInstallations.idOf({ teamId }))) return { teamId };
    const org = await this.store.getValue(teamOrgValue(teamId));
    return typeof org === 'string' && org !== '' ? { teamId, enterpriseId: org, isEnterpriseInstall: true } : { teamId };
  }

  /** Remember that a workspace was seen through an org-wide installation: its digests post with that installation. */
  async noteOrgTeam(enterpriseId: string, teamId: string): Promise<void> {
    if ((await this.store.getValue(teamOrgValue(teamId))) === enterpriseId) return;
    await this.store.setValue(teamOrgValue(teamId), enterpriseId);
    const known = OrgTeams.safeParse(await this.store.getValue(orgTeamsValue(enterpriseId)));
    const teams = known.success ? known.data : [];
    if (!teams.includes(teamId) && teams.length < MAX_ORG_TEAMS) await this.store.setValue(orgTeamsValue(enterpriseId), [...teams, teamId]);
  }

  /** The workspaces seen through an org-wide installation (an org uninstall forgets each), and forget that list. */
  async takeOrgTeams(enterpriseId: string): Promise<string[]> {
    const known = OrgTeams.safeParse(await this.store.getValue(orgTeamsValue(enterpriseId)));
    const teams = known.success ? known.data : [];
    for (const t of teams) await this.store.setValue(teamOrgValue(t), '', 1);
    await this.store.setValue(orgTeamsValue(enterpriseId), [], 1);
    return teams;
  }

  /** @slack/oauth's InstallationStore over this: InstallProvider stores through it after oauth.v2.access. */
  oauthStore(): InstallationStore {
    return {
      storeInstallation: async (installation) => {
        const r = await this.save(installation as Installation);
        this.log.info({ installation: forLog(r.id), tokenRotation: r.tokenRotation }, 'slack app installed');
      },
      fetchInstallation: async (query: InstallationQuery<boolean>) => {
        const found = await this.read(query);
        if (!found) throw new CodedError('INSTALLATION_NOT_FOUND', `no installation for ${SlackInstallations.idOf(query)}`);
        return found.installation;
      },
      deleteInstallation: async (query: InstallationQuery<boolean>) => {
        await this.delete(query);
      },
    };
  }
}
