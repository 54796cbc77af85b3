/**
 * The Bitrix24 REST client: one place for authentication, limits, retries and portal moves
 * (ARCHITECTURE.md convention 10: adapters never see any of it).
 *
 * Per request: operating budget (ref §3.2) → request bucket (ref §3.1) → concurrency slot → HTTP.
 * - 503 QUERY_LIMIT_EXCEEDED / 429 OPERATION_TIME_LIMIT: waited out, never failed (up to a generous bound);
 * - 503 OVERLOAD_LIMIT, PORTAL_DELETED, auth/scope/plan errors: thrown at once (no retry can help);
 * - network errors, 5xx, HTML bodies: retried with backoff + jitter — except for non-idempotent calls (creates) whose
 *   outcome is unknown: those are thrown (`outcomeUnknown`) so the caller can look the record up first (ref §11, b24jssdk #24);
 * - 401 expired_token: single-flight refresh through the auth strategy, then the call is repeated (ref §1.2);
 * - 302: re-POSTed by the transport; the new portal address is adopted and reported (ref §3.3).
 */
import type { AuthStrategy } from './auth';
import { systemClock, type Clock } from './clock';
import { encodeCommand, toJsonParams, type Params } from './encode';
import { asRecord, isErrorBody, isObject, isSuccessBody, type B24BatchResult, type B24Success, type B24Time } from './envelope';
import { Bitrix24Error, badResponseError, errorFromApi } from './errors';
import { DEFAULT_OPERATING, OperatingBudget, type Charge, type OperatingConfig } from './operating-budget';
import { PROFESSIONAL_LIMITS, RequestBucket, type BucketLimits } from './rate-limiter';
import { DEFAULT_RETRY, backoffMs, type RetryPolicy } from './retry';
import { Semaphore } from './semaphore';
import type { Transport } from './transport';

export const MAX_BATCH = 50;

export interface Command {
  method: string;
  params?: Params;
  /** Creates are not idempotent: never retried blindly (default: false for `*.add`, true otherwise). */
  idempotent?: boolean;
}

export type CommandOutcome =
  | { ok: true; result: unknown; total?: number; next?: number; time?: B24Time }
  | { ok: false; error: Bitrix24Error };

export interface ClientStats {
  requests: number;
  batches: number;
  subCalls: number;
  /** 503 QUERY_LIMIT_EXCEEDED answers. */
  bucketRejections: number;
  /** 429 OPERATION_TIME_LIMIT answers and sub-calls. */
  operatingRejections: number;
  retries: number;
  tokenRefreshes: number;
  /** Time spent waiting for the operating budget, ms. */
  operatingWaitMs: number;
}

export type LogFn = (level: 'debug' | 'info' | 'warn', message: string) => void;

export interface Bitrix24ClientOptions {
  auth: AuthStrategy;
  transport: Transport;
  clock?: Clock;
  limits?: BucketLimits;
  operating?: Partial<OperatingConfig>;
  retry?: Partial<RetryPolicy>;
  /** HTTP requests in flight at once (default 8). */
  maxConcurrency?: number;
  random?: () => number;
  /** The portal answered from a new address (renamed): persist it. */
  onPortalMoved?: (portalUrl: string) => void;
  log?: LogFn;
}

export function isIdempotentMethod(method: string): boolean {
  return !/\.add$/i.test(method);
}

export class Bitrix24Client {
  readonly auth: AuthStrategy;
  readonly bucket: RequestBucket;
  readonly operating: OperatingBudget;
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly slots: Semaphore;
  private readonly random: () => number;
  private readonly log: LogFn;
  private readonly counters = { requests: 0, batches: 0, subCalls: 0, bucketRejections: 0, operatingRejections: 0, retries: 0, tokenRefreshes: 0 };

  constructor(private readonly opts: Bitrix24ClientOptions) {
    this.auth = opts.auth;
    this.transport = opts.transport;
    this.clock = opts.clock ?? systemClock;
    this.bucket = new RequestBucket(opts.limits ?? PROFESSIONAL_LIMITS, this.clock);
    this.operating = new OperatingBudget({ ...DEFAULT_OPERATING, ...opts.operating }, this.clock);
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.slots = new Semaphore(opts.maxConcurrency ?? 8);
    this.random = opts.random ?? Math.random;
    this.log = opts.log ?? (() => undefined);
  }

