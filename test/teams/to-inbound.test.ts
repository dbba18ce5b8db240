import { describe, expect, it } from 'vitest';
import { TeamsActivity, splitConversationId } from '../../adapters/teams/activity.js';
import { referenceOf } from '../../adapters/teams/conversation-reference.js';
import { toInbound } from '../../adapters/teams/to-inbound.js';
import { BOT_ID, TENANT, mention, message } from './teams-harness.js';

const parse = (a: object) => TeamsActivity.parse(a);

describe('Teams activity → InboundMessage', () => {
  it('strips the bot mention and keeps the question', () => {
    expect(toInbound(parse(mention('应急管理')))!.text).toBe('应急管理');
  });

  it('strips every mention of the bot but keeps other people named', () => {
    const a = parse({
      ...message('<at>plan-bot</at> 问 <at>Han Mei</at> 应急管理 <at>plan-bot</at>'),
      entities: [
        { type: 'mention', text: '<at>plan-bot</at>', mentioned: { id: BOT_ID, name: 'plan-bot' } },
        { type: 'mention', text: '<at>Han Mei</at>', mentioned: { id: '29:han', name: 'Han Mei' } },
      ],
    });
    expect(toInbound(a)!.text).toBe('问 Han Mei 应急管理');
  });

  it('reduces Teams HTML to text: tags dropped (a mention without entity keeps its name), entities decoded', () => {
    expect(toInbound(parse(message('<p>数据&nbsp;治理 &lt;b&gt;</p>')))!.text).toBe('数据 治理 <b>');
    expect(toInbound(parse(message('<at>Han Mei</at> 数据治理')))!.text).toBe('Han Mei 数据治理');
  });

  it('reads a pressed button from activity.value, and ignores data that is not ours', () => {
    expect(toInbound(parse(message(undefined, { value: { planBot: 1, text: '更多' } })))!.text).toBe('更多');
    expect(toInbound(parse(message(undefined, { value: { other: 'card' } })))).toBeNull();
    expect(toInbound(parse(message(undefined, { value: { planBot: 1, text: 'x'.repeat(501) } })))).toBeNull();
  });

  it('uses the tenant as workspace, the AAD object id as user, and the reply chain as thread', () => {
    const m = toInbound(parse(mention('养老', { conversationId: '19:abc@thread.tacv2;messageid=1700000000123', conversationType: 'channel', id: 'act-1' })))!;
    expect(m).toEqual({
      platform: 'teams',
      workspace: TENANT,
      conversation: '19:abc@thread.tacv2',
      thread: '1700000000123',
      user: '00000000-0000-0000-0000-0000000000a1',
      text: '养老',
      messageId: 'act-1',
    });
    const dm = toInbound(parse(message('养老', { conversationId: 'a:1xyz' })))!;
    expect(dm.conversation).toBe('a:1xyz');
    expect(dm.thread).toBeUndefined();
  });

  it('splits conversation ids', () => {
    expect(splitConversationId('19:x@thread.tacv2;messageid=42')).toEqual({ conversation: '19:x@thread.tacv2', thread: '42' });
    expect(splitConversationId('19:meeting_x@thread.v2')).toEqual({ conversation: '19:meeting_x@thread.v2' });
  });

  it('rejects activities without what a reply needs', () => {
    expect(TeamsActivity.safeParse({ type: 'message', text: 'x' }).success).toBe(false);
    expect(TeamsActivity.safeParse({ ...message('x'), serviceUrl: 'javascript:alert(1)' }).success).toBe(false);
  });

  it('keeps a reference to the channel, without the reply chain or the activity id', () => {
    const ref = referenceOf(parse(mention('x', { conversationId: '19:abc@thread.tacv2;messageid=1', conversationType: 'channel' })));
    expect(ref.conversation).toEqual({ id: '19:abc@thread.tacv2', tenantId: TENANT, conversationType: 'channel' });
    expect(ref).not.toHaveProperty('activityId');
    expect(ref.bot).toEqual({ id: BOT_ID, name: 'plan-bot' });
  });
});
