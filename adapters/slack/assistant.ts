import { Assistant, type AssistantThreadStartedMiddleware, type AssistantUserMessageMiddleware } from '@slack/bolt';
import { starterQuestions } from '../../src/conversation/starter-questions.js';
import { forLog } from '../../src/logger.js';
import { finish } from '../../src/reply/finish.js';
import { clipText } from '../../src/reply/clip.js';
import { assistantThread, saveAssistantThread, storeThreadContext } from './assistant-threads.js';
import { deliver } from './deliver.js';
import { firstDelivery } from './event-dedup.js';
import { ask, botUserIdOf, senderOf, type ListenerDeps } from './listener-deps.js';
import { AssistantThreadEvent, DirectMessageEvent, EventCallback, validated } from './payloads.js';
import { slackErrorCode } from './slack-sender.js';
import { directTurn, isIgnorable } from './to-inbound.js';

/**
 * The events of Slack's assistant panel (Agents & AI apps) that Bolt's Assistant takes, besides the messages in its
 * threads (message.im with a thread_ts); test/slack/manifest.test.ts holds the manifest's bot_events to these too.
 */
export const ASSISTANT_EVENTS = ['assistant_thread_started', 'assistant_thread_context_changed'] as const;

/** Slack shows at most 4 suggested prompts in an assistant thread. */
export const MAX_PROMPTS = 4;
/** Longest thread title plan-bot sets (the panel's history list shows a line of it). */
const TITLE_MAX = 80;
/** What the panel shows while an answer is being worked out (cleared by Slack when the answer is posted). */
const WORKING = '正在查找规划原文…';
const PROMPTS_TITLE = '可以这样问:';

/** A log line for an assistant Web API call that failed; the answer itself does not depend on it. */
function failed(deps: ListenerDeps, method: string) {
  return (err: unknown) => deps.log.warn({ code: slackErrorCode(err), method }, 'slack assistant call failed');
}

/** assistant_thread_started: remember the thread and its context, greet, and offer prompts drawn from the plan. */
function threadStarted(deps: ListenerDeps): AssistantThreadStartedMiddleware {
  return async ({ body, event, context, setSuggestedPrompts }) => {
    const e = AssistantThreadEvent.safeParse(event);
    const envelope = validated(EventCallback, context, body);
    if (!e.success || !envelope.success) {
      deps.log.warn({ problem: forLog((e.error ?? envelope.error)?.issues[0]?.message) }, 'malformed assistant_thread_started ignored');
      return;
    }
    if (!(await firstDelivery(deps.store, deps.log, body, context))) return;
    const t = e.data.assistant_thread;
    await saveAssistantThread(deps.store, deps.log, { team: envelope.data.team_id, channel: t.channel_id, threadTs: t.thread_ts }, t.context, deps.threadTtlSeconds);
    const plans = deps.knowledge.library.plans.map((p) => p.meta.title).join('、');
    const greeting = finish({ intent: 'greeting', title: '你好,我是 plan-bot', results: [] }, `我能在 ${plans} 中查找并引用原文。选一个问题开始,或直接输入主题(例如一个领域、一个专栏或"目录")。`);
    await deliver(senderOf(deps, context), { channel: t.channel_id, threadTs: t.thread_ts, ephemeral: false }, greeting, deps.log);
    const prompts = starterQuestions(deps.knowledge, MAX_PROMPTS).map((s) => ({ title: clipText(s.label, TITLE_MAX), message: s.value }));
    if (prompts.length) await setSuggestedPrompts({ prompts, title: PROMPTS_TITLE }).catch(failed(deps, 'assistant.threads.setSuggestedPrompts'));
  };
}

/**
 * A message in a DM thread, which Bolt's Assistant takes for the panel: answered by the same Bot and the same
 * Reply → Block Kit path as every Slack answer, in that thread's own context (conversation = the DM, thread = the
 * thread), posted in the thread. In a thread of the panel (recorded when it started), the panel shows a status while
 * the answer is worked out and the thread is titled with the topic; in a plain DM thread it is answered as before.
 * Bots' messages (this bot's answers included), edits and other subtypes are not answered.
 */
function userMessage(deps: ListenerDeps): AssistantUserMessageMiddleware {
  return async ({ body, message, context, setStatus, setTitle }) => {
    const dm = DirectMessageEvent.safeParse(message);
    const envelope = validated(EventCallback, context, body);
    if (!dm.success || !envelope.success || !dm.data.thread_ts) {
      deps.log.warn({ problem: forLog((dm.error ?? envelope.error)?.issues[0]?.message) }, 'malformed assistant message ignored');
      return;
    }
    const botUserId = botUserIdOf(deps, context);
    if (isIgnorable(dm.data, botUserId)) return;
    if (!(await firstDelivery(deps.store, deps.log, body, context))) return;
    const turn = directTurn(envelope.data, dm.data, botUserId);
    const panel = await assistantThread(deps.store, deps.log, { team: envelope.data.team_id, channel: dm.data.channel, threadTs: dm.data.thread_ts });
    if (panel) await setStatus(WORKING).catch(failed(deps, 'assistant.threads.setStatus'));
    const reply = await ask(deps, turn.message);
    const sent = await deliver(senderOf(deps, context), turn.target, reply, deps.log);
    if (panel && sent.ok && reply.topic) await setTitle(clipText(reply.topic, TITLE_MAX)).catch(failed(deps, 'assistant.threads.setTitle'));
  };
}

/**
 * plan-bot in Slack's assistant panel, through Bolt's Assistant (global middleware: it takes the panel's events and
 * the messages in DM threads, and nothing reaches the other listeners, so a message is never answered twice).
 * assistant_thread_context_changed is recorded in plan-bot's Store (see storeThreadContext for why not Bolt's
 * default store), so the channel the user is looking at is known.
 */
export function planAssistant(deps: ListenerDeps): Assistant {
  return new Assistant({
    threadContextStore: storeThreadContext(deps.store, deps.log, deps.threadTtlSeconds),
    threadStarted: threadStarted(deps),
    threadContextChanged: async ({ saveThreadContext }) => saveThreadContext(),
    userMessage: userMessage(deps),
  });
}