  portalUrl(): string {
    return this.auth.portalUrl();
  }

  /** HTTP requests allowed in flight at once. */
  get concurrency(): number {
    return this.opts.maxConcurrency ?? 8;
  }

  stats(): ClientStats {
    return { ...this.counters, operatingWaitMs: this.operating.waitedMs };
  }

  /** Estimated server seconds of one call (learned from the portal's answers). */
  estimateCost(method: string): number {
    return this.operating.estimate(method);
  }

  /** One REST method; resolves with the whole envelope (result, total, next, time). */
  async call<R = unknown>(method: string, params: Params = {}, opts: { idempotent?: boolean } = {}): Promise<B24Success<R>> {
    const idempotent = opts.idempotent ?? isIdempotentMethod(method);
    const charges: Charge[] = [{ key: method, costSec: this.operating.estimate(method) }];
    const body = await this.execute(method, toJsonParams(params), charges, idempotent, [method]);
    this.operating.report(method, body.time);
    this.operating.observeCost(method, body.time?.processing ?? body.time?.duration);
    return body as B24Success<R>;
  }

  /**
   * One `batch` request (≤ 50 commands, ref §3.4). Whole-request failures are retried like `call`; per-command
   * failures come back as outcomes. Sub-calls refused by the operating limit are marked retryable: they did not run.
   */
  async batch(commands: Record<string, Command>, opts: { halt?: boolean } = {}): Promise<Record<string, CommandOutcome>> {
    const keys = Object.keys(commands);
    if (keys.length === 0) return {};
    if (keys.length > MAX_BATCH) throw new Error(`batch of ${keys.length} commands: at most ${MAX_BATCH} (split with BatchRunner)`);
    const cmd: Record<string, string> = {};
    const perMethod = new Map<string, number>();
    let idempotent = true;
    let total = 0;
    for (const k of keys) {
      const c = commands[k];
      cmd[k] = encodeCommand(c.method, c.params ?? {});
      const cost = this.operating.estimate(c.method);
      perMethod.set(c.method, (perMethod.get(c.method) ?? 0) + cost);
      total += cost;
      if (!(c.idempotent ?? isIdempotentMethod(c.method))) idempotent = false;
    }
    const charges: Charge[] = [{ key: 'batch', costSec: total }, ...[...perMethod].map(([key, costSec]) => ({ key, costSec }))];
    this.counters.batches++;
    this.counters.subCalls += keys.length;
    const body = await this.execute('batch', { halt: opts.halt ? 1 : 0, cmd }, charges, idempotent, [...perMethod.keys()]);
    this.operating.report('batch', body.time);
    return this.readBatch(commands, body.result as B24BatchResult);
  }

  private readBatch(commands: Record<string, Command>, raw: B24BatchResult): Record<string, CommandOutcome> {
    const results = asRecord<unknown>(raw?.result as Record<string, unknown> | unknown[]);
    const errors = asRecord<{ error: string; error_description?: string }>(raw?.result_error);
    const totals = asRecord<number>(raw?.result_total);
    const nexts = asRecord<number>(raw?.result_next);
    const times = asRecord<B24Time>(raw?.result_time);
    const out: Record<string, CommandOutcome> = {};
    for (const [key, c] of Object.entries(commands)) {
      const t = times[key];
      if (t) {
        this.operating.report(c.method, t);
        this.operating.observeCost(c.method, t.processing ?? t.duration);
      }
      const e = errors[key];
      if (e && isObject(e)) {
        const err = errorFromApi(400, String(e.error ?? ''), String(e.error_description ?? ''), c.method);
        if (err.code === 'OPERATION_LIMIT') {
          this.counters.operatingRejections++;
          this.operating.onRefused(c.method, 1);
        }
        out[key] = { ok: false, error: err };
      } else if (key in results) {
        out[key] = { ok: true, result: results[key], total: totals[key], next: nexts[key], time: t };
      } else {
        // halt=1 stopped before this command, or the portal dropped it: it did not run.
        out[key] = { ok: false, error: new Bitrix24Error({ code: 'METHOD_ERROR', retryable: true, apiError: 'BATCH_NOT_RUN', method: c.method, message: `batch: no result for ${key}`, userMessage: 'Команда пакета не была выполнена. Повторите обмен.' }) };
      }
    }
    return out;
  }

