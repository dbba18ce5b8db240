import { z } from 'zod';

/** A Slack id: team, channel, user, bot (T…, C…, G…, D…, U…, W…, B…, E…). */
export const SlackId = z.string().regex(/^[A-Z0-9][A-Z0-9_]{1,40}$/, 'expected a Slack id');
/** A message timestamp, which is also its id within a channel (e.g. 1700000000.000100). */
export const MessageTs = z.string().regex(/^\d{1,12}\.\d{1,8}$/, 'expected a message ts');
/** Where Slack lets an app answer an interaction (hooks.slack.com, or GovSlack's equivalent). */
export const ResponseUrl = z.string().max(2000).regex(/^https:\/\/[^\s/]+\/\S*$/, 'expected an https response_url');

/** A slash command (/plan TEXT), sent form-encoded. */
export const SlashCommand = z.looseObject({
  command: z.string().regex(/^\/[^\s]{1,40}$/),
  text: z.string().default(''), // no cap here: the body is bounded (1 MB) and a too-long question gets 问题太长了 from the bot
  team_id: SlackId,
  channel_id: SlackId,
  user_id: SlackId,
  response_url: ResponseUrl.optional(),
  trigger_id: z.string().max(200).optional(),
});
export type SlashCommand = z.infer<typeof SlashCommand>;
/** The same fields, checked without carrying the others over (checkPayload hands on the body it checked). */
const SlashCommandFields = z.object(SlashCommand.shape);

/** An Events API delivery; the event itself is checked by the listener that handles its type. */
export const EventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: SlackId,
  event_id: z.string().regex(/^[\w.-]{1,100}$/),
  event: z.looseObject({ type: z.string().min(1).max(100) }),
});
export type EventCallback = z.infer<typeof EventCallback>;

/** Slack's check of a newly configured Request URL. */
export const UrlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(500), token: z.string().optional() });

/** A modal's state: block_id → action_id → the element's value (plain text, a chosen conversation). */
const ViewState = z.looseObject({
  values: z.record(z.string().max(255), z.record(z.string().max(255), z.looseObject({ type: z.string().max(50), value: z.string().max(3000).nullish(), selected_conversation: SlackId.nullish() }))),
});

/** The modal a submission or a press inside it comes from. */
export const ModalView = z.looseObject({
  id: z.string().min(1).max(100),
  callback_id: z.string().max(255),
  hash: z.string().max(200).optional(),
  state: ViewState.optional(),
  private_metadata: z.string().max(3000).optional(),
});
export type ModalView = z.infer<typeof ModalView>;

/** A button press on one of plan-bot's messages. */
export const BlockActions = z.looseObject({
  type: z.literal('block_actions'),
  team: z.looseObject({ id: SlackId }),
  user: z.looseObject({ id: SlackId }),
  actions: z
    .array(z.looseObject({ action_id: z.string().min(1).max(255), type: z.string().max(50), value: z.string().max(2000).optional() }))
    .min(1)
    .max(25),
  container: z.looseObject({
    type: z.string().max(50),
    channel_id: SlackId.optional(),
    message_ts: MessageTs.optional(),
    thread_ts: MessageTs.optional(),
    is_ephemeral: z.boolean().optional(),
  }),
  channel: z.looseObject({ id: SlackId }).optional(),
  message: z.looseObject({ ts: MessageTs, thread_ts: MessageTs.optional() }).optional(),
  /**
   * the view a button sits on (container type view): the home tab, whose private_metadata is what plan-bot put
   * there, or the search modal (分享 in 搜索规划's results), whose state holds the chosen channel
   */
  view: ModalView.partial({ id: true, callback_id: true }).extend({ type: z.string().max(50).optional() }).optional(),
  response_url: ResponseUrl.optional(),
  trigger_id: z.string().max(200).optional(),
});
export type BlockActions = z.infer<typeof BlockActions>;

/** A global shortcut (the ⚡ menu): opens a modal with its trigger_id. */
export const GlobalShortcut = z.looseObject({
  type: z.literal('shortcut'),
  callback_id: z.string().min(1).max(255),
  trigger_id: z.string().min(1).max(200),
  team: z.looseObject({ id: SlackId }).nullish(),
  user: z.looseObject({ id: SlackId, team_id: SlackId.optional() }),
});
export type GlobalShortcut = z.infer<typeof GlobalShortcut>;

/** A message shortcut (a message's ⋯ menu): the message it was used on, where, and where to answer. */
export const MessageShortcut = z.looseObject({
  type: z.literal('message_action'),
  callback_id: z.string().min(1).max(255),
  trigger_id: z.string().min(1).max(200),
  team: z.looseObject({ id: SlackId }),
  user: z.looseObject({ id: SlackId }),
  channel: z.looseObject({ id: SlackId }),
  message: z.looseObject({ ts: MessageTs, text: z.string().max(40_000).optional() }),
  response_url: ResponseUrl,
});
export type MessageShortcut = z.infer<typeof MessageShortcut>;

/** A modal submitted (搜索): its state holds what was typed. */
export const ViewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  team: z.looseObject({ id: SlackId }).nullish(),
  user: z.looseObject({ id: SlackId, team_id: SlackId.optional() }),
  view: ModalView,
});
export type ViewSubmission = z.infer<typeof ViewSubmission>;

/** The workspace an interaction comes from: its team, or (an org-wide install's shortcut) the user's team. */
export function teamOf(body: { team?: { id: string } | null; user: { team_id?: string } }): string | undefined {
  return body.team?.id ?? body.user.team_id;
}

