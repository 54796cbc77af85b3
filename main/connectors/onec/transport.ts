/**
 * HTTP transport to the 1С publication: Basic auth sent as UTF-8 (ref §1.2 — Cyrillic logins fail in cp1251),
 * error mapping to OnecError (ref §1.8), content-type check (an HTML page with HTTP 200 is not OData),
 * transfer statistics, and retries for idempotent reads only — network errors and 503, never writes (ref §1.11).
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { OnecError, type OnecErrorCode } from './errors';

export interface TransportConfig {
  /** Normalised service root ending with `/odata/standard.odata/`. */
  serviceUrl: string;
  user: string;
  password: string;
}

export interface TransportDeps {
  http?: AxiosInstance;
  timeoutMs?: number;
  /** Extra attempts for idempotent reads (network errors, 503). Default 2. */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface TransferStats {
  requests: number;
  bytesIn: number;
  bytesOut: number;
  retries: number;
}

export type Accept = 'json' | 'xml' | 'any';

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  headers: Record<string, string>;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH';
  /** Relative to the service root, already encoded (see query.ts). */
  path: string;
  body?: unknown;
  accept?: Accept;
  /** Absolute URL instead of path (connection check of the publication root). */
  absoluteUrl?: string;
  /** Return non-2xx responses instead of throwing (the connection check classifies them itself). */
  raw?: boolean;
}

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

const RETRY_DELAYS_MS = [500, 1500, 4000];

export class OnecTransport {
  readonly stats: TransferStats = { requests: 0, bytesIn: 0, bytesOut: 0, retries: 0 };
  private readonly http: AxiosInstance;
  private readonly auth: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly config: TransportConfig,
    deps: TransportDeps = {},
  ) {
    this.http = deps.http ?? axios.create();
    this.auth = basicAuthHeader(config.user, config.password);
    this.timeoutMs = deps.timeoutMs ?? 60_000;
    this.retries = deps.retries ?? 2;
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get serviceUrl(): string {
    return this.config.serviceUrl;
  }

  async request(spec: RequestSpec): Promise<RawResponse> {
    const idempotent = spec.method === 'GET';
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.once(spec);
        if (!spec.raw && res.status === 503 && idempotent && attempt < this.retries) {
          await this.backoff(attempt);
          continue;
        }
        return spec.raw ? res : this.check(res, spec);
      } catch (err) {
        const mapped = err instanceof OnecError ? err : mapNetworkError(err, this.timeoutMs);
        const retriable = mapped.code === 'NETWORK' || mapped.code === 'TIMEOUT';
        if (idempotent && retriable && mapped.networkCode !== 'ENOTFOUND' && attempt < this.retries) {
          await this.backoff(attempt);
          continue;
        }
        throw mapped;
      }
    }
  }

  private async backoff(attempt: number): Promise<void> {
    this.stats.retries++;
    await this.sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
  }

  private async once(spec: RequestSpec): Promise<RawResponse> {
    const accept = spec.accept ?? 'json';
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    this.stats.requests++;
    if (body) this.stats.bytesOut += Buffer.byteLength(body);
    const res: AxiosResponse<string> = await this.http.request<string>({
      method: spec.method,
      url: spec.absoluteUrl ?? this.config.serviceUrl + spec.path,
      data: body,
      headers: {
        Authorization: this.auth,
        Accept: accept === 'json' ? 'application/json' : accept === 'xml' ? 'application/xml' : '*/*',
        ...(body ? { 'Content-Type': 'application/json;charset=utf-8' } : {}),
      },
      timeout: this.timeoutMs,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxRedirects: 0,
      // Never let axios add its own auth or proxy settings on top of ours.
      auth: undefined,
    });
    const text = typeof res.data === 'string' ? res.data : res.data == null ? '' : String(res.data);
    this.stats.bytesIn += Buffer.byteLength(text);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {})) if (v != null) headers[k.toLowerCase()] = String(v);
    return { status: res.status, contentType: headers['content-type'] ?? '', text, headers };
  }

  private check(res: RawResponse, spec: RequestSpec): RawResponse {
    if (res.status >= 200 && res.status < 300) {
      const accept = spec.accept ?? 'json';
      if (accept === 'json' && res.text !== '' && !/json/i.test(res.contentType)) throw notOdata(res);
      // OData never answers with an HTML page (CSDL is XML, $count plain text): an HTML page with HTTP 200 is the
      // login page of the web server or 1С (ref §1.2) — whatever was asked for.
      if (accept !== 'json' && /html/i.test(res.contentType)) throw notOdata(res);
      return res;
    }
    throw httpError(res);
  }
}

