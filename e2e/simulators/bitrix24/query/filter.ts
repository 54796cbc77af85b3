// Filter engine shared by all list methods (ref §4.3). Key prefixes: `=` (default), `!`/`!=`, `>`, `>=`,
// `<`, `<=`, `@` (IN), `!@` (NOT IN), `%` (LIKE substring), `=%`/`%=` (LIKE with `%` in the value), `!%`,
// `!=%`/`!%=`. An array under `=`/`!` means IN/NOT IN (D catalog-product-list.md). Multi-valued fields
// (PHONE/EMAIL, *_IDS) match when any value matches (exact match only for multifields, ref §4.2).
// `logic: "OR"` and nested sub-filters are honoured only where the method allows them (crm.item.list).
import { parseDateInput } from '../core/dates';
import { asList, isRecord } from '../core/params';

export type ValueKind = 'number' | 'string' | 'datetime' | 'date' | 'char';

export interface FilterField<T> {
  kind: ValueKind;
  get: (row: T) => unknown;
}

export type FieldResolver<T> = (name: string) => FilterField<T> | undefined;

export interface FilterOptions {
  allowLogic: boolean;
  offset: string;
}

type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'in' | 'nin' | 'like' | 'likeRaw' | 'nlike' | 'nlikeRaw';

const PREFIXES: [string, Op][] = [
  ['!=%', 'nlikeRaw'], ['!%=', 'nlikeRaw'], ['!@', 'nin'], ['=%', 'likeRaw'], ['%=', 'likeRaw'], ['!%', 'nlike'],
  ['>=', 'ge'], ['<=', 'le'], ['!=', 'ne'], ['@', 'in'], ['>', 'gt'], ['<', 'lt'], ['=', 'eq'], ['!', 'ne'], ['%', 'like'],
];

export function splitKey(key: string): { op: Op; field: string } {
  for (const [p, op] of PREFIXES) if (key.startsWith(p)) return { op, field: key.slice(p.length) };
  return { op: 'eq', field: key };
}

const NEGATIVE: ReadonlySet<Op> = new Set(['ne', 'nin', 'nlike', 'nlikeRaw']);

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function normalise(kind: ValueKind, v: unknown, offset: string): number | string | null {
  if (isEmpty(v)) return null;
  if (kind === 'number') {
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : null;
  }
  if (kind === 'datetime' || kind === 'date') return parseDateInput(v, offset);
  if (typeof v === 'boolean') return v ? 'y' : 'n';
  return String(v).toLowerCase();
}

function likeToRegExp(pattern: string): RegExp {
  const esc = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${esc}$`, 'is');
}

function cmpScalar(op: Op, rowV: number | string | null, fv: unknown, kind: ValueKind, offset: string): boolean {
  switch (op) {
    case 'eq':
    case 'ne': {
      const target = normalise(kind, fv, offset);
      return rowV === target;
    }
    case 'in':
    case 'nin':
      return asList(fv).some((x) => normalise(kind, x, offset) === rowV);
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le': {
      const target = normalise(kind, fv, offset);
      if (rowV === null || target === null) return false;
      if (op === 'gt') return rowV > target;
      if (op === 'ge') return rowV >= target;
      if (op === 'lt') return rowV < target;
      return rowV <= target;
    }
    case 'like':
    case 'nlike':
      return rowV !== null && String(rowV).includes(String(fv ?? '').toLowerCase());
    case 'likeRaw':
    case 'nlikeRaw':
      return rowV !== null && likeToRegExp(String(fv ?? '').toLowerCase()).test(String(rowV));
  }
}

function matchField<T>(row: T, op: Op, field: FilterField<T>, fv: unknown, offset: string): boolean {
  const raw = field.get(row);
  const values = (Array.isArray(raw) ? raw : [raw]).map((v) => normalise(field.kind, v, offset));
  const positiveOp: Op = op === 'ne' ? 'eq' : op === 'nin' ? 'in' : op === 'nlike' ? 'like' : op === 'nlikeRaw' ? 'likeRaw' : op;
  // `=` / `!` with an array value means IN / NOT IN.
  const effOp: Op = positiveOp === 'eq' && Array.isArray(fv) ? 'in' : positiveOp;
  let hit: boolean;
  if (values.length === 0 || (values.length === 1 && values[0] === null)) {
    hit = (effOp === 'eq' && isEmpty(fv)) || (effOp === 'in' && asList(fv).some(isEmpty));
  } else {
    hit = values.some((v) => cmpScalar(effOp, v, fv, field.kind, offset));
  }
  return NEGATIVE.has(op) ? !hit : hit;
}

export function compileFilter<T>(filter: unknown, resolve: FieldResolver<T>, opts: FilterOptions): (row: T) => boolean {
  if (!isRecord(filter)) return () => true;
  const logic = opts.allowLogic && String(filter.logic ?? 'AND').toUpperCase() === 'OR' ? 'OR' : 'AND';
  const tests: ((row: T) => boolean)[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key.toLowerCase() === 'logic') continue;
    const { op, field } = splitKey(key);
    const def = resolve(field);
    if (def) {
      // catalog property filters may wrap the value: {'>=property424': {value: …}}
      const v = isRecord(value) && 'value' in value ? value.value : value;
      tests.push((row) => matchField(row, op, def, v, opts.offset));
    } else if (opts.allowLogic && isRecord(value)) {
      tests.push(compileFilter(value, resolve, opts));
    }
    // unknown fields are ignored, as the deprecated list methods do
  }
  if (tests.length === 0) return () => true;
  return logic === 'OR' ? (row) => tests.some((t) => t(row)) : (row) => tests.every((t) => t(row));
}
