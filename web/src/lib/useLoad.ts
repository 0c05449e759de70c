import { useCallback, useEffect, useRef, useState } from 'react';

export type Load<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => Promise<void> };

/** Loads data for the current inputs; a newer load wins over an older one still in flight. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], enabled = true): Load<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined, error: undefined, loading: enabled,
  });
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useCallback(async () => {
    const mine = ++generation.current;
    setState(s => ({ ...s, loading: true, error: undefined }));
    try {
      const data = await loader.current();
      if (mine === generation.current) setState({ data, error: undefined, loading: false });
    } catch (error) {
      if (mine === generation.current) setState(s => ({ ...s, error, loading: false }));
    }
  }, []);

  useEffect(() => {
    if (enabled) void run();
    else setState({ data: undefined, error: undefined, loading: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, run, ...deps]);

  return { ...state, reload: run };
}
