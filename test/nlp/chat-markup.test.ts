// Chat markup, links, HTML and noise are removed in one place before a question is read; a good question never
// becomes a no-match because of them.
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { decodeEntities, stripChatMarkup } from '../../src/nlp/chat-markup.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';

describe('stripChatMarkup', () => {
  it.each([
    ['<!channel> 应急管理', '应急管理'],
    ['<!here|here> 应急管理', '应急管理'],
    ['<!subteam^S012|@ops> 应急管理', '应急管理'],
    ['<@U0123ABC> 应急管理', '应急管理'],
    ['<@U0123ABC|plan-bot> 应急管理', '应急管理'],
    ['<#C0123|general> 应急管理', '应急管理'],
    ['<https://example.com|应急管理>', '应急管理'],
    ['应急管理 <https://example.com>', '应急管理'],
    ['应急管理 https://example.com/a?b=c', '应急管理'],
    ['应急管理 www.gov.cn/zhengce', '应急管理'],
    ['<at>plan-bot</at> 应急管理', '应急管理'],
    ['<b>应急管理</b><br/>', '应急管理'],
    ['&lt;b&gt;应急管理&lt;/b&gt;', '应急管理'],
    ['<p class="x">应急管理</p>', '应急管理'],
    ['<script>alert(1)</script>应急管理', '应急管理'],
    ['应急管理 :smile: :+1:', '应急管理 :+1:'],
    ['/plan 应急管理', '应急管理'],
    ['\u001b[31m应急管理\u001b[0m', '应急管理'],
    ['应急\u200b管理', '应急 管理'],
  ])('%j → %j', (input, want) => {
    expect(stripChatMarkup(input)).toBe(want);
  });

  it('keeps times, zones and ordinary symbols for the commands that read them', () => {
    expect(stripChatMarkup('订阅 养老 每天 09:00 tz Europe/Berlin')).toBe('订阅 养老 每天 09:00 tz Europe/Berlin');
    expect(stripChatMarkup('R&D 数据安全')).toBe('R&D 数据安全');
  });

  it('decodes character references, leaving unknown names as typed', () => {
    expect(decodeEntities('&amp; &lt; &gt; &quot; &#39; &#x6570;&#25454; &bogus;')).toBe(`& < > " ' 数据 &bogus;`);
  });
});

describe('a good question wrapped in markup gets the same answer as the bare question', () => {
  const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore(), answerCacheSize: 0 });
  const ask = async (text: string) =>
    (await bot.handle({ platform: 'console', workspace: 'w', conversation: `c-${text}`, user: 'u', text, messageId: text })).results.map((r) => r.id);

  it.each(['<!channel> 应急管理', '应急管理 & <b>x</b>', '应急管理 https://example.com', '应急管理 &amp; &lt;b&gt;x&lt;/b&gt;', '<@U1> 应急管理 :rotating_light:'])(
    '%j',
    async (text) => {
      const bare = await ask('应急管理');
      expect(bare.length).toBeGreaterThan(0);
      expect(await ask(text)).toEqual(bare);
    },
  );

  it('R&D around a topic does not sink it', async () => {
    expect(await ask('R&D 数据安全')).toEqual(await ask('数据安全'));
  });
});