function notOdata(res: RawResponse): OnecError {
  const html = /html/i.test(res.contentType) || /^\s*</.test(res.text);
  return new OnecError(
    'NOT_ODATA',
    html
      ? 'Вместо ответа OData 1С (или веб-сервер перед ней) вернула HTML-страницу. Проверьте адрес публикации и что в ней включён стандартный интерфейс OData; если это страница входа — проверьте пользователя и пароль.'
      : `1С вернула ответ неожиданного вида (${res.contentType || 'без типа'}). Проверьте адрес публикации.`,
    { httpStatus: res.status },
  );
}

/** Reads `odata.error` from JSON (or `<m:error>` from XML), ref §1.8. */
export function parseODataError(text: string): { code?: string; message?: string } {
  try {
    const j = JSON.parse(text) as { 'odata.error'?: { code?: unknown; message?: { value?: unknown } | string } };
    const e = j['odata.error'];
    if (e) {
      const msg = typeof e.message === 'string' ? e.message : e.message?.value;
      return { code: e.code == null ? undefined : String(e.code), message: typeof msg === 'string' ? msg : undefined };
    }
  } catch {
    // not JSON
  }
  const code = /<(?:\w+:)?code>([^<]*)<\/(?:\w+:)?code>/.exec(text)?.[1];
  const message = /<(?:\w+:)?message[^>]*>([^<]*)<\/(?:\w+:)?message>/.exec(text)?.[1];
  return { code, message };
}

export function httpError(res: RawResponse): OnecError {
  const { code: odataCode, message: serverMessage } = parseODataError(res.text);
  const detail = serverMessage ? ` Ответ 1С: «${serverMessage}».` : '';
  const d = { httpStatus: res.status, odataCode, serverMessage };
  const make = (code: OnecErrorCode, text: string): OnecError => new OnecError(code, text + detail, d);
  // Code 20 = access rights (ref §1.8); 1С sends it with HTTP 401 (ref §1.5 allowedOnly) — a password is not the problem.
  if (res.status === 403 || odataCode === '20') return make('FORBIDDEN', 'У пользователя 1С, от имени которого работает обмен, нет прав на это действие. Добавьте ему нужные роли в 1С (Администрирование → Пользователи).');
  if (res.status === 401) return make('AUTH', '1С не приняла имя пользователя или пароль. Проверьте их в настройках подключения к 1С.');
  if (res.status === 404 || odataCode === '9') return make('NOT_FOUND', 'Объект или адрес не найден в 1С.');
  if (res.status === 503) return make('UNAVAILABLE', '1С временно недоступна (сервер занят или перезапускается). Обмен повторит попытку позже.');
  if (res.status >= 500 && odataCode === '-1') return make('BUSINESS', '1С отказалась выполнить действие.');
  if (res.status >= 500) return make('SERVER', `Сервер 1С вернул ошибку ${res.status}. Проверьте, что сервер 1С и веб-сервер работают; подробности — в журнале регистрации 1С.`);
  if (res.status >= 400) return make('BAD_REQUEST', `1С отклонила запрос (код ${res.status}${odataCode ? `, внутренний код ${odataCode}` : ''}). Вероятно, состав или имена полей в этой версии конфигурации отличаются — запустите «Проверить подключение».`);
  return make('SERVER', `Неожиданный ответ 1С: HTTP ${res.status}.`);
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

function networkCodeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function mapNetworkError(err: unknown, timeoutMs: number): OnecError {
  const networkCode = networkCodeOf(err) ?? 'UNKNOWN';
  const msg = err instanceof Error ? err.message : String(err);
  if (TIMEOUT_CODES.has(networkCode) || /timeout/i.test(msg)) {
    return new OnecError('TIMEOUT', `1С не ответила за ${Math.round(timeoutMs / 1000)} с. Сервер перегружен или недоступен по сети; обмен повторит попытку позже.`, { networkCode, cause: err });
  }
  if (DNS_CODES.has(networkCode)) {
    return new OnecError('NETWORK', 'Имя сервера 1С не найдено (DNS). Проверьте имя сервера в адресе подключения.', { networkCode, cause: err });
  }
  if (networkCode === 'ECONNREFUSED') {
    return new OnecError('NETWORK', 'Сервер 1С отказал в соединении: веб-сервер с публикацией не запущен или указан не тот порт.', { networkCode, cause: err });
  }
  return new OnecError('NETWORK', `Нет связи с сервером 1С (${networkCode}). Проверьте сеть; обмен повторит попытку позже.`, { networkCode, cause: err });
}