/** The context key under which the HTTP receiver hands listeners the payload it has already validated. */
export const VALIDATED = 'planBotValidated';

/** The payload the receiver validated (HTTP), or this schema's own check of the body (Socket Mode). */
export function validated<T>(schema: z.ZodType<T>, context: Record<string, unknown>, body: unknown): ReturnType<z.ZodType<T>['safeParse']> {
  const already = context[VALIDATED];
  return already !== undefined && already === body ? ({ success: true, data: already as T } as ReturnType<z.ZodType<T>['safeParse']>) : schema.safeParse(body);
}

/** A verified, parsed body checked against the payload it claims to be: ready for Bolt, or why it is refused. */
export type CheckedPayload =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'command'; body: SlashCommand }
  | { kind: 'event'; body: EventCallback }
  | { kind: 'action'; body: BlockActions }
  | { kind: 'shortcut'; body: GlobalShortcut | MessageShortcut }
  | { kind: 'view'; body: ViewSubmission }
  | { kind: 'invalid'; problem: string };

function problemOf(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

function check<T>(schema: z.ZodType<T>, value: unknown, wrap: (v: T) => CheckedPayload): CheckedPayload {
  const r = schema.safeParse(value);
  return r.success ? wrap(r.data) : { kind: 'invalid', problem: problemOf(r.error) };
}

/**
 * Check a body Bolt parsed against the payload it says it is (by the same marks Bolt routes on: `command`, or
 * `type`), so that a malformed payload is refused with a 400 naming the field instead of reaching a listener.
 */
export function checkPayload(body: Record<string, unknown>): CheckedPayload {
  if ('command' in body) {
    // the fields checked without copying the rest of the form (a looseObject copies every field: ~4 µs of a cached
    // /plan's ~180 in a profile of bench:slack's mixed load); the check transforms nothing but text's default, so the
    // body itself, with the fields Bolt reads (enterprise_id, is_enterprise_install), is the payload
    const r = SlashCommandFields.safeParse(body);
    if (!r.success) return { kind: 'invalid', problem: problemOf(r.error) };
    body.text = r.data.text;
    return { kind: 'command', body: body as SlashCommand };
  }
  switch (body.type) {
    case 'event_callback':
      return check(EventCallback, body, (b) => ({ kind: 'event', body: b }));
    case 'block_actions':
      return check(BlockActions, body, (b) => ({ kind: 'action', body: b }));
    case 'url_verification':
      return check(UrlVerification, body, (v) => ({ kind: 'url_verification', challenge: v.challenge }));
    case 'shortcut':
      return check(GlobalShortcut, body, (b) => ({ kind: 'shortcut', body: b }));
    case 'message_action':
      return check(MessageShortcut, body, (b) => ({ kind: 'shortcut', body: b }));
    case 'view_submission':
      return check(ViewSubmission, body, (b) => ({ kind: 'view', body: b }));
    default:
      return { kind: 'invalid', problem: `unsupported payload type ${JSON.stringify(body.type ?? null)}` };
  }
}

/** An @mention of the bot in a channel. `subtype`, `bot_id` and `edited` mark messages plan-bot ignores. */
export const MentionEvent = z.looseObject({
  type: z.literal('app_mention'),
  user: SlackId.optional(),
  text: z.string().max(40_000),
  ts: MessageTs,
  channel: SlackId,
  thread_ts: MessageTs.optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  edited: z.unknown().optional(),
});
export type MentionEvent = z.infer<typeof MentionEvent>;

/** The fields every message event plan-bot reads carries; `subtype` and `bot_id` mark messages it ignores. */
const MessageFields = {
  type: z.literal('message'),
  user: SlackId.optional(),
  text: z.string().max(40_000).optional(),
  ts: MessageTs,
  channel: SlackId,
  thread_ts: MessageTs.optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
};

/** A message in a direct conversation with the bot (message.im). */
export const DirectMessageEvent = z.looseObject({ ...MessageFields, channel_type: z.literal('im') });
export type DirectMessageEvent = z.infer<typeof DirectMessageEvent>;

/** A message in a public or private channel (message.channels, message.groups): answered only in a thread the bot is in. */
export const ChannelMessageEvent = z.looseObject({ ...MessageFields, channel_type: z.enum(['channel', 'group']), edited: z.unknown().optional() });
export type ChannelMessageEvent = z.infer<typeof ChannelMessageEvent>;

/** Where the user was in Slack when they opened or moved the assistant panel (the channel they are looking at). */
export const AssistantContext = z.looseObject({
  channel_id: SlackId.optional(),
  team_id: SlackId.optional(),
  enterprise_id: SlackId.nullish(),
});
export type AssistantContext = z.infer<typeof AssistantContext>;

/** assistant_thread_started / assistant_thread_context_changed: a thread of the assistant panel and its context. */
export const AssistantThreadEvent = z.looseObject({
  type: z.enum(['assistant_thread_started', 'assistant_thread_context_changed']),
  assistant_thread: z.looseObject({
    user_id: SlackId,
    channel_id: SlackId,
    thread_ts: MessageTs,
    context: AssistantContext.optional(),
  }),
});
export type AssistantThreadEvent = z.infer<typeof AssistantThreadEvent>;

/** app_home_opened: a user opened one of the app's tabs (home, messages); `channel` is their DM with the bot. */
export const AppHomeOpenedEvent = z.looseObject({
  type: z.literal('app_home_opened'),
  user: SlackId,
  channel: SlackId.optional(),
  tab: z.string().max(50),
});
export type AppHomeOpenedEvent = z.infer<typeof AppHomeOpenedEvent>;
