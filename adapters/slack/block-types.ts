/** The few Block Kit shapes plan-bot sends (a subset of Slack's), so renderers and tests share one vocabulary. */
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  /** false: Slack does not turn bare URLs and channel names into links */
  verbatim?: boolean;
}

export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value: string;
  style?: 'primary' | 'danger';
}

/** A channel picker (the search modal's 分享到哪个频道). */
export interface ConversationsSelect {
  type: 'conversations_select';
  action_id: string;
  placeholder: PlainText;
  filter?: { include?: ('public' | 'private' | 'im' | 'mpim')[]; exclude_bot_users?: boolean };
}

/** A one-line text box (the search modal's question). */
export interface PlainTextInput {
  type: 'plain_text_input';
  action_id: string;
  placeholder?: PlainText;
  initial_value?: string;
  max_length?: number;
}

export type Block =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: Mrkdwn }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: ButtonElement[] };

/** What a modal holds besides a message's blocks: a channel picker row and the question box. */
export type ModalBlock =
  | Block
  | { type: 'actions'; block_id: string; elements: ConversationsSelect[] }
  | { type: 'input'; block_id: string; label: PlainText; element: PlainTextInput };

/** The App Home tab as views.publish takes it. */
export interface HomeView {
  type: 'home';
  blocks: Block[];
  private_metadata?: string;
}

/** A message as Slack's chat.postMessage, response_url and slash-command acks take it: blocks plus plain fallback text. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