  /** Sends one HTTP request with waiting, retries and refresh; resolves with a success envelope. */
  private async execute(httpMethod: string, params: Params, charges: Charge[], idempotent: boolean, subMethods: string[]): Promise<B24Success> {
    let attempt = 0;
    let limitWaits = 0;
    let refreshes = 0;
    for (;;) {
      const releaseBudget = await this.operating.admit(charges);
      let res;
      let credVersion = 0;
      try {
        const releaseSlot = await this.slots.acquire();
        try {
          const url = await this.auth.urlFor(httpMethod);
          credVersion = this.auth.credentialVersion();
          const settle = await this.bucket.acquire();
          this.counters.requests++;
          try {
            res = await this.transport.post(url, { ...params, ...this.auth.authParams() }, { method: httpMethod, secrets: this.auth.secrets() });
          } finally {
            settle();
          }
        } finally {
          releaseSlot();
        }
      } catch (err) {
        releaseBudget();
        const e = err instanceof Bitrix24Error ? err : new Bitrix24Error({ code: 'NETWORK', message: String(err), cause: err, retryable: false, userMessage: 'Внутренняя ошибка обмена с Битрикс24. Сообщите разработчику.' });
        if (e.code === 'PORTAL_MOVED' || !e.retryable || (!idempotent && e.outcomeUnknown)) throw e;
        attempt = await this.backoffOrThrow(e, attempt);
        continue;
      }
      if (res.movedTo) this.adoptMove(res.movedTo);

      if (res.isJson && isSuccessBody(res.body) && res.status < 300) {
        releaseBudget();
        this.bucket.onAccepted();
        return res.body;
      }
      const error = res.isJson && isErrorBody(res.body)
        ? errorFromApi(res.status, String(res.body.error), String(res.body.error_description ?? ''), httpMethod)
        : badResponseError(res.status, httpMethod, res.looksLikeHtml);
      if (res.isJson && isObject(res.body) && isObject(res.body.time)) this.operating.report(httpMethod, res.body.time as B24Time);
      releaseBudget();

      const staleOAuthToken = error.code === 'AUTH_FAILED' && this.auth.kind === 'oauth' && error.apiError?.toLowerCase() === 'invalid_token';
      switch (staleOAuthToken ? 'TOKEN_EXPIRED' : error.code) {
        case 'TOKEN_EXPIRED':
          if (refreshes++ < 2 && (await this.auth.refresh(credVersion))) {
            this.counters.tokenRefreshes++;
            continue;
          }
          throw error;
        case 'QUERY_LIMIT':
          this.bucket.onRejected();
          this.counters.bucketRejections++;
          if (++limitWaits > this.retry.maxLimitWaits) throw error;
          continue;
        case 'OPERATION_LIMIT': {
          this.counters.operatingRejections++;
          const keys = httpMethod === 'batch' && this.operating.isBilled('batch') === false ? subMethods : [httpMethod];
          for (const key of keys) this.operating.onRefused(key, limitWaits);
          this.log('info', `operating limit of ${keys.join(', ')}: waiting for the portal's reset time`);
          if (++limitWaits > this.retry.maxLimitWaits) throw error;
          continue;
        }
        default:
          if (!error.retryable || (!idempotent && error.outcomeUnknown)) throw error;
          attempt = await this.backoffOrThrow(error, attempt);
      }
    }
  }

  private async backoffOrThrow(error: Bitrix24Error, attempt: number): Promise<number> {
    const next = attempt + 1;
    if (next > this.retry.maxRetries) throw error;
    this.counters.retries++;
    const wait = backoffMs(this.retry, next, this.random);
    this.log('warn', `${error.message}; retry ${next}/${this.retry.maxRetries} in ${wait} ms`);
    await this.clock.sleep(wait);
    return next;
  }

  private adoptMove(movedTo: string): void {
    const before = this.auth.portalUrl();
    this.auth.adoptPortal(movedTo);
    const after = this.auth.portalUrl();
    if (after !== before) {
      this.log('warn', `portal moved: ${before} → ${after}`);
      this.opts.onPortalMoved?.(after);
    }
  }
}
