import type { PropDef } from '../model/schema';
import { ODataError } from '../errors';
import type { Json, Row } from '../edm/values';
import type { SetDef } from '../model/schema';

// Runtime values of $filter evaluation. Guids, dates and composite values are tagged so that
// comparisons can reproduce 1С's typing rules (ref §1.5).

export type V =
  | null
  | string
  | number
  | boolean
  | { k: 'g'; v: string; target?: string } // Edm.Guid (Ref_Key, X_Key)
  | { k: 'd'; v: string } // naive Edm.DateTime
  | { k: 'c'; v: string; type: string } // composite value + its _Type
  | { k: 'r'; v: string; type: string } // cast(guid'…','Catalog_X')
  | { k: 'rows'; rows: Row[]; set: SetDef }; // tabular section (lambda source)

export const isTagged = (v: V): v is Exclude<V, null | string | number | boolean> => typeof v === 'object' && v !== null;

/** Typed value of a stored property. */
export function typed(p: PropDef, value: Json | undefined, row: Row): V {
  if (value === undefined || value === null) return null;
  switch (p.kind) {
    case 'guid':
    case 'ref':
      return { k: 'g', v: String(value), target: p.target };
    case 'date':
      return { k: 'd', v: String(value) };
    case 'int':
      return Number(value);
    case 'double':
      return Number(value);
    case 'boolean':
      return value === true;
    case 'composite':
      return { k: 'c', v: String(value), type: String(row[`${p.name}_Type`] ?? '') };
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** String form used by string functions (substringof etc.). */
export function asString(v: V): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v.k === 'rows') return null;
  return v.v;
}

/** `Ref_Key gt guid'…'` → 500 (ref §1.5, cdc-1c live note). */
export const guidOrderingError = (): ODataError =>
  new ODataError(500, '-1', 'Нельзя сравнивать поля неограниченной длины и поля несовместимых типов');

const lower = (s: string): string => s.toLowerCase();

function equal(a: V, b: V): boolean {
  if (a === null || b === null) return a === b;
  if (isTagged(a) && isTagged(b)) {
    if (a.k === 'rows' || b.k === 'rows') return false;
    if (a.k === 'c' && b.k === 'g') return false; // plain guid vs composite: always nothing (ref §1.5)
    if (a.k === 'g' && b.k === 'c') return false;
    if (a.k === 'c' && b.k === 'r') return lower(a.v) === lower(b.v) && a.type === `StandardODATA.${b.type}`;
    if (a.k === 'r' && b.k === 'c') return equal(b, a);
    if (a.k === 'c' && b.k === 'c') return lower(a.v) === lower(b.v) && a.type === b.type;
    return lower(a.v) === lower(b.v);
  }
  if (isTagged(a) || isTagged(b)) {
    const t = (isTagged(a) ? a : b) as Exclude<V, null | string | number | boolean>;
    const o = isTagged(a) ? b : a;
    if (t.k === 'rows' || typeof o !== 'string') return false;
    return lower(t.v) === lower(o);
  }
  // 1С query language compares strings case-insensitively.
  if (typeof a === 'string' && typeof b === 'string') return lower(a) === lower(b);
  return a === b;
}

function order(a: V, b: V): number | undefined {
  if (a === null || b === null) return undefined;
  const ta = isTagged(a) ? a : undefined;
  const tb = isTagged(b) ? b : undefined;
  if ((ta && ta.k !== 'd' && ta.k !== 'c') || (tb && tb.k !== 'd' && tb.k !== 'c')) {
    if (ta?.k === 'rows' || tb?.k === 'rows') return undefined;
    throw guidOrderingError();
  }
  const va = ta ? (ta as { v: string }).v : a;
  const vb = tb ? (tb as { v: string }).v : b;
  if (typeof va === 'number' && typeof vb === 'number') return va - vb;
  if (typeof va === 'boolean' && typeof vb === 'boolean') return Number(va) - Number(vb);
  if (typeof va === 'string' && typeof vb === 'string') {
    const x = lower(va);
    const y = lower(vb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return undefined;
}

export function compare(op: string, a: V, b: V): boolean {
  switch (op) {
    case 'eq':
      return equal(a, b);
    case 'ne':
      return !equal(a, b);
    default: {
      const c = order(a, b);
      if (c === undefined) return false;
      return op === 'gt' ? c > 0 : op === 'ge' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
    }
  }
}
