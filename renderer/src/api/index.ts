/**
 * Where the ApiClient comes from, so screens never know the transport: Electron's preload exposes the contract as
 * `window.api`; in a browser (headless mode) the HTTP/WebSocket transport is used with the token from the address.
 */
import type { ApiClient } from '../../../shared/api';
import { createHttpClient } from './http-client';
import { forgetToken, takeToken } from './token';

declare global {
  interface Window {
    /** Set by the Electron preload: exactly the typed contract, nothing else. */
    api?: ApiClient;
  }
}

export type Connection =
  | { kind: 'electron'; client: ApiClient }
  | { kind: 'http'; client: ApiClient }
  | { kind: 'no-token' };

export function connect(onTokenRefused: () => void): Connection {
  if (window.api) return { kind: 'electron', client: window.api };
  const token = takeToken();
  if (!token) return { kind: 'no-token' };
  return {
    kind: 'http',
    client: createHttpClient({
      token,
      onTokenRefused: () => {
        forgetToken();
        onTokenRefused();
      },
    }),
  };
}

export type { ApiClient };
