import { useEffect, useRef, useState } from 'react';

/**
 * Follows `value`, but changes at most once per `intervalMs` and always
 * ends on the latest value. Used so dragging the scrollbar across a million
 * rows asks for a handful of pages rather than one per frame.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [throttled, setThrottled] = useState(value);
  const lastChange = useRef(0);

  useEffect(() => {
    if (Object.is(value, throttled)) return;
    const wait = Math.max(0, lastChange.current + intervalMs - Date.now());
    const timer = setTimeout(() => {
      lastChange.current = Date.now();
      setThrottled(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, throttled, intervalMs]);

  return throttled;
}

/** Follows `value` once it has stopped changing for `delayMs`. */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);

  return debounced;
}
