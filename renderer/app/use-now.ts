import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`. "Days in stage" changes once a day, so a board
 * left open overnight still tells the truth without re-rendering every second.
 */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
