// The no-match decision rests on the strongest plan terms a question holds: long spoken questions naming a term
// the plan covers are answered; questions whose content words are all outside the plan get the honest no-match.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/intents/parse-message.js';
import { knowledge } from '../support/knowledge.js';

function search(q: string) {
  const k = knowledge();
  const { intent } = parseMessage(q, k);
  if (intent.type !== 'search') throw new Error(`${q} parsed as ${intent.type}`);
  return k.matcher.search(intent.query, { extras: intent.extras });
}

describe('whole spoken sentences with filler are answered', () => {
  it.each([
    ['领导让我查一下规划里对网络安全有什么要求', '网络安全'],
    ['我们局在做智慧城市项目,规划里有没有相关的说法', '智慧城市'],
    ['我们单位准备申报计量数据方面的应用试点,想问下规划里是不是专门提到过计量数据,原话是怎么说的', '计量数据'],
    ['我在准备一个讲座,跟《全球数据安全倡议》有关,想知道规划里是不是提到过这个倡议啊', '全球数据安全倡议'],
    ['想了解一下规划对数字乡村这块有啥安排', '数字乡村'],
  ])('%s', (q, term) => {
    const r = search(q);
    expect(r.noMatch).toBe(false);
    const first = r.hits[0]!.passage;
    expect(`${first.title}${first.text}`).toContain(term);
  });
});

describe('questions about things the plan does not cover get the honest no-match', () => {
  it.each(['网络游戏版号审批什么时候恢复', 'NFT数字藏品能不能交易', '垃圾分类积分怎么兑换', '个人所得税专项附加扣除怎么填', '微信小程序备案流程是怎样的', '医保异地就医怎么备案报销'])(
    '%s',
    (q) => {
      const r = search(q);
      expect(r.noMatch).toBe(true);
      expect(r.evidence).toBeDefined();
    },
  );

  it('filler alone is no question at all', () => {
    const k = knowledge();
    expect(k.matcher.search(k.normalize('想问一下规划里有没有相关的说法')).noMatch).toBe(true);
  });
});
