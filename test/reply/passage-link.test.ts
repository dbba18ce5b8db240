import { describe, expect, it } from 'vitest';
import { parsePassagePath, parsePassageUrl, passageAddress, passageUrl, planUrl } from '../../src/reply/passage-link.js';

describe('passage links', () => {
  it('build a page per stable passage id, and read it back', () => {
    const url = passageUrl('https://plan.example.gov/', 'xinxihua-14th:box14.i1');
    expect(url).toBe('https://plan.example.gov/p/xinxihua-14th/box14.i1');
    expect(parsePassageUrl('https://plan.example.gov', url!)).toEqual({ planId: 'xinxihua-14th', localId: 'box14.i1', passageId: 'xinxihua-14th:box14.i1' });
    expect(planUrl('https://plan.example.gov/', 'xinxihua-14th')).toBe('https://plan.example.gov/plan/xinxihua-14th');
  });

  it('keep a path prefix of PUBLIC_URL', () => {
    const url = passageUrl('https://example.com/bots/plan', 'xinxihua-14th:p4.s2.para3');
    expect(url).toBe('https://example.com/bots/plan/p/xinxihua-14th/p4.s2.para3');
    expect(parsePassageUrl('https://example.com/bots/plan', url!)?.passageId).toBe('xinxihua-14th:p4.s2.para3');
    expect(parsePassageUrl('https://example.com/bots/plan', 'https://example.com/p/xinxihua-14th/p4')).toBeUndefined();
  });

  it('refuse links of other origins and shapes', () => {
    const pub = 'https://plan.example.gov';
    for (const bad of [
      'https://evil.example.com/p/xinxihua-14th/box14',
      'http://plan.example.gov/p/xinxihua-14th/box14',
      'https://plan.example.gov/plan/xinxihua-14th',
      'https://plan.example.gov/p/xinxihua-14th',
      'https://plan.example.gov/p/Bad_Plan/box14',
      'https://plan.example.gov/p/xinxihua-14th/%E0%A4%A',
      'https://plan.example.gov/p/xinxihua-14th/<script>',
      'not a url',
    ]) expect(parsePassageUrl(pub, bad), bad).toBeUndefined();
  });

  it('read only ids of the plan:local shape', () => {
    expect(passageAddress('nocolon')).toBeUndefined();
    expect(passageAddress(':box1')).toBeUndefined();
    expect(passageUrl('https://x.example', 'xinxihua-14th:')).toBeUndefined();
    expect(parsePassagePath('/p/xinxihua-14th/box14.i1/')?.localId).toBe('box14.i1');
    expect(parsePassagePath('/p/a/b/c')).toBeUndefined();
  });
});
