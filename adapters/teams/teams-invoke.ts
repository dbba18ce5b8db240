import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Bot } from '../../src/conversation/bot.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { TeamsActivity } from './activity.js';
import type { MessageExtension } from './message-extension.js';
import { cardInvokeReply, fallbackInvokeReply, messageInvokeReply, type InvokeReply } from './invoke-response.js';
import { toInbound } from './to-inbound.js';

/** What an Action.Execute brings (activity.value of adaptiveCard/action): the action, whose data carries the text. */
const ExecuteValue = z.looseObject({
  action: z.looseObject({
    type: z.literal('Action.Execute'),
    verb: z.string().max(200).optional(),
    data: z.looseObject({ text: z.string().min(1).max(500) }),
  }),
});

/** What the user is told when an Action.Execute carries no text plan-bot can answer. */
export const NO_TEXT = '这个按钮没有可以回答的问题:请直接在对话中提问,或发送“帮助”。';

/** What an invoke turn needs: the core bot, how to post the extra cards of a long answer, and what to do after answering. */
export interface InvokeDeps {
  bot: Bot;
  logger: Logger;
  /** post message activities (the cards of a long answer after the first) into the turn's conversation */
  post(context: TurnContext, activities: Partial<Activity>[]): Promise<void>;
  /** the cards of a Reply, one message activity each */
  render(reply: Awaited<ReturnType<Bot['handle']>>): Partial<Activity>[];
  /** called once the bot has answered in the activity's conversation (records the channel reply chain) */
  answered(a: TeamsActivity): Promise<void>;
  /** the compose-box search and link unfurling (composeExtension/query, queryLink); absent: those get the minimal response */
  extension?: MessageExtension;
}

/**
 * An Action.Execute pressed on a card (adaptiveCard/action): the data's text is answered as if the user had typed
 * it, in the same conversation context, and the answer's first card replaces the pressed one (the Universal Actions
 * card response). The cards of a very long answer after the first are posted as messages; if that fails the answer
 * still stands, so it is logged, not thrown.
 */
async function executeAction(context: TurnContext, a: TeamsActivity, deps: InvokeDeps): Promise<InvokeReply> {
  const parsed = ExecuteValue.safeParse(a.value);
  if (!parsed.success) return messageInvokeReply(NO_TEXT);
  const msg = toInbound({ ...a, type: 'message', text: parsed.data.action.data.text, value: undefined, entities: undefined });
  if (!msg || !msg.text) return messageInvokeReply(NO_TEXT);
  const reply = await deps.bot.handle(msg);
  const [first, ...rest] = deps.render(reply);
  const card = first?.attachments?.[0]?.content as Record<string, unknown> | undefined;
  if (!card) return messageInvokeReply(reply.text);
  await deps.answered(a);
  if (rest.length) {
    try {
      await deps.post(context, rest);
    } catch (err) {
      deps.logger.warn({ code: 'TEAMS_SEND_FAILED', err: forLog((err as Error).message) }, 'could not post the rest of a long answer to an Action.Execute');
    }
  }
  deps.logger.debug({ intent: reply.intent, text: forLog(msg.text), conversation: forLog(msg.conversation) }, 'teams card action answered');
  return cardInvokeReply(card);
}

/**
 * Answer an invoke activity in its HTTP response: adaptiveCard/action is answered like a typed message; the message
 * extension's search and link unfurling by the extension (message-extension.ts); every other invoke name gets the
 * minimal valid body of its kind (invoke-response.ts), so Teams never sees a 501 or a 500.
 */
export async function answerInvoke(context: TurnContext, a: TeamsActivity, deps: InvokeDeps): Promise<void> {
  let reply = a.name === 'adaptiveCard/action' ? await executeAction(context, a, deps) : a.name ? deps.extension?.(a.name, a.value) : undefined;
  if (!reply) {
    reply = fallbackInvokeReply(a.name);
    deps.logger.info({ invoke: forLog(a.name ?? '') }, 'teams invoke plan-bot does not act on; answered with its minimal response');
  }
  await context.sendActivity({ type: 'invokeResponse', value: reply });
}
