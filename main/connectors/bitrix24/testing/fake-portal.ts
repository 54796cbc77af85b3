/**
 * Test helper: a tiny programmable portal behind a fake axios instance — method handlers, `batch` with
 * `$result[...]` references, an optional request bucket. For unit tests of the client; the integration tests
 * use the real simulator (e2e/simulators/bitrix24).
 */
import qs from 'qs';
import { fakeHttp, type FakeRequest, type FakeResponse } from './fake-http';

export type MethodHandler = (params: Record<string, unknown>, req: FakeRequest) => unknown;

export class PortalFault extends Error {
  constructor(readonly response: FakeResponse) {
    super('fault');
  }
}

export interface FakePortalOptions {
  /** Refuse requests above this bucket (503 QUERY_LIMIT_EXCEEDED). */
  bucket?: { burst: number; drainPerSec: number };
}

export class FakePortal {
  readonly handlers = new Map<string, MethodHandler>();
  readonly log: FakeRequest[] = [];
  /** Sub-calls executed (method names), batch contents included. */
  readonly executed: string[] = [];
  /** Top-level hook: return a response to replace the normal answer (faults). */
  intercept: ((req: FakeRequest) => FakeResponse | undefined | Promise<FakeResponse | undefined>) | null = null;
  /** After the normal answer was computed: return a response to replace it (lost response). */
  after: ((req: FakeRequest, normal: FakeResponse) => FakeResponse | undefined) | null = null;
  /** time block per method (operating etc.). */
  time: (method: string) => Record<string, unknown> = () => ({ processing: 0.001, operating: 0, operating_reset_at: 0 });
  private level = 0;
  private levelAt = Date.now();
  rejected = 0;

  constructor(private readonly opts: FakePortalOptions = {}) {}

  on(method: string, h: MethodHandler): this {
    this.handlers.set(method, h);
    return this;
  }

  http() {
    return fakeHttp((req) => this.handle(req), this.log);
  }

  private takeBucket(): boolean {
    const b = this.opts.bucket;
    if (!b) return true;
    const now = Date.now();
    this.level = Math.max(0, this.level - ((now - this.levelAt) / 1000) * b.drainPerSec);
    this.levelAt = now;
    if (this.level + 1 > b.burst) return false;
    this.level += 1;
    return true;
  }

  private async handle(req: FakeRequest): Promise<FakeResponse> {
    const pre = await this.intercept?.(req);
    if (pre) return pre;
    if (!this.takeBucket()) {
      this.rejected++;
      return { status: 503, json: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' } };
    }
    const normal = req.method === 'batch' ? this.batch(req) : this.single(req.method, req.body, req);
    return this.after?.(req, normal) ?? normal;
  }

  private single(method: string, params: Record<string, unknown>, req: FakeRequest): FakeResponse {
    const h = this.handlers.get(method);
    if (!h) return { status: 404, json: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' } };
    try {
      this.executed.push(method);
      const result = h(params, req);
      return { json: { result, time: this.time(method) } };
    } catch (e) {
      if (e instanceof PortalFault) return e.response;
      throw e;
    }
  }

  private batch(req: FakeRequest): FakeResponse {
    const cmd = (req.body.cmd ?? {}) as Record<string, string>;
    const result: Record<string, unknown> = {};
    const resultError: Record<string, unknown> = {};
    const resultTime: Record<string, unknown> = {};
    for (const [key, line] of Object.entries(cmd)) {
      const [method, query = ''] = line.split('?');
      const resolved = query.replace(/\$result\[([^\]]+)\]((?:\[[^\]]*\])*)/g, (_m, k: string, path: string) => {
        let v: unknown = result[k];
        for (const seg of path.slice(1, -1).split('][')) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[seg];
        return v === undefined ? '' : encodeURIComponent(String(v));
      });
      const params = qs.parse(resolved, { depth: 10, arrayLimit: 1000 }) as Record<string, unknown>;
      const res = this.single(method, params, req);
      const body = ('json' in res ? res.json : undefined) as Record<string, unknown> | undefined;
      if (body && 'result' in body) {
        result[key] = body.result;
        resultTime[key] = body.time;
      } else if (body) {
        resultError[key] = { error: body.error, error_description: body.error_description };
      }
      if (req.body.halt && body && !('result' in body)) break;
    }
    return { json: { result: { result, result_error: resultError, result_total: [], result_next: [], result_time: resultTime }, time: this.time('batch') } };
  }
}
