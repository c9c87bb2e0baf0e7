// A tiny data hook for the app's React pages: loads whenever `deps` change, keeps the last good value while
// reloading, and drops answers that arrive after a newer request started or after unmount.
import { useEffect, useState } from 'react';

/** State of one request. */
export interface RequestState<T> {
  value?: T;
  error?: unknown;
  loading: boolean;
}

/** Runs load() whenever deps (primitives) change and returns its latest outcome. */
export function useRequest<T>(
  load: () => Promise<T>,
  deps: Array<string | number | boolean | undefined>
): RequestState<T> {
  const key = JSON.stringify(deps);
  const [state, setState] = useState<{ key?: string; value?: T; error?: unknown }>({});
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setState({ key, value }),
      (error: unknown) => current && setState((s) => ({ key, value: s.value, error }))
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` is what identifies the request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { value: state.value, error: state.key === key ? state.error : undefined, loading: state.key !== key };
}
