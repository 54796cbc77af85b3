// Test helpers: start a simulator per suite and call it the way a plain HTTP client would.
import { afterAll, beforeAll } from 'vitest';
import { startBitrix24Simulator, type Bitrix24Sim, type Bitrix24SimOptions } from '../index';

export interface RestReply<T = unknown> {
  status: number;
  body: T & { result?: unknown; error?: unknown; error_description?: string; total?: number; next?: number; time?: Record<string, number | string> };
  text: string;
  headers: Headers;
}

export type Json = Record<string, unknown>;

export interface CallOptions {
  /** form-encoded body instead of JSON */
  form?: string;
  /** GET with this query string */
  get?: string;
  /** override the base (e.g. an OAuth base `${url}/rest/`) */
  base?: string;
}

export async function call<T = Json>(base: string, method: string, params: Json = {}, o: CallOptions = {}): Promise<RestReply<T>> {
  const url = `${o.base ?? base}${method}`;
  let res: Response;
  if (o.get !== undefined) res = await fetch(`${url}${o.get ? `?${o.get}` : ''}`, { redirect: 'manual' });
  else if (o.form !== undefined) res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: o.form, redirect: 'manual' });
  else res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params), redirect: 'manual' });
  const text = await res.text();
  let body: RestReply<T>['body'];
  try {
    body = JSON.parse(text) as RestReply<T>['body'];
  } catch {
    body = {} as RestReply<T>['body'];
  }
  return { status: res.status, body, text, headers: res.headers };
}

/** Starts one simulator for the enclosing describe block; `api(method, params)` posts JSON to its webhook. */
export function useSim(opts: Bitrix24SimOptions = {}): { sim: () => Bitrix24Sim; api: <T = Json>(method: string, params?: Json, o?: CallOptions) => Promise<RestReply<T>> } {
  let sim: Bitrix24Sim;
  beforeAll(async () => {
    sim = await startBitrix24Simulator(opts);
  });
  afterAll(async () => {
    await sim?.close();
  });
  return { sim: () => sim, api: (method, params, o) => call(sim.webhookUrl, method, params, o) };
}

/** `result` of a successful reply, failing loudly otherwise. */
export function ok<T = unknown>(r: RestReply): T {
  if (r.status !== 200 || r.body.error !== undefined) throw new Error(`expected success, got ${r.status} ${r.text.slice(0, 300)}`);
  return r.body.result as T;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
