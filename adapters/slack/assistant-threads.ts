import type { AssistantConfig } from '@slack/bolt';
import { z } from 'zod';
import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';
import { AssistantContext, AssistantThreadEvent } from './payloads.js';

type ThreadContextStore = NonNullable<AssistantConfig['threadContextStore']>;
type AllAssistantMiddlewareArgs = Parameters<ThreadContextStore['get']>[0];

/** What plan-bot keeps of one assistant panel thread: that it is one, and the channel the user was last looking at. */
const AssistantThreadRecord = z.object({ context: AssistantContext.optional() });
type AssistantThreadRecord = z.infer<typeof AssistantThreadRecord>;

/** The thread of the assistant panel a message or event belongs to. */
export interface AssistantThreadRef {
  team: string;
  channel: string;
  threadTs: string;
}

function name(t: AssistantThreadRef): string {
  return `slack-assistant:${t.team}:${t.channel}:${t.threadTs}`;
}

/**
 * Remember an assistant thread and its context (assistant_thread_started, assistant_thread_context_changed) for the
 * context's TTL. A Store failure is logged: the thread is then answered as a plain DM thread (no status, no title).
 */
export async function saveAssistantThread(store: Store, log: Logger, t: AssistantThreadRef, context: AssistantContext | undefined, ttlSeconds: number): Promise<void> {
  try {
    await store.setValue(name(t), AssistantThreadRecord.parse({ ...(context ? { context } : {}) }), ttlSeconds);
  } catch (err) {
    log.warn({ err: forLog((err as Error).message), channel: forLog(t.channel) }, 'could not remember the assistant thread');
  }
}

/** The record of an assistant thread, or null when this DM thread is not one (or the Store cannot say). */
export async function assistantThread(store: Store, log: Logger, t: AssistantThreadRef): Promise<AssistantThreadRecord | null> {
  try {
    const parsed = AssistantThreadRecord.safeParse(await store.getValue(name(t)));
    return parsed.success ? parsed.data : null;
  } catch (err) {
    log.warn({ err: forLog((err as Error).message), channel: forLog(t.channel) }, 'could not look up the assistant thread');
    return null;
  }
}

/** The thread an assistant event names (assistant_thread.channel_id / thread_ts), or null when it is malformed. */
function threadOfEvent(args: AllAssistantMiddlewareArgs): { ref: AssistantThreadRef; context?: AssistantContext } | null {
  const team = (args.body as { team_id?: unknown }).team_id;
  const e = AssistantThreadEvent.safeParse(args.payload);
  if (!e.success || typeof team !== 'string') return null;
  const t = e.data.assistant_thread;
  return { ref: { team, channel: t.channel_id, threadTs: t.thread_ts }, ...(t.context ? { context: t.context } : {}) };
}

/**
 * Bolt's thread context store, kept in plan-bot's Store instead of Bolt's default. The default keeps the context as
 * metadata on the bot's first message of the thread, which costs a conversations.replies call on every read and a
 * conversations.replies plus chat.update on every context change; here a change is one Store write and a read one
 * GET, and a thread with no bot message yet (the greeting failed) still keeps its context.
 */
export function storeThreadContext(store: Store, log: Logger, ttlSeconds: number): ThreadContextStore {
  return {
    async get(args) {
      const t = threadOfEvent(args) ?? messageThread(args);
      const rec = t ? await assistantThread(store, log, t.ref) : null;
      return rec?.context ?? {};
    },
    async save(args) {
      const t = threadOfEvent(args);
      if (t) await saveAssistantThread(store, log, t.ref, t.context, ttlSeconds);
    },
  };
}

function messageThread(args: AllAssistantMiddlewareArgs): { ref: AssistantThreadRef } | null {
  const team = (args.body as { team_id?: unknown }).team_id;
  const m = args.payload as { channel?: unknown; thread_ts?: unknown };
  return typeof team === 'string' && typeof m.channel === 'string' && typeof m.thread_ts === 'string' ? { ref: { team, channel: m.channel, threadTs: m.thread_ts } } : null;
}
