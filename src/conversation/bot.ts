import type { Knowledge } from '../knowledge.js';
import type { InboundMessage } from '../inbound.js';
import { parseIntent } from '../intents/parse-intent.js';
import { correctionNotice, parseMessage } from '../intents/parse-message.js';
import type { Intent } from '../intents/intent.js';
import { forLog, silentLogger, type Logger } from '../logger.js';
import { noMetrics, type Metrics } from '../metrics.js';
import { finish } from '../reply/finish.js';
import { linkResults } from '../reply/link-results.js';
import { renderPlainText } from '../reply/render-text.js';
import type { Reply } from '../reply/reply.js';
import type { Store } from '../store/store.js';
import {
  boxAnswer,
  boxesAnswer,
  helpAnswer,
  noMatch,
  nodeAnswer,
  outlineAnswer,
  searchAnswer,
  type ContextUpdate,
  type Turn,
} from './answers.js';
import type { ConversationKey } from '../conversation-key.js';
import { ConversationContext } from './context.js';
import { TurnMemo } from './turn-memo.js';
import { detailAnswer } from './detail-answer.js';
import { targetAnswer } from './target-answer.js';
import { withinAnswer } from './within-answer.js';
import { expandAnswer, moreAnswer, openId, sourceAnswer, switchAnswer } from './follow-ups.js';
import { backAnswer, fromEndAnswer, previousPageAnswer, stepAnswer, upAnswer } from './navigation.js';
import { structAnswer } from './structure-answer.js';
import { withSuggestions } from './suggestions.js';
import { earlierTopics, leavesTopic, storedState } from './topic-history.js';
import { whereAnswer } from './where-answer.js';

/**
 * The context to store after a turn: 重新开始 clears it (with its earlier topics); anything else is written, and a
 * turn that leaves its topic keeps the replaced context as an earlier one (for 回到刚才那个话题) without reading it.
 */
function nextContext(intent: Intent, update: ContextUpdate | null): ContextUpdate | null {
  if (update === null && intent.type === 'reset') return null;
  return update ?? { intent: 'none', list: [], shown: 0 };
}

/**
 * Whether a reply found nothing to show (an honest no-match, or nothing to read in the text): what an adapter does not
 * post for an unprompted message (InboundMessage.unprompted), where it is most likely talk between people.
 */
export function findsNothing(reply: Reply): boolean {
  return reply.results.length === 0 && (reply.intent === 'search' || reply.intent === 'help');
}

/** A context that shows nothing (no list, nothing opened) as none. */
function showsNothing(ctx: ConversationContext | null): ConversationContext | null {
  return ctx && ctx.list.length === 0 && !ctx.focus && !ctx.history?.length ? null : ctx;
}

/** The subscription commands and 状态, which the digest feature handles; the bot passes them on. */
export type SubscriptionHandler = (intent: Extract<Intent, { type: 'subscribe' | 'unsubscribe' | 'subscriptions' | 'status' }>, msg: InboundMessage, ctx: ConversationContext | null) => Promise<Reply>;

export interface BotOptions {
  knowledge: Knowledge;
  store: Store;
  /** how long a conversation's context lives (default 24 h) */
  contextTtlSeconds?: number;
  logger?: Logger;
  now?: () => number;
  subscriptions?: SubscriptionHandler;
  /** answers to context-free questions remembered (default 2048; 0 turns it off) */
  answerCacheSize?: number;
  /** PUBLIC_URL: each result of an answer is linked to its reader page (ResultItem.url); absent: no links */
  publicUrl?: string;
  /** answers by intent and outcome, answer latency, context store errors (default: nothing) */
  metrics?: Metrics;
}

const DEFAULT_ANSWER_CACHE = 2048;

/** Notice added to an answer given without the conversation's context because the store failed. */
export const CONTEXT_UNAVAILABLE = '上下文暂时不可用,本条按新问题回答';

/** Intents that need the conversation's context to be answered. */
function needsContext(intent: Intent): boolean {
  switch (intent.type) {
    case 'more':
    case 'up':
    case 'expand':
    case 'step':
    case 'back':
    case 'source':
    case 'switch':
    case 'within':
      return true;
    case 'where':
      return !intent.subject;
    case 'struct':
      return intent.ref.steps.some((s) => 'deictic' in s);
    case 'target':
      return !intent.topic && !intent.overall;
    case 'boxes':
      return !intent.topic;
    default:
      return false;
  }
}

/**
 * The platform-neutral bot: message in, Reply out. One turn costs at most one context read
 * (only for follow-ups) and one write (only when the context changes).
 */
