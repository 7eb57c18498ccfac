import { useEffect, useRef, useState } from 'react';

/** How often the page and the card ask again while a request is open. */
export const POLL_INTERVAL_MS = 10_000;

/** What {@link usePolling} has so far. */
export interface PollingState<T> {
  /** The last answer (kept while a later request fails). */
  value?: T;
  /** The last request's error; cleared by the next answer. */
  error?: Error;
  /** True until the first answer or error. */
  loading: boolean;
}

/**
 * Loads once, then again every `intervalMs` for as long as the last answer
 * asks for it (`shouldPoll`), e.g. while a request is still open. A failed
 * request keeps the last answer and is retried on the same schedule; the
 * first one failing stops. One request at a time: the next is scheduled when
 * the previous one settled. Starts over when `key` changes; stops on
 * unmount.
 */
export function usePolling<T>(options: {
  load: () => Promise<T>;
  /** What is loaded, e.g. the entity ref: a new key starts over. */
  key: string;
  intervalMs: number;
  shouldPoll: (value: T) => boolean;
}): PollingState<T> {
  const { key, intervalMs } = options;
  // The latest callbacks, without restarting the schedule on each render.
  const load = useRef(options.load);
  load.current = options.load;
  const shouldPoll = useRef(options.shouldPoll);
  shouldPoll.current = options.shouldPoll;

  const [state, setState] = useState<PollingState<T>>({ loading: true });

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let again = false;
    setState({ loading: true });

    const tick = async () => {
      try {
        const value = await load.current();
        if (cancelled) {
          return;
        }
        again = shouldPoll.current(value);
        setState({ value, loading: false });
      } catch (e) {
        if (cancelled) {
          return;
        }
        const error = e instanceof Error ? e : new Error(String(e));
        setState(previous => ({
          value: previous.value,
          error,
          loading: false,
        }));
      }
      if (again && !cancelled) {
        timer = setTimeout(tick, intervalMs);
      }
    };
    tick();

    return () => {
      cancelled = true;
      if (timer) {
        clearTimeout(timer);
      }
    };
  }, [key, intervalMs]);

  return state;
}

/** The current time, updated every `intervalMs` (for "for 3 min" and "2 min ago"). */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
