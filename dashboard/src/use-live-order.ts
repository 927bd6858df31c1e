// An open order page follows the order by itself: it asks again every 2 s, doubling the wait up to
// 30 s while nothing changes and back to 2 s when something does; nothing is asked while the tab
// is hidden. Plain fetches, so the page keeps `connect-src 'self'` and needs no event stream.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import type { OrderDetail } from './types.js';

const FIRST_WAIT_MS = 2_000;
const LONGEST_WAIT_MS = 30_000;

export interface LiveOrder {
  readonly detail: OrderDetail | undefined;
  readonly error: unknown;
  readonly reload: () => Promise<void>;
}

export function useLiveOrder(id: string): LiveOrder {
  const [detail, setDetail] = useState<OrderDetail | undefined>();
  const [error, setError] = useState<unknown>();
  const last = useRef('');
  const wait = useRef(FIRST_WAIT_MS);

  const load = useCallback(async () => {
    try {
      const next = await api<OrderDetail>(`orders/${encodeURIComponent(id)}`);
      const text = JSON.stringify(next);
      wait.current = text === last.current ? Math.min(wait.current * 2, LONGEST_WAIT_MS) : FIRST_WAIT_MS;
      if (text !== last.current) {
        last.current = text;
        setDetail(next);
      }
      setError(undefined);
    } catch (e) {
      wait.current = Math.min(wait.current * 2, LONGEST_WAIT_MS);
      setError(e);
    }
  }, [id]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    last.current = '';
    wait.current = FIRST_WAIT_MS;
    setDetail(undefined);
    const tick = async () => {
      if (document.visibilityState !== 'hidden') await load();
      if (!stopped) timer = setTimeout(() => void tick(), wait.current);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load]);

  const reload = useCallback(async () => {
    wait.current = FIRST_WAIT_MS;
    await load();
  }, [load]);
  return { detail, error, reload };
}