export class Bot {
  private readonly k: Knowledge;
  private readonly store: Store;
  private readonly ttl: number;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly subscriptions?: SubscriptionHandler;
  private readonly memo: TurnMemo;
  private readonly publicUrl: string | undefined;
  private readonly metrics: Metrics;
  /** how many answers this bot remembers; adapters size their own rendering caches to match */
  readonly answerCacheSize: number;

  constructor(opts: BotOptions) {
    this.k = opts.knowledge;
    this.store = opts.store;
    this.ttl = opts.contextTtlSeconds ?? 24 * 3600;
    this.log = opts.logger ?? silentLogger();
    this.now = opts.now ?? Date.now;
    this.subscriptions = opts.subscriptions;
    this.answerCacheSize = opts.answerCacheSize ?? DEFAULT_ANSWER_CACHE;
    this.memo = new TurnMemo(this.answerCacheSize);
    this.publicUrl = opts.publicUrl;
    this.metrics = opts.metrics ?? noMetrics;
  }

  /** Answer one message in its conversation's context. Never throws for bad input or a failing store. */
  async handle(msg: InboundMessage): Promise<Reply> {
    const started = performance.now();
    const key: ConversationKey = { platform: msg.platform, workspace: msg.workspace, conversation: msg.conversation, ...(msg.thread ? { thread: msg.thread } : {}) };
    const memo = this.memo.get(msg.text);
    const parsed = memo ? undefined : parseMessage(msg.text, this.k);
    const intent = memo?.intent ?? parsed!.intent;
    let notice: string | undefined;
    let ctx: ConversationContext | null = null;
    if (needsContext(intent)) {
      try {
        ctx = await this.readContext(key, intent);
      } catch (err) {
        notice = CONTEXT_UNAVAILABLE;
        this.metrics.contextStoreError('read');
        this.log.warn({ err: forLog((err as Error).message), conversation: forLog(msg.conversation) }, 'context read failed');
      }
    }
    let turn = memo?.turn;
    let corrected = memo?.corrected ?? false;
    if (!turn) {
      turn = withSuggestions(this.k, await this.answer(intent, ctx, msg));
      const understood = correctionNotice(parsed?.corrections ?? []);
      corrected = understood !== undefined;
      if (understood) turn = { ...turn, reply: withNotice(turn.reply, understood) };
      if (this.publicUrl) turn = { ...turn, reply: linkResults(turn.reply, this.publicUrl) };
      // the topic rides on the reply (the Slack assistant titles its thread with it); set here, before the turn is
      // remembered, so a remembered answer is handed back as the same frozen object (adapters key their rendering on it)
      if (turn.ctx?.topic) turn = { ...turn, reply: { ...turn.reply, topic: turn.ctx.topic } };
      // an answer that needed no context is the same for everyone who asks the same words: remember it
      if (!needsContext(intent)) this.memo.set(msg.text, intent, turn, corrected);
    }
    if (turn.ctx !== undefined && !(msg.unprompted && findsNothing(turn.reply))) {
      try {
        const next = nextContext(intent, turn.ctx);
        if (next === null) await this.store.deleteContext(key);
        else await this.store.setContext(key, { v: 1, ...storedState(next), updatedAt: this.now() }, this.ttl, { keepPrevious: leavesTopic(ctx, next) });
      } catch (err) {
        notice ??= CONTEXT_UNAVAILABLE;
        this.metrics.contextStoreError('write');
        this.log.warn({ err: forLog((err as Error).message), conversation: forLog(msg.conversation) }, 'context write failed');
      }
    }
    // asking for help finds no passages by design; anything else that shows nothing is a no-match
    const outcome = corrected ? 'typo-corrected' : intent.type !== 'help' && findsNothing(turn.reply) ? 'no-match' : 'answered';
    this.metrics.answer(msg.platform, intent.type, outcome, (performance.now() - started) / 1000);
    // the clipped copy of the text is only worth making when it will be logged (this is the hot path)
    if (this.log.isLevelEnabled('debug')) this.log.debug({ intent: intent.type, text: forLog(msg.text), results: turn.reply.results.length }, 'answered');
    return notice ? withNotice(turn.reply, notice) : turn.reply;
  }

  /**
   * The context a turn needs; going back also needs the earlier topics (the one turn that reads them). The state a
   * question that found nothing leaves (an empty list) is no context, unless there are earlier topics to go back to.
   */
  private async readContext(key: ConversationKey, intent: Intent): Promise<ConversationContext | null> {
    if (intent.type !== 'back') return showsNothing(await this.store.getContext(key, ConversationContext));
    const { current, earlier } = await this.store.getContextWithEarlier(key, ConversationContext);
    const history = earlierTopics(current, earlier);
    return current && history.length > 0 ? { ...current, history } : showsNothing(current);
  }

