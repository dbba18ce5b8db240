import { describe, expect, it } from 'vitest';
import { MarkerSet } from '../../src/intents/marker-set.js';

describe('MarkerSet', () => {
  const set = new MarkerSet([
    { parts: ['how much', 'cost'], value: 'price' },
    { parts: ['哪个部门牵头'], value: 'lead' },
    { parts: ['多少补贴'], value: 'amount' },
  ]);

  it('finds a marker whose parts occur in order, with anything between them', () => {
    expect(set.find('how much does a 5g phone cost')).toBe('price');
    expect(set.find('cost how much')).toBeUndefined();
    expect(set.find('数商兴农工程给多少补贴')).toBe('amount');
    expect(set.find('数据安全')).toBeUndefined();
    expect(set.find('')).toBeUndefined();
  });

  it('of several markers held, the one listed first wins, wherever it stands', () => {
    expect(set.find('给多少补贴,哪个部门牵头')).toBe('lead');
  });
});
