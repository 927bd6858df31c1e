// One list from the admin API for a section of a page. An endpoint this server does not have yet
// (404, or a verdict it does not know) reads as an empty list: the section says there is nothing.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, notAvailable } from './api.js';

export interface List<T> {
  readonly items: readonly T[] | undefined;
  readonly error: string;
  readonly reload: () => void;
}

export function useList<T>(path: string, pick: (body: Record<string, unknown>) => unknown): List<T> {
  const [items, setItems] = useState<readonly T[] | undefined>();
  const [error, setError] = useState('');
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    api<Record<string, unknown>>(path)
      .then((body) => live && setItems((pick(body) as T[] | undefined) ?? []))
      .catch((e: unknown) => {
        if (!live) return;
        if (notAvailable(e)) setItems([]);
        else setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [path, round]);
  return { items, error, reload: useCallback(() => setRound((r) => r + 1), []) };
}
