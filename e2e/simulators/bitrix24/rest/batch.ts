// `batch` (ref §3.4): ≤ 50 commands ("method?query-string", as an object or an array), run in order, not
// atomic; `halt` stops at the first failure; nested batch refused; the whole batch is ONE request for the
// rate limit. Billing follows `batchBilling` (ref §3.2 Disagreement): 'submethods' bills each sub-call to
// its own method (the outer batch reads 0); 'batch' bills the sum to `batch` and sub-calls read 0.
import { timeInfo } from '../core/envelope';
import { restErrors, type RestError } from '../core/errors';
import { isYes, param, type Params } from '../core/params';
import { parseQueryString } from '../core/query-string';
import { BATCH_METHOD } from '../methods/registry';
import { REQUEST_TIME_CAP_SEC } from '../options';
import type { Portal } from '../runtime/portal';
import { invoke, isBlocked, resolveMethod, type Identity } from './invoke';
import { errorOutcome, gatewayTimeout, type Outcome } from './outcome';
import { substitute, type BatchResults } from './references';

export const MAX_BATCH = 50;

function commands(raw: unknown): { entries: [string, unknown][]; isArray: boolean } {
  if (Array.isArray(raw)) return { entries: raw.map((v, i) => [String(i), v]), isArray: true };
  if (raw && typeof raw === 'object') {
    const entries = Object.entries(raw as Record<string, unknown>);
    // form bodies turn cmd[0]=…&cmd[1]=… into an array already; keep objects with numeric keys as objects
    return { entries, isArray: false };
  }
  return { entries: [], isArray: false };
}

/** PHP's json_encode: an empty map is `[]`, a list with keys 0..n-1 is an array. */
function pack(map: Record<string, unknown>, isArray: boolean): unknown {
  const keys = Object.keys(map);
  if (keys.length === 0) return [];
  if (isArray && keys.every((k, i) => k === String(i))) return keys.map((k) => map[k]);
  return map;
}

const errObj = (e: RestError): Record<string, unknown> => ({ error: e.code, error_description: e.description });

export function runBatch(portal: Portal, identity: Identity, params: Params, startMs: number): Outcome {
  const { entries, isArray } = commands(param(params, 'cmd'));
  if (entries.length > MAX_BATCH) return errorOutcome(restErrors.batchLength());
  const billToBatch = portal.config.batchBilling === 'batch';
  if (billToBatch && isBlocked(portal, identity, BATCH_METHOD)) return errorOutcome(restErrors.operationTimeLimit());
  const halt = isYes(param(params, 'halt'));
  const r: BatchResults = { result: {}, result_error: {}, result_total: {}, result_next: {}, result_time: {} };
  const tz = portal.config.timezone;
  let spent = 0;
  for (const [key, cmd] of entries) {
    const text = typeof cmd === 'string' ? cmd : '';
    const q = text.indexOf('?');
    const method = (q >= 0 ? text.slice(0, q) : text).trim();
    const subStart = portal.clock.nowMs();
    let failure: RestError | undefined;
    try {
      if (method.toLowerCase() === BATCH_METHOD) throw restErrors.batchMethodNotAllowed();
      const def = resolveMethod(portal, method);
      if (!billToBatch && isBlocked(portal, identity, def.name)) throw restErrors.operationTimeLimit();
      const subParams = substitute(parseQueryString(q >= 0 ? text.slice(q + 1) : ''), r) as Params;
      const inv = invoke(portal, identity, def, subParams);
      spent += inv.cost;
      if (!billToBatch) portal.meter.charge(identity.credential, def.name, inv.cost);
      const st = portal.meter.status(identity.credential, def.name);
      r.result_time[key] = timeInfo({ startMs: subStart, processing: inv.cost, operating: billToBatch ? 0 : st.operating, operatingResetAtMs: st.resetAtMs, offset: tz });
      if (inv.error) failure = inv.error;
      else if (inv.output) {
        r.result[key] = inv.output.result;
        if (inv.output.total !== undefined) r.result_total[key] = inv.output.total;
        if (inv.output.next !== undefined) r.result_next[key] = inv.output.next;
      }
    } catch (e) {
      failure = e as RestError;
    }
    if (failure) r.result_error[key] = errObj(failure);
    if (spent > REQUEST_TIME_CAP_SEC) break;
    if (failure && halt) break;
  }
  if (billToBatch) portal.meter.charge(identity.credential, BATCH_METHOD, spent);
  if (spent > REQUEST_TIME_CAP_SEC) return gatewayTimeout();
  const st = portal.meter.status(identity.credential, BATCH_METHOD);
  const result = {
    result: pack(r.result, isArray), result_error: pack(r.result_error, isArray), result_total: pack(r.result_total, isArray),
    result_next: pack(r.result_next, isArray), result_time: pack(r.result_time, isArray),
  };
  const time = timeInfo({ startMs, processing: spent, operating: billToBatch ? st.operating : 0, operatingResetAtMs: st.resetAtMs, offset: tz });
  return { kind: 'json', status: 200, body: { result, time } };
}
