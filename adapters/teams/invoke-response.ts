import type { CardJson } from './card-size.js';

/**
 * The bodies of plan-bot's invoke responses. An invoke activity is answered in the HTTP response itself, and
 * botbuilder answers 501 with an empty body when the turn sets none; Teams then shows the user an error. Every
 * invoke the app can receive gets HTTP 200 with the smallest body its documented schema accepts:
 * - adaptiveCard/action (Universal Actions, Action.Execute): `{ statusCode: 200, type, value }`, where type is
 *   application/vnd.microsoft.card.adaptive (value: the card that replaces the pressed one) or
 *   application/vnd.microsoft.activity.message (value: a text Teams shows in place);
 * - composeExtension/fetchTask, task/fetch, task/submit: a dialog response `{ task: { type: 'message', value } }`;
 * - composeExtension/* the message extension does not answer (message-extension.ts answers the searchPlan query and
 *   queryLink; this covers other commands, selectItem, submitAction, …): `{ composeExtension: { type: 'message', text } }`;
 * - config/fetch (bot configuration): `{ config: { type: 'continue', value: dialog } }`, a small dialog with the text
 *   (the documented types are continue and auth); config/submit: `{ config: { type: 'message', value } }`;
 * - tab/fetch, tab/submit: `{ tab: { type: 'continue', value: { cards: [] } } }`;
 * - anything else (signin/*, fileConsent/invoke, message/submitAction, handoff/action, names Teams adds later):
 *   200 with `{}`, the empty success botbuilder's own handlers send.
 * The manifest declares none of the features behind these fallbacks, so those answers only say so politely.
 */

/** The content type of a Universal Actions response that carries an Adaptive Card. */
export const CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';
/** The content type of a Universal Actions response that carries a text message. */
export const MESSAGE_RESPONSE_TYPE = 'application/vnd.microsoft.activity.message';

/** What Teams is told when an invoke asks for a feature plan-bot does not offer (compose extensions, dialogs, tabs). */
export const NOT_OFFERED_TEXT = 'plan-bot 没有这个功能:请直接在对话中提问,例如“应急管理”,发送“帮助”查看用法。';

/** What Teams is told when an answer could not be made in time or failed; the user can press the button again. */
export const UNAVAILABLE_TEXT = 'plan-bot 暂时无法回答,请稍后再按一次。';

/** What a redelivered invoke (one whose activity id was already answered) is told. */
export const RECEIVED_TEXT = '已收到。';

/** An invoke response: the HTTP status and the JSON body Teams reads. */
export interface InvokeReply {
  status: 200;
  body: Record<string, unknown>;
}

/** The Universal Actions response that shows `card` in place of the card whose Action.Execute was pressed. */
export function cardInvokeReply(card: CardJson): InvokeReply {
  return { status: 200, body: { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card } };
}

/** The Universal Actions response that shows a short text where the card's action was pressed. */
export function messageInvokeReply(text: string): InvokeReply {
  return { status: 200, body: { statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: text } };
}

/** A small dialog (task module) holding one text, for the responses whose schema needs a dialog. */
function textDialog(text: string): Record<string, unknown> {
  const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] };
  return { title: 'plan-bot', height: 'small', width: 'small', card: { contentType: CARD_RESPONSE_TYPE, content: card } };
}

/**
 * The minimal valid response to an invoke plan-bot does not act on, by its name (see the list above); `text` is what
 * a response that shows something says. Also the answer to an adaptiveCard/action whose turn failed.
 */
export function fallbackInvokeReply(name: string | undefined, text: string = NOT_OFFERED_TEXT): InvokeReply {
  const n = name ?? '';
  if (n === 'adaptiveCard/action') return messageInvokeReply(text);
  if (n === 'composeExtension/fetchTask' || n === 'task/fetch' || n === 'task/submit') return { status: 200, body: { task: { type: 'message', value: text } } };
  if (n.startsWith('composeExtension/')) return { status: 200, body: { composeExtension: { type: 'message', text } } };
  if (n === 'config/fetch') return { status: 200, body: { config: { type: 'continue', value: textDialog(text) } } };
  if (n === 'config/submit') return { status: 200, body: { config: { type: 'message', value: text } } };
  if (n === 'tab/fetch' || n === 'tab/submit') return { status: 200, body: { tab: { type: 'continue', value: { cards: [] } } } };
  return { status: 200, body: {} };
}
