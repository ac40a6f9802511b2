import { useEffect, useState } from 'react';

type Listener = (nowMillis: number) => void;

const listeners = new Set<Listener>();
let ticker: ReturnType<typeof setInterval> | null = null;

function tick() {
  const now = Date.now();
  for (const listener of listeners) listener(now);
}

/**
 * One interval for the whole console, running only while something shows
 * a clock, so every clock on screen turns over in the same frame.
 */
function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  ticker ??= setInterval(tick, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0 || ticker === null) return;
    clearInterval(ticker);
    ticker = null;
  };
}

/**
 * The current time in epoch milliseconds, re-read from `Date.now()` every
 * second. Clocks are computed from it and stored times on each render and
 * never count ticks, so a slept laptop or a throttled tab shows the right
 * time on the next tick.
 */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => subscribe(setNow), []);
  return now;
}
