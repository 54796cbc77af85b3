import { describe, expect, it } from 'vitest';
import { formatIso, parseDateInput, startOfDay } from './dates';

describe('portal dates (ref §10)', () => {
  it('formats ISO with the portal offset', () => {
    expect(formatIso(Date.parse('2025-01-01T21:30:05Z'), '+03:00')).toBe('2025-01-02T00:30:05+03:00');
    expect(formatIso(Date.parse('2025-01-01T21:30:05Z'), '-05:00')).toBe('2025-01-01T16:30:05-05:00');
  });

  it('parses ISO with offset, portal-zone datetimes, dates and dd.mm.yyyy', () => {
    const ms = Date.parse('2025-03-04T05:06:07Z');
    expect(parseDateInput('2025-03-04T08:06:07+03:00', '+03:00')).toBe(ms);
    expect(parseDateInput('2025-03-04 08:06:07', '+03:00')).toBe(ms);
    expect(parseDateInput('2025-03-04T05:06:07Z', '+03:00')).toBe(ms);
    expect(parseDateInput('04.03.2025', '+03:00')).toBe(Date.parse('2025-03-03T21:00:00Z'));
    expect(parseDateInput('yesterday', '+03:00')).toBeNull();
  });

  it('date-only values are midnight in the portal zone', () => {
    expect(formatIso(startOfDay(Date.parse('2025-03-04T22:00:00Z'), '+03:00'), '+03:00')).toBe('2025-03-05T00:00:00+03:00');
  });
});
