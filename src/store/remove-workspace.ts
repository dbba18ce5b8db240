import type { Store } from './store.js';

/** What removing a workspace's data did. */
export interface WorkspaceRemoval {
  /** subscriptions deactivated (kept, listed as inactive with the reason) */
  deactivated: number;
  /** conversations whose context, earlier contexts and thread marker were deleted */
  conversations: number;
}

/**
 * When a workspace removes the app (Slack's app_uninstalled, tokens_revoked): its subscriptions are deactivated with
 * the reason (kept, so /plan status after a re-install shows why they stopped, as for any deactivation), and its
 * contexts and thread memberships are deleted. Safe to run twice (Slack sends both events on an uninstall).
 */
export async function removeWorkspace(store: Store, platform: string, workspace: string, reason: string, now: number = Date.now()): Promise<WorkspaceRemoval> {
  let deactivated = 0;
  for (const sub of await store.listWorkspaceSubscriptions(platform, workspace)) {
    if (!sub.active) continue;
    await store.putSubscription({ ...sub, active: false, deactivatedReason: reason, deactivatedAt: new Date(now).toISOString() });
    deactivated += 1;
  }
  const { conversations } = await store.forgetWorkspace(platform, workspace);
  return { deactivated, conversations };
}
