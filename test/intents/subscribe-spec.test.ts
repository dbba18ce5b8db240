// Subscription commands take the topic without chat markup, and never read a time out of the topic.
import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../src/intents/parse-intent.js';
import { knowledge } from '../support/knowledge.js';

const spec = (text: string) => {
  const i = parseIntent(text, knowledge());
  if (i.type !== 'subscribe') throw new Error(`${text} parsed as ${i.type}`);
  return i.spec;
};

describe('subscription topics', () => {
  it.each(['订阅 养老 每天 <!here>', '<!channel> 订阅 养老', '订阅 <b>养老</b> 每天', '订阅 养老 https://example.com', '<@U123> 订阅 养老'])('%s → 养老', (text) => {
    expect(spec(text).topic).toBe('养老');
  });

  it.each([
    ['订阅 {2025年目标} 每天 09:00', '09:00'],
    ['订阅 「12.5 工程」', undefined],
    ['订阅 “数字乡村2025” 每天 08:30', '08:30'],
    ['订阅 数字乡村2025 每天 08:30', '08:30'],
  ])('%s: digits in the topic are not a time', (text, time) => {
    const s = spec(text);
    expect(s.time).toBe(time);
    expect(s.topic).toMatch(/\d/);
  });

  it('a malformed time after 每天 is still passed on to be refused', () => {
    expect(spec('订阅 养老 每天 9.30')).toEqual({ topic: '养老', time: '9.30' });
  });
});
