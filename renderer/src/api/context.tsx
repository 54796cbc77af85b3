/** The ApiClient for the screens, and a hook that loads one Result. */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api';
import type { ApiError, Result } from '../../../shared/result';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() outside <ApiProvider>');
  return client;
}

export type Loadable<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: ApiError };

/** Runs `load` on mount and whenever `key` changes; `reload()` runs it again. Stale answers are dropped. */
export function useResult<T>(load: (api: ApiClient) => Promise<Result<T>>, key = ''): [Loadable<T>, () => void, (value: T) => void] {
  const api = useApi();
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    loadRef
      .current(api)
      .then((result) => {
        if (!current) return;
        setState(result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error });
      })
      .catch((error: unknown) => {
        if (!current) return;
        setState({ status: 'error', error: { code: 'INTERNAL', message: `Внутренняя ошибка интерфейса: ${String(error)}` } });
      });
    return () => {
      current = false;
    };
  }, [api, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((value: T) => setState({ status: 'ok', value }), []);
  return [state, reload, set];
}
