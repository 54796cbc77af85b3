/**
 * One HTTP exchange with the portal or the OAuth server, on an injected axios instance.
 * - redirects are not followed by axios (it would turn POST into GET, ref §3.3); a 301/302/307/308 is re-POSTed to Location
 *   and reported back (`movedTo`) so the caller can persist the new portal address;
 * - the body is parsed here: JSON, or flagged as HTML / non-JSON;
 * - failures below HTTP become typed, secret-free errors.
 */
import type { AxiosInstance, AxiosResponse } from 'axios';
import { Bitrix24PortalMovedError, errorFromNetwork } from './errors';

export interface TransportResponse {
  status: number;
  body: unknown;
  isJson: boolean;
  looksLikeHtml: boolean;
  /** Set when the portal redirected: the URL that finally answered. */
  movedTo?: string;
  headers: Record<string, string>;
}

export interface TransportOptions {
  http: AxiosInstance;
  timeoutMs: number;
  userAgent: string;
  maxRedirects?: number;
}

export interface RequestContext {
  /** REST method (for messages). */
  method?: string;
  /** Strings that must never appear in an error (webhook key, tokens). */
  secrets?: string[];
  timeoutMs?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class Transport {
  constructor(private readonly opts: TransportOptions) {}

  post(url: string, body: unknown, ctx: RequestContext = {}): Promise<TransportResponse> {
    return this.send('POST', url, body, ctx);
  }

  get(url: string, ctx: RequestContext = {}): Promise<TransportResponse> {
    return this.send('GET', url, undefined, ctx);
  }

  private async send(verb: 'GET' | 'POST', url: string, body: unknown, ctx: RequestContext): Promise<TransportResponse> {
    let target = url;
    let movedTo: string | undefined;
    for (let hop = 0; ; hop++) {
      const res = await this.once(verb, target, body, ctx);
      if (!REDIRECTS.has(res.status)) return { ...parse(res), movedTo };
      const location = headerOf(res, 'location');
      const next = location ? safeResolve(location, target) : null;
      if (!next || hop >= (this.opts.maxRedirects ?? 3) || !sameSchemeOrUpgrade(target, next)) {
        throw new Bitrix24PortalMovedError(next ? new URL(next).origin : '(адрес не сообщён)');
      }
      target = next;
      movedTo = next;
    }
  }

  private async once(verb: 'GET' | 'POST', url: string, body: unknown, ctx: RequestContext): Promise<AxiosResponse<string>> {
    try {
      return await this.opts.http.request<string>({
        method: verb,
        url,
        data: verb === 'POST' ? JSON.stringify(body ?? {}) : undefined,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          Accept: 'application/json',
          'User-Agent': this.opts.userAgent,
        },
        timeout: ctx.timeoutMs ?? this.opts.timeoutMs,
        maxRedirects: 0,
        responseType: 'text',
        transformResponse: [(d: unknown) => d],
        validateStatus: () => true,
      });
    } catch (err) {
      throw errorFromNetwork(err, hostOf(url), ctx.method, ctx.secrets);
    }
  }
}

function parse(res: AxiosResponse<string>): Omit<TransportResponse, 'movedTo'> {
  const text = typeof res.data === 'string' ? res.data : res.data === undefined || res.data === null ? '' : JSON.stringify(res.data);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  const trimmed = text.trimStart();
  const looksLikeHtml = /^<(!doctype|html|head|body|\?xml)/i.test(trimmed) || (headers['content-type'] ?? '').includes('text/html');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { status: res.status, body: JSON.parse(trimmed) as unknown, isJson: true, looksLikeHtml: false, headers };
    } catch {
      /* fall through: truncated or broken JSON */
    }
  }
  return { status: res.status, body: text, isJson: false, looksLikeHtml, headers };
}

function headerOf(res: AxiosResponse, name: string): string | undefined {
  const h = res.headers as Record<string, unknown> | undefined;
  const v = h?.[name] ?? h?.[name.toLowerCase()];
  return typeof v === 'string' ? v : undefined;
}

function safeResolve(location: string, base: string): string | null {
  try {
    return new URL(location, base).toString();
  } catch {
    return null;
  }
}

function sameSchemeOrUpgrade(from: string, to: string): boolean {
  const a = new URL(from).protocol;
  const b = new URL(to).protocol;
  return a === b || b === 'https:';
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(неизвестный адрес)';
  }
}
