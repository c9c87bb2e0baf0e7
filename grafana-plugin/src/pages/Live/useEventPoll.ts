// Polls the exporter's event feed (cursor polling through the plugin route; Grafana's proxy is request/response,
// so this is more dependable than holding an SSE stream open through it). Backs off while the exporter is down.
import { useEffect, useRef, useState } from 'react';
import { pollEvents } from '../../api/exporter';
import type { LiveEvent } from '../../api/types';

/** What the Live page shows. */
export interface EventFeed {
  /** Newest first, at most `keep`. */
  events: LiveEvent[];
  /** The last poll's failure; cleared by the next success. */
  error?: unknown;
  /** Date.now() of the last successful poll. */
  updatedAt?: number;
}

/** Longest wait between polls while the exporter keeps failing. */
export const MAX_BACKOFF_MS = 15_000;

/** Polls every intervalMs while enabled and not paused, keeping the newest `keep` events. */
export function useEventPoll(enabled: boolean, paused: boolean, intervalMs: number, keep: number): EventFeed {
  const [feed, setFeed] = useState<EventFeed>({ events: [] });
  const cursor = useRef<number | string>(0);
  useEffect(() => {
    if (!enabled || paused) {
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = intervalMs;
    const tick = async () => {
      try {
        const batch = await pollEvents(cursor.current);
        if (stopped) {
          return;
        }
        cursor.current = batch.cursor;
        wait = intervalMs;
        const fresh = [...batch.events].reverse();
        setFeed((f) => ({ events: [...fresh, ...f.events].slice(0, keep), updatedAt: Date.now(), error: undefined }));
      } catch (error) {
        if (stopped) {
          return;
        }
        wait = Math.min(MAX_BACKOFF_MS, wait * 2);
        setFeed((f) => ({ ...f, error }));
      }
      timer = setTimeout(tick, wait);
    };
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [enabled, paused, intervalMs, keep]);
  return feed;
}
