// A passage as a Teams message extension result: untrusted text shows literally on the card (Markdown escaped) and
// in the preview (whose text Teams reads as HTML), and the card stays within what link unfurling renders (1.3).
import { describe, expect, it } from 'vitest';
import { EXTENSION_CARD_VERSION, passageAttachment, passageCard, THUMBNAIL_TYPE } from '../../adapters/teams/passage-card.js';
import { CARD_RESPONSE_TYPE } from '../../adapters/teams/invoke-response.js';
import type { ResultItem } from '../../src/reply/reply.js';
import { texts } from './teams-harness.js';

const hostile: ResultItem = {
  id: 'plan:p1.para1',
  kind: 'paragraph',
  title: '<script>alert(1)</script> **粗** [链接](https://evil.example)',
  text: '"><img src=x onerror=alert(1)> # 标题\n- 列表 {{DATE(2020-01-01)}} 数据安全',
  path: ['一、<b>现状</b>'],
  highlights: ['数据安全'],
  url: 'https://plan.example.org/p/plan/p1.para1',
};

describe('passage card', () => {
  it('escapes the Markdown of titles, places and text; only the highlight is bold', () => {
    const card = passageCard(hostile);
    expect(card.version).toBe(EXTENSION_CARD_VERSION);
    const [title, place, body] = texts(card);
    expect(title).toContain('\\*\\*粗\\*\\*');
    expect(title).toContain('\\[链接\\]');
    expect(title).not.toContain('https://');
    expect(place).toContain('\\<b\\>');
    expect(body).toContain('**数据安全**');
    expect(body).not.toMatch(/(^|[^\\])</);
    expect(body).not.toContain('{{');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: '查看原文', url: hostile.url }]);
  });

  it('the preview is a thumbnail with HTML escaped, clipped to a line or two', () => {
    const a = passageAttachment({ ...hostile, text: `${hostile.text}${'长'.repeat(2000)}` });
    expect(a.contentType).toBe(CARD_RESPONSE_TYPE);
    expect(a.preview.contentType).toBe(THUMBNAIL_TYPE);
    expect(a.preview.content.title).toContain('&lt;script&gt;');
    expect(a.preview.content.text).toContain('&gt;');
    expect(a.preview.content.text).toContain('数据安全');
    expect(JSON.stringify(a.preview)).not.toMatch(/<|>/);
    expect(a.preview.content.text.length).toBeLessThan(200);
  });

  it('a passage without a page has no 查看原文', () => {
    const { url: _u, ...unlinked } = hostile;
    expect(passageCard(unlinked).actions).toBeUndefined();
  });
});
