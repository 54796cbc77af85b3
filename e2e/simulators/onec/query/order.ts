import type { Row } from '../edm/values';
import { errors } from '../errors';
import { compile, resolvePath, UnknownFieldError, type CompileContext } from './compile';
import type { OrderItem } from './parser';
import { isTagged } from './values';

// $orderby. Ordering by a reference (Ref_Key, X_Key) is 1С auto-ordering by the presentation of the
// referenced object — Description for catalogs, Date+Number for documents — not by GUID (ref §1.5).

type Key = string | number | boolean | null;

const collator = new Intl.Collator('ru', { sensitivity: 'accent' });

function presentationKey(ctx: CompileContext, target: string | undefined, key: unknown): Key {
  const row = ctx.ib.resolveRef(target, key as string);
  if (!row) return '';
  return ctx.ib.schema.get(target ?? '')?.kind === 'document'
    ? `${String(row.Date)} ${String(row.Number)}`
    : String(row.Description ?? '');
}

function keyFn(item: OrderItem, ctx: CompileContext): (row: Row) => Key {
  if (item.expr.t === 'path') {
    let resolved;
    try {
      resolved = resolvePath(item.expr.segs, ctx, new Map());
    } catch (e) {
      if (e instanceof UnknownFieldError) throw errors.segment(item.expr.segs.join('/'));
      throw e;
    }
    const { get, set, prop } = resolved;
    const p = set.propMap.get(prop);
    if (p && (p.kind === 'guid' || p.kind === 'ref')) {
      return (row) => {
        const r = get(row, new Map());
        return r ? presentationKey(ctx, p.target, r[prop]) : null;
      };
    }
  }
  let fn;
  try {
    fn = compile(item.expr, ctx);
  } catch (e) {
    if (e instanceof UnknownFieldError) throw errors.segment(e.path);
    throw e;
  }
  const env = new Map();
  return (row) => {
    const v = fn(row, env);
    if (!isTagged(v)) return v;
    return v.k === 'rows' ? null : v.v;
  };
}

function cmpKey(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : 1;
}

/**
 * Sort rows; ties are broken by `tiebreak` (the object key) so that paging over a stable $orderby
 * has no gaps or repeats (ref §1.5 "verified gap-free").
 */
export function sortRows(rows: Row[], items: OrderItem[], ctx: CompileContext, tiebreak: (r: Row) => string): Row[] {
  const fns = items.map((i) => keyFn(i, ctx));
  const decorated = rows.map((row, idx) => ({ row, idx, keys: fns.map((f) => f(row)), tie: tiebreak(row) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < fns.length; i++) {
      const c = cmpKey(a.keys[i], b.keys[i]);
      if (c !== 0) return items[i].desc ? -c : c;
    }
    return a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : a.idx - b.idx;
  });
  return decorated.map((d) => d.row);
}
