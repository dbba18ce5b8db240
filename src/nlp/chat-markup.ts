/**
 * What people's chat clients put around a question, removed in one place before anything reads the text:
 * Slack and Teams markup, links, HTML, entities, terminal escapes and control characters. A good question
 * must never become a no-match because of them.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ' };

/** Decode HTML character references (&amp; &#39; &#x4E2D;); an unknown name is left as typed. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? m;
  });
}

/** Strip chat markup and noise, keeping the words a person meant: link labels stay, addresses and mentions go. */
export function stripChatMarkup(text: string): string {
  let s = text
    // terminal escapes and control / zero-width / bidi characters
    .replace(/\u001b\[[0-9;?]*[ -\/]*[@-~]/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, ' ');
  // Slack: <!channel> <!here> <!subteam^S1|@team> <!date^…|label>, <@U123|name>, <#C123|general>, <url|label>
  s = s
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, ' $1 ')
    .replace(/<![^>]*>/g, ' ')
    .replace(/<[@#][A-Z0-9]+(?:\|[^>]*)?>/gi, ' ')
    .replace(/<((?:https?|mailto|tel|ftp):[^|>\s]*)\|([^>]*)>/gi, ' $2 ')
    .replace(/<(?:https?|mailto|tel|ftp):[^>\s]*>/gi, ' ');
  // Teams: <at>plan-bot</at>; then HTML from either (<b>, <br/>, <p class="…">), then its entities
  // (Slack sends typed < > & as entities, so tags are looked for after decoding)
  s = decodeEntities(s.replace(/<at>[^<]*<\/at>/gi, ' '));
  s = s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, ' ');
  // bare links and addresses
  s = s
    .replace(/\b(?:https?|ftp):\/\/[^\s<>"'，。！？、）)]+/gi, ' ')
    .replace(/\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"'，。！？、）)]*/gi, ' ')
    .replace(/\b[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+\b/gi, ' ');
  // emoji codes (:smile:, :+1:, :skin-tone-2:)
  s = s.replace(/:[a-z][a-z0-9_+-]{0,39}:/gi, ' ');
  // a leading @mention typed as plain text, and the slash command itself
  s = s.replace(/^\s*@[\w-]+\s+/, ' ').replace(/^\s*[/／]plan(?=\s|$)/i, ' ');
  return s.replace(/\s+/g, ' ').trim();
}
