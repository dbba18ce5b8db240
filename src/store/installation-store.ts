import type { ForgottenWorkspace, StoredInstallation } from './installation.js';

/**
 * The installation half of the Store: app installations by id (their tokens sealed before they get here), an index
 * of their ids for listing and counting, and forgetting a workspace's conversations when it uninstalls.
 */
export interface InstallationRecords {
  /** save or replace an installation (validated; its id enters the index) */
  putInstallation(inst: StoredInstallation): Promise<void>;
  /** the installation stored under this id; null when absent; a corrupt record is reported and read as absent */
  getInstallation(id: string): Promise<StoredInstallation | null>;
  /** delete an installation; whether there was one */
  deleteInstallation(id: string): Promise<boolean>;
  /** every installation, read from the index in bounded batches (corrupt records reported and left out) */
  listInstallations(): Promise<StoredInstallation[]>;
  /** how many installations there are (one SCARD on Redis): for an installations gauge */
  countInstallations(): Promise<number>;
  /**
   * Delete every context, earlier context and thread marker of one workspace, found through its conversations index
   * (kept by setContext and markBotThread), so the cost is that workspace's conversations, not the key space.
   */
  forgetWorkspace(platform: string, workspace: string): Promise<ForgottenWorkspace>;
}
