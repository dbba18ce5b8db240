import { z } from 'zod';
import type { ChannelOverview, SubscriptionOverview } from '../../src/digest/user-overview.js';
import { clipText } from '../../src/reply/clip.js';
import type { Suggestion } from '../../src/reply/reply.js';
import { ACTION_PREFIX } from './block-kit.js';
import { clipEscaped, LIMITS } from './block-limits.js';
import type { Block, ButtonElement, HomeView } from './block-types.js';
import { escapeMrkdwn, stripControl } from './mrkdwn.js';
import { parseJson } from './safe-json.js';
import { SlackId } from './payloads.js';

/** The action_id kind of the home tab's buttons (plan.home.N): a press is the button's question, answered in the user's DM with the bot. */
export const HOME_ACTION = 'home';

/** What the home view carries for its buttons: the user's DM with the bot, where their presses are answered. */
const HomeMetadata = z.object({ dm: SlackId });

/** The DM a home tab's button press is answered in, read back from the view's private_metadata; undefined when absent or not ours. */
export function homeDm(privateMetadata: string | undefined): string | undefined {
  const json = parseJson(privateMetadata ?? '');
  const parsed = json.ok ? HomeMetadata.safeParse(json.value) : undefined;
  return parsed?.success ? parsed.data.dm : undefined;
}

/** What the home tab shows one user. */
export interface HomeContent {
  /** the plans' titles */
  plans: string[];
  /** the plan's outline: a button per part (label: its heading; value: the question that opens it) */
  outline: Suggestion[];
  /** the channels this user set up subscriptions in; undefined when the Store could not be read */
  channels: ChannelOverview[] | undefined;
  examples: Suggestion[];
  /** the user's DM with the bot (app_home_opened's channel), where presses are answered */
  dm?: string;
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clipEscaped(text, LIMITS.sectionText), verbatim: true } };
}

function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clipText(text, LIMITS.headerText), emoji: false } };
}

function safe(s: string): string {
  return escapeMrkdwn(stripControl(s));
}

/** Rows of buttons (25 a row), each press asking its question. */
function buttonRows(kind: string, items: readonly Suggestion[]): Block[] {
  const buttons: ButtonElement[] = items.map((s, i) => ({
    type: 'button',
    action_id: `${ACTION_PREFIX}${HOME_ACTION}.${kind}.${i}`,
    text: { type: 'plain_text', text: clipText(stripControl(s.label), LIMITS.buttonText), emoji: true },
    value: clipText(s.value, LIMITS.buttonValue),
  }));
  const rows: Block[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) rows.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsElements) });
  return rows;
}

function subscriptionLines(s: SubscriptionOverview): string[] {
  const lines = [`• ${safe(s.topic)} — ${safe(s.schedule)} — ${s.active ? '启用中' : '已停用'}`];
  lines.push(s.lastDelivery ? `    上次发送:${safe(s.lastDelivery.shown)}(${safe(s.lastDelivery.date)} 的摘要)` : '    上次发送:还没有');
  if (s.next) lines.push(`    下一次:${safe(s.next)}`);
  if (s.lastFailure) lines.push(`    ${s.active ? '上次失败' : '停用原因'}:${s.lastFailure.shown ? `${safe(s.lastFailure.shown)} — ` : ''}${safe(s.lastFailure.reason)}${s.lastFailure.retried ? '(已重试)' : ''}`);
  return lines;
}

/** A channel as Slack shows it: a channel link for a Slack id, else its id as text. */
function channelName(id: string): string {
  return /^[CGD][A-Z0-9]{2,40}$/.test(id) ? `<#${id}>` : safe(id);
}

function channelBlock(c: ChannelOverview): Block {
  const head = `*${channelName(c.channel.conversation)}*`;
  const body = c.subscriptions.length ? c.subscriptions.flatMap(subscriptionLines) : ['这个频道已经没有订阅。'];
  return section([head, ...body].join('\n'));
}

/**
 * The App Home tab: the plan's outline as buttons, the channels this user manages subscriptions in (each with its
 * subscriptions, last and next delivery and any failure with its reason), and example questions as buttons. A press
 * is answered in the user's DM with the bot (the view carries that DM's id), where follow-ups can be typed; this is
 * what Slack's own guidance and the apps that do it well (GitHub, Jira) keep the home tab for: an overview with
 * entry points, with the conversation in Messages. Always within 100 blocks: channels that do not fit are counted.
 */
export function renderHome(c: HomeContent): HomeView {
  const top: Block[] = [
    header('plan-bot'),
    section(`查阅 ${safe(c.plans.join('、'))}。点下面的按钮提问,回答发到与 plan-bot 的私信(消息标签页)里,可以在那里接着问;在频道里 @plan-bot 或用 /plan 也可以。`),
    { type: 'divider' },
    header('规划目录'),
    ...buttonRows('outline', c.outline),
    { type: 'divider' },
    header('你管理的订阅'),
  ];
  const bottom: Block[] = [{ type: 'divider' }, header('可以这样问'), ...buttonRows('ask', c.examples)];
  const middle: Block[] = [];
  if (c.channels === undefined) middle.push(section('暂时无法读取订阅,请稍后再打开这个页面。'));
  else if (c.channels.length === 0) middle.push(section('你还没有在任何频道设置订阅。在频道中发送 `/plan 订阅 应急管理 每天 09:00` 订阅一个主题,发送 `/plan 状态` 查看发送情况。'));
  else {
    // one block is kept for the line counting the channels left out
    const room = LIMITS.viewBlocks - top.length - bottom.length - 1;
    const shown = c.channels.slice(0, room);
    middle.push(...shown.map(channelBlock));
    const left = c.channels.length - shown.length;
    middle.push({ type: 'context', elements: [{ type: 'mrkdwn', text: left > 0 ? `还有 ${left} 个频道未显示;在频道中发送 /plan 状态 查看。` : '在频道中发送 /plan 状态 查看详情,"取消订阅"停止一个订阅。', verbatim: true }] });
  }
  const blocks = [...top, ...middle, ...bottom].slice(0, LIMITS.viewBlocks);
  return { type: 'home', blocks, ...(c.dm ? { private_metadata: JSON.stringify({ dm: c.dm }) } : {}) };
}