  private async answer(intent: Intent, ctx: ConversationContext | null, msg: InboundMessage): Promise<Turn> {
    const k = this.k;
    switch (intent.type) {
      case 'help':
        return helpAnswer(k);
      case 'reset':
        return { reply: finish({ intent: 'reset', title: '已重新开始', results: [] }, '这个对话的上下文已清除。'), ctx: null };
      case 'outline':
        return outlineAnswer(k);
      case 'search':
        if (intent.offTopic) return { ...noMatch(k, intent.query), ctx: null };
        if (intent.detail) return detailAnswer(k, intent.detail, intent.query, intent.extras, intent.topic);
        return searchAnswer(k, intent.query, intent.extras, intent.topic);
      case 'within':
        return withinAnswer(k, ctx, intent.topic);
      case 'box':
        return boxAnswer(k, intent.box, intent.item);
      case 'part': {
        const node = k.library.part(intent.part);
        if (node) return nodeAnswer(k, node);
        const parts = k.library.allNodes().filter((n) => n.kind === 'part').length;
        return { reply: finish({ intent: 'structure', title: `没有第 ${intent.part} 部分`, results: [] }, `规划共有 ${parts} 个部分;发送"目录"查看。`) };
      }
      case 'heading': {
        const node = k.library.node(intent.nodeId);
        return node ? nodeAnswer(k, node) : searchAnswer(k, intent.nodeId);
      }
      case 'target':
        if (intent.overall) return targetAnswer(k, undefined, intent.year, intent.extras);
        return targetAnswer(k, intent.topic ?? ctx?.topic, intent.year ?? (intent.topic ? undefined : ctx?.year), intent.extras.length ? intent.extras : ctx?.extras);
      case 'boxes': {
        // asked of what is shown (有哪些重点工程 after an answer): a 专栏 among the entries shown so far counts as the topic's
        const t = boxesAnswer(k, intent.topic ?? ctx?.topic, intent.topic || !ctx ? [] : ctx.list.slice(0, ctx.shown));
        // no 专栏: the conversation stays where it was (第N条 and 2025年的目标呢 still mean the earlier list and topic)
        return ctx && t.ctx && t.ctx.list.length === 0 ? { reply: t.reply } : t;
      }
      case 'switch': {
        // "那专栏13呢?", "那第3条呢?" are other questions in follow-up form; "那2023年呢?" asks another year
        const inner = parseIntent(intent.topic, k);
        if (inner.type !== 'search' && inner.type !== 'switch') return this.answer(inner, ctx, msg);
        const year = /^(20\d\d)\s*年?$/.exec(intent.topic);
        if (year && ctx?.intent === 'target') return targetAnswer(k, ctx.topic, Number(year[1]), ctx.extras);
        return switchAnswer(k, ctx, intent.topic, intent.extras);
      }
      case 'more':
        return intent.back ? previousPageAnswer(k, ctx) : moreAnswer(k, ctx);
      case 'up':
        return upAnswer(k, ctx);
      case 'expand':
        return intent.fromEnd ? fromEndAnswer(k, ctx, intent.n) : expandAnswer(k, ctx, intent.n);
      case 'step':
        return stepAnswer(k, ctx, intent.d, intent.unit);
      case 'back':
        return backAnswer(k, ctx, intent.word, intent.oldest);
      case 'struct':
        return structAnswer(k, intent.ref, ctx);
      case 'where':
        return whereAnswer(k, ctx, intent.subject, intent.unit, intent.ref);
      case 'open':
        return openId(k, intent.id);
      case 'source':
        return sourceAnswer(k, ctx);
      case 'subscribe':
      case 'unsubscribe':
      case 'subscriptions':
      case 'status':
        if (this.subscriptions) return { reply: await this.subscriptions(intent, msg, ctx) };
        return { reply: subscriptionsElsewhere(intent.type) };
      case 'invalid':
        return {
          reply: finish(
            { intent: 'invalid', title: '问题太长了', results: [] },
            `收到 ${intent.detail} 个字符;请把问题缩短到 500 字以内,例如只写主题词"应急管理"。`,
          ),
        };
    }
  }
}

/** The answer to a subscription command where digests cannot be delivered (the CLI, the local web chat). */
export function subscriptionsElsewhere(intent: string): Reply {
  return finish({ intent, title: '订阅需要在 Slack 或 Teams 中使用', results: [] }, '每日摘要由 plan-bot serve 发送到频道;在命令行中可用 plan-bot digest preview 预览。');
}

/** The reply with a notice added in front of any it has, and its plain text rendered again. */
function withNotice(reply: Reply, notice: string): Reply {
  const r = { ...reply, notice: reply.notice ? `${notice};${reply.notice}` : notice };
  return { ...r, text: renderPlainText(r, { full: r.results.length === 1 }) };
}
