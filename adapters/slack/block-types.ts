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

export type Block =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: Mrkdwn }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: ButtonElement[] };

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
