import { describe, expect, it } from 'vitest';
import {
  bucketIndex,
  bucketStart,
  daysBetween,
  defaultGranularity,
  periodBuckets,
  quantile,
} from './stats';

describe('quantile', () => {
  it('interpolates between ranks', () => {
    // [1, 2, 3, 10]: median ranks 1.5 → 2.5; p80 rank 2.4 → 3 + 0.4 × 7 = 5.8.
    expect(quantile([10, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([10, 1, 3, 2], 0.8)).toBeCloseTo(5.8, 12);
    expect(quantile([7], 0.8)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('calendar buckets', () => {
  it('starts days, weeks (Monday) and months at local midnight', () => {
    // 2026-01-01 17:00 UTC is 2026-01-02 01:00 in Beijing (UTC+8).
    const at = Date.UTC(2026, 0, 1, 17);
    expect(bucketStart(at, 'day', 480)).toBe(Date.UTC(2026, 0, 1, 16));
    expect(bucketStart(at, 'day', 0)).toBe(Date.UTC(2026, 0, 1));
    // Friday 2 January (Beijing) → Monday 29 December, 00:00 Beijing.
    expect(bucketStart(at, 'week', 480)).toBe(Date.UTC(2025, 11, 28, 16));
    expect(bucketStart(at, 'month', 480)).toBe(Date.UTC(2025, 11, 31, 16));
  });

  it('lists the buckets covering a period and finds the one holding an instant', () => {
    const months = periodBuckets(Date.UTC(2026, 0, 15), Date.UTC(2026, 3, 1), 'month', 0);
    expect(months.map((b) => b.label)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    const starts = months.map((b) => b.start);
    expect(bucketIndex(starts, Date.UTC(2026, 1, 28, 23))).toBe(1);
    expect(bucketIndex(starts, Date.UTC(2025, 11, 31))).toBe(-1);
  });

  it('picks a granularity from the period length, and counts calendar days', () => {
    expect(defaultGranularity(0, 30 * 86_400_000)).toBe('day');
    expect(defaultGranularity(0, 365 * 86_400_000)).toBe('week');
    expect(defaultGranularity(0, 800 * 86_400_000)).toBe('month');
    expect(daysBetween('2025-12-01', '2026-01-31')).toBe(61);
  });
});
