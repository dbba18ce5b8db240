import { z } from 'zod';

/**
 * The web chat's slice of the configuration: WEB_CHAT=true serves the local chat page at /, WEB_CHAT=false never
 * does, and unset serves it only when no chat platform (Slack, Teams) is configured, so a first `npm start` can be tried.
 */
export const WebConfigSchema = z
  .object({
    WEB_CHAT: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['true', 'false', '1', '0']).optional()),
  })
  .transform((e) => ({
    /** true / false as set; undefined: on only without Slack and Teams (the composition root decides) */
    webChat: e.WEB_CHAT === undefined ? undefined : e.WEB_CHAT === 'true' || e.WEB_CHAT === '1',
  }));

/** The web chat's settings as the composition root resolved them. */
export interface WebSettings {
  /** whether / serves the chat page and /web/messages answers */
  webChatEnabled: boolean;
  /** why it is off, for the start-up log */
  webChatOffReason?: string;
}
