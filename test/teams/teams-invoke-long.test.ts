// An Action.Execute whose answer needs more than one card (a very long answer): the first card is the invoke
// response, the others are posted to the conversation; when posting them fails, the response still stands.
import type { Activity, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { CARD_RESPONSE_TYPE } from '../../adapters/teams/invoke-response.js';
import { answerInvoke, type InvokeDeps } from '../../adapters/teams/teams-invoke.js';
import { replyActivities } from '../../adapters/teams/teams-turn.js';
import { TeamsActivity } from '../../adapters/teams/activity.js';
import { Bot } from '../../src/conversation/bot.js';
import { silentLogger } from '../../src/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';
import { message } from './teams-harness.js';

const activity = TeamsActivity.parse({
  ...message(undefined, { conversationId: '19:long@thread.tacv2;messageid=1', conversationType: 'channel' }),
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb: 'planBot', data: { planBot: 1, text: '应急管理' } }, trigger: 'manual' },
});

/** A turn context that records what the turn sends (the invoke response). */
function recordingContext(): { context: TurnContext; sent: Partial<Activity>[] } {
  const sent: Partial<Activity>[] = [];
  const context = { sendActivity: async (a: Partial<Activity>) => void sent.push(a) } as unknown as TurnContext;
  return { context, sent };
}

function deps(post: InvokeDeps['post'], answered: string[]): InvokeDeps {
  const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });
  return {
    bot,
    logger: silentLogger(),
    post,
    // the real cards of the answer, then a second copy standing for the continuation card of a very long answer
    render: (reply) => [...replyActivities(reply), ...replyActivities(reply, '续')],
    answered: async (a) => void answered.push(a.conversation.id),
  };
}

describe('Action.Execute with a multi-card answer', () => {
  it('answers with the first card and posts the rest to the conversation', async () => {
    const posted: Partial<Activity>[][] = [];
    const answered: string[] = [];
    const { context, sent } = recordingContext();
    await answerInvoke(context, activity, deps(async (_c, acts) => void posted.push(acts), answered));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.type).toBe('invokeResponse');
    expect((sent[0]!.value as any).body).toMatchObject({ statusCode: 200, type: CARD_RESPONSE_TYPE, value: { type: 'AdaptiveCard' } });
    expect(posted).toHaveLength(1);
    expect(posted[0]!.length).toBeGreaterThan(0);
    expect(answered).toEqual(['19:long@thread.tacv2;messageid=1']);
  });

  it('still answers with the first card when posting the rest fails', async () => {
    const { context, sent } = recordingContext();
    await answerInvoke(context, activity, deps(async () => Promise.reject(new Error('connector down')), []));
    expect((sent[0]!.value as any).status).toBe(200);
    expect((sent[0]!.value as any).body.type).toBe(CARD_RESPONSE_TYPE);
  });
});
