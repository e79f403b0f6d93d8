import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescedResults } from './coalesced-results';

describe('coalescedResults (a live board while results keep coming)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes a result after a quiet spell at once', () => {
    const seen: number[] = [];
    const board = coalescedResults<number>((n) => seen.push(n), 300);
    board(1);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(301);
    board(2);
    expect(seen).toEqual([1, 2]);
  });

  it('coalesces results that come faster into the latest, sent when the spell is over', () => {
    const seen: number[] = [];
    const board = coalescedResults<number>((n) => seen.push(n), 300);
    board(1);
    vi.advanceTimersByTime(50);
    board(2);
    board(3);
    vi.advanceTimersByTime(200);
    board(4);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(50);
    expect(seen).toEqual([1, 4]);
    // The next one waits a whole spell after the coalesced one went.
    board(5);
    vi.advanceTimersByTime(299);
    expect(seen).toEqual([1, 4]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([1, 4, 5]);
  });

  it('drops a waiting result once stopped', () => {
    const seen: number[] = [];
    const board = coalescedResults<number>((n) => seen.push(n), 300);
    board(1);
    board(2);
    board.stop();
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual([1]);
  });
});
