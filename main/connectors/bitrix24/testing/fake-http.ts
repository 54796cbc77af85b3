/** Test helper: an axios instance whose adapter answers from a function (no sockets). Not used in production. */
import axios, { AxiosError, AxiosHeaders, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';

export interface FakeRequest {
  verb: string;
  url: string;
  /** REST method: the last path segment(s) after /rest/[<id>/<key>/] */
  method: string;
  body: Record<string, unknown>;
  query: URLSearchParams;
}

export type FakeResponse =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { networkError: string; message?: string };

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export function restMethodOf(url: URL): string {
  const parts = url.pathname.split('/').filter(Boolean);
  const at = parts.indexOf('rest');
  let rest = at >= 0 ? parts.slice(at + 1) : parts;
  if (rest.length >= 3 && /^\d+$/.test(rest[0])) rest = rest.slice(2);
  return rest.join('/').replace(/\.json$/, '');
}

export function fakeHttp(handler: FakeHandler, log?: FakeRequest[]): AxiosInstance {
  return axios.create({
    adapter: async (config: InternalAxiosRequestConfig) => {
      const url = new URL(config.url ?? '', config.baseURL);
      const body = typeof config.data === 'string' && config.data !== '' ? (JSON.parse(config.data) as Record<string, unknown>) : {};
      const req: FakeRequest = { verb: (config.method ?? 'get').toUpperCase(), url: url.toString(), method: restMethodOf(url), body, query: url.searchParams };
      log?.push(req);
      const res = await handler(req);
      if ('networkError' in res) throw new AxiosError(res.message ?? res.networkError, res.networkError, config);
      const text = res.text ?? (res.json === undefined ? '' : JSON.stringify(res.json));
      const status = res.status ?? 200;
      const headers = new AxiosHeaders({ 'content-type': res.text !== undefined ? 'text/html' : 'application/json', ...res.headers });
      return { data: text, status, statusText: String(status), headers, config };
    },
  });
}

/** A success envelope with a `time` block like the portal's. */
export function ok(result: unknown, extra: Record<string, unknown> = {}): FakeResponse {
  return { json: { result, time: { start: 0, finish: 0, duration: 0.01, processing: 0.01, operating: 0, operating_reset_at: 0 }, ...extra } };
}

export function apiError(status: number, error: string, description = ''): FakeResponse {
  return { status, json: { error, error_description: description } };
}
