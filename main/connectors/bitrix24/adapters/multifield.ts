/**
 * PHONE / EMAIL multifields (ref §4.2): values are changed by their ID — an element without ID is ADDED, so sending a
 * list would duplicate. "Set phones to X" = read, diff on normalised values, then update/delete by ID, add without ID.
 */
import { isObject } from '../envelope';

export interface MultiValue {
  ID: string;
  VALUE: string;
  VALUE_TYPE?: string;
  TYPE_ID?: string;
}

export type MultiOp = { ID: string; VALUE: string } | { ID: string; DELETE: 'Y' } | { VALUE: string; VALUE_TYPE: string };

export function readMultifield(v: unknown): MultiValue[] {
  const list = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
  return list.filter(isObject).map((x) => ({ ID: String(x.ID ?? ''), VALUE: String(x.VALUE ?? ''), VALUE_TYPE: x.VALUE_TYPE === undefined ? undefined : String(x.VALUE_TYPE), TYPE_ID: x.TYPE_ID === undefined ? undefined : String(x.TYPE_ID) }));
}

/**
 * Operations that turn `current` into exactly `desired` (already normalised, unique):
 * kept values are left alone (even if written differently), extra or duplicate values are reused for new ones
 * (update by ID) or deleted, the rest are added. Returns [] when nothing changes.
 */
export function planMultifield(current: MultiValue[], desired: string[], normalize: (v: string) => string, valueType = 'WORK'): MultiOp[] {
  const want = new Set(desired);
  const kept = new Set<string>();
  const spare: MultiValue[] = [];
  for (const c of current) {
    const n = normalize(c.VALUE);
    if (n !== '' && want.has(n) && !kept.has(n)) kept.add(n);
    else spare.push(c);
  }
  const ops: MultiOp[] = [];
  const missing = desired.filter((d) => !kept.has(d));
  for (const value of missing) {
    const reuse = spare.shift();
    ops.push(reuse ? { ID: reuse.ID, VALUE: value } : { VALUE: value, VALUE_TYPE: valueType });
  }
  for (const s of spare) ops.push({ ID: s.ID, DELETE: 'Y' });
  return ops;
}
