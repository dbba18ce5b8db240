import { describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { configProblem } from './support/config-problem.js';

describe('PUBLIC_URL', () => {
  it('is absent unless set, and loses its trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: '  ' }).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://plan.example.gov/' }).publicUrl).toBe('https://plan.example.gov');
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000/bots/plan' }).publicUrl).toBe('http://127.0.0.1:3000/bots/plan');
  });

  it.each(['plan.example.gov', 'ftp://plan.example.gov', 'https://plan.example.gov/?a=1', 'https://u:p@plan.example.gov'])('refuses %s naming the variable', (v) => {
    expect(configProblem({ PUBLIC_URL: v })).toMatch(/PUBLIC_URL/);
  });
});
