/**
 * The headless transport: `POST /api/<service>.<method>` with `{"args":[...]}` and `Authorization: Bearer <token>`;
 * the response body is a Result. Events come over the WebSocket in event-socket.ts.
 */
import type { ApiClient } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import { buildClient } from './build-client';
import { EventSocket } from './event-socket';

export const WS_PROTOCOL_PREFIX = 'onec-b24.';

export interface HttpClientOptions {
  token: string;
  /** Called when the server refuses the token (HTTP 401/403 or a FORBIDDEN result). */
  onTokenRefused: () => void;
  origin?: string;
}

export function createHttpClient(options: HttpClientOptions): ApiClient {
  const origin = options.origin ?? window.location.origin;
  const wsUrl = origin.replace(/^http/, 'ws') + '/api/events';
  const events = new EventSocket(wsUrl, WS_PROTOCOL_PREFIX + options.token);

  async function call(channel: string, args: unknown[]): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await fetch(`${origin}/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ args }),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      return {
        ok: false,
        error: { code: 'CONNECTION', message: 'Нет связи с программой обмена. Проверьте, что она запущена, и обновите страницу.' },
      };
    }
    const body = await readJson(response);
    const refused = response.status === 401 || response.status === 403 || (isResult(body) && !body.ok && body.error.code === 'FORBIDDEN');
    if (refused) options.onTokenRefused();
    if (isResult(body)) return body;
    if (refused) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Ключ доступа не принят программой обмена.' } };
    }
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Программа обмена ответила неожиданно (HTTP ${response.status}). Подробности — в журнале.` },
    };
  }

  return buildClient(call, (event, handler) => events.on(event, handler));
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function isResult(body: unknown): body is Result<unknown> {
  if (!body || typeof body !== 'object') return false;
  const r = body as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && !!r.error && typeof r.error.code === 'string' && typeof r.error.message === 'string';
}
