/** Shapes of the portal's answers (ref §2, §3.4). */

export interface B24Time {
  start?: number;
  finish?: number;
  duration?: number;
  processing?: number;
  date_start?: string;
  date_finish?: string;
  /** Server time of this method accumulated in the current 10-minute window, seconds (ref §3.2). */
  operating?: number;
  /** Unix time (seconds) when the next part of the operating budget frees up. */
  operating_reset_at?: number;
}

export interface B24Success<R = unknown> {
  result: R;
  time?: B24Time;
  total?: number;
  next?: number;
}

export interface B24BatchResult {
  result: Record<string, unknown> | unknown[];
  result_error: Record<string, { error: string; error_description?: string }> | unknown[];
  result_total?: Record<string, number> | unknown[];
  result_next?: Record<string, number> | unknown[];
  result_time?: Record<string, B24Time> | unknown[];
}

export interface B24ErrorBody {
  /** A name ("NOT_FOUND"), an empty string (deprecated CRM methods) or a NUMBER: `0` for the business errors of
   *  crm.item.payment.* and catalog.*, `200040300010`-style codes of catalog.* (D crm-item-payment-get.md,
   *  catalog-price-add.md, catalog-product-add.md). */
  error: string | number;
  error_description?: string;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isErrorBody(v: unknown): v is B24ErrorBody {
  return isObject(v) && (typeof v.error === 'string' || typeof v.error === 'number') && !('result' in v);
}

export function isSuccessBody(v: unknown): v is B24Success {
  return isObject(v) && 'result' in v;
}

/** PHP serialises empty maps as [] — read both as a record. */
export function asRecord<T>(v: Record<string, T> | unknown[] | undefined | null): Record<string, T> {
  if (!v) return {};
  if (Array.isArray(v)) {
    const out: Record<string, T> = {};
    v.forEach((x, i) => { out[String(i)] = x as T; });
    return out;
  }
  return v;
}
