import { starterQuestions } from '../../src/conversation/starter-questions.js';
import { userOverview } from '../../src/digest/user-overview.js';
import { forLog } from '../../src/logger.js';
import { senderOf, type ListenerDeps } from './listener-deps.js';
import { AppHomeOpenedEvent, EventCallback, validated } from './payloads.js';
import { renderHome } from './home-view.js';
import type { SendResult } from './slack-sender.js';

/** The event type of a user opening one of the app's tabs; plan-bot publishes its home tab when it is the home one. */
export const HOME_EVENT = 'app_home_opened';

/** How many example questions the home tab offers. */
const HOME_EXAMPLES = 6;

/**
 * app_home_opened (tab home) → views.publish of the user's home tab: the plan's outline, the channels they manage
 * subscriptions in with how their deliveries went (from the Store's delivery logs), and example questions. A Store
 * that cannot be read leaves the subscriptions out with a line saying so; the rest is published all the same.
 */
export async function publishHome(deps: ListenerDeps, body: unknown, event: unknown, context: Record<string, unknown>): Promise<SendResult | undefined> {
  const e = AppHomeOpenedEvent.safeParse(event);
  const envelope = validated(EventCallback, context, body);
  if (!e.success || !envelope.success) {
    deps.log.warn({ problem: forLog((e.error ?? envelope.error)?.issues[0]?.message) }, 'malformed app_home_opened ignored');
    return undefined;
  }
  if (e.data.tab !== 'home') return undefined;
  const k = deps.knowledge;
  const user = { platform: 'slack' as const, workspace: envelope.data.team_id, user: e.data.user };
  const channels = await userOverview(deps.store, user, (deps.now ?? Date.now)()).catch((err: Error) => {
    deps.log.warn({ err: forLog(err.message) }, 'could not read the subscriptions for the home tab');
    return undefined;
  });
  const outline = k.library
    .allNodes()
    .filter((n) => n.kind === 'part')
    .map((n) => ({ label: n.heading, value: `第${n.part.n}部分` }));
  const view = renderHome({
    plans: k.library.plans.map((p) => p.meta.title),
    outline,
    channels,
    examples: starterQuestions(k, HOME_EXAMPLES),
    ...(e.data.channel?.startsWith('D') ? { dm: e.data.channel } : {}),
  });
  return senderOf(deps, context).publishHome(e.data.user, view);
}
