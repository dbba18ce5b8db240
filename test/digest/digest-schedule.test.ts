import { describe, expect, it } from 'vitest';
import { dueDate, nextDelivery } from '../../src/digest/digest-schedule.js';
import { addDays, daysBetween, instantOf, localTime, normalizeTimeOfDay, normalizeTimeZone } from '../../src/digest/local-time.js';
import { slackSub } from './support/digest-fixtures.js';

describe('local time', () => {
  it('accepts IANA zones and UTC offsets, and rejects the rest', () => {
    expect(normalizeTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(normalizeTimeZone('UTC+8')).toBe('Etc/GMT-8');
    expect(normalizeTimeZone('UTC')).toBe('UTC');
    expect(normalizeTimeZone('Mars/Base')).toBeUndefined();
    expect(normalizeTimeZone('Asia/Shangai')).toBeUndefined();
  });

  it('accepts times of day only', () => {
    expect(normalizeTimeOfDay('9:05')).toBe('09:05');
    expect(normalizeTimeOfDay('23:59')).toBe('23:59');
    expect(normalizeTimeOfDay('25:00')).toBeUndefined();
    expect(normalizeTimeOfDay('09:60')).toBeUndefined();
    expect(normalizeTimeOfDay('noon')).toBeUndefined();
  });

  it('finds the instant of a local time, across a DST change', () => {
    expect(new Date(instantOf('2026-12-01', '09:00', 'Asia/Shanghai')).toISOString()).toBe('2026-12-01T01:00:00.000Z');
    // Berlin: CET (+1) in winter, CEST (+2) in summer
    expect(new Date(instantOf('2026-01-15', '09:00', 'Europe/Berlin')).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(new Date(instantOf('2026-07-15', '09:00', 'Europe/Berlin')).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(localTime(Date.parse('2026-12-01T16:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-12-02', time: '00:30', weekday: 3 });
  });

  it('does calendar arithmetic', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2025-01-01', '2025-12-31')).toBe(364);
  });
});

describe('when a digest is due', () => {
  const sub = slackSub('C1');

  it('is due from its local time until the end of that local day, once', () => {
    expect(dueDate(sub, null, Date.parse('2026-12-01T08:59:00+08:00'))).toBeUndefined();
    expect(dueDate(sub, null, Date.parse('2026-12-01T09:00:00+08:00'))).toBe('2026-12-01');
    // a replica that was down at 09:00 still delivers the same day
    expect(dueDate(sub, null, Date.parse('2026-12-01T23:59:00+08:00'))).toBe('2026-12-01');
    expect(dueDate(sub, { sent: [], lastDate: '2026-12-01' }, Date.parse('2026-12-01T12:00:00+08:00'))).toBeUndefined();
    expect(dueDate(sub, { sent: [], lastDate: '2026-12-01' }, Date.parse('2026-12-02T09:00:00+08:00'))).toBe('2026-12-02');
  });

  it('uses the subscription time zone', () => {
    const berlin = slackSub('C2', { tz: 'Europe/Berlin' });
    // 09:05 in Shanghai is 02:05 in Berlin
    expect(dueDate(berlin, null, Date.parse('2026-12-01T09:05:00+08:00'))).toBeUndefined();
    expect(dueDate(berlin, null, Date.parse('2026-12-01T09:00:00+01:00'))).toBe('2026-12-01');
  });

  it('skips weekends for weekday subscriptions', () => {
    const wd = slackSub('C3', { weekdays: true });
    expect(dueDate(wd, null, Date.parse('2026-12-05T10:00:00+08:00'))).toBeUndefined(); // Saturday
    expect(nextDelivery(wd, Date.parse('2026-12-04T10:00:00+08:00')).date).toBe('2026-12-07'); // Friday after 09:00 → Monday
  });

  it('does not deliver on the day it was subscribed after the slot; inactive ones never', () => {
    const late = slackSub('C4', { createdAt: '2026-12-01T03:00:00Z' }); // 11:00 in Shanghai
    expect(dueDate(late, null, Date.parse('2026-12-01T12:00:00+08:00'))).toBeUndefined();
    expect(nextDelivery(late, Date.parse('2026-12-01T11:00:00+08:00')).date).toBe('2026-12-02');
    expect(dueDate(slackSub('C5', { active: false }), null, Date.parse('2026-12-01T12:00:00+08:00'))).toBeUndefined();
  });
});
