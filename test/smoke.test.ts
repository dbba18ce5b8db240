import { describe, expect, it, inject } from 'vitest';
import { Redis } from 'ioredis';
import { knowledge } from './support/knowledge.js';

describe('test environment', () => {
  it('has a real Redis', async () => {
    const r = new Redis(inject('redisUrl'));
    expect(await r.ping()).toBe('PONG');
    r.disconnect();
  });
  it('loads the plan', () => {
    expect(knowledge().library.passages.length).toBeGreaterThan(50);
  });
});
