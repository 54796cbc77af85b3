import { ENUM_MAP } from '../model/enums';
import type { PropDef, SetDef } from '../model/schema';
import { errors } from '../errors';
import {
  EMPTY_DATE,
  EMPTY_REF,
  emptyValue,
  intWire,
  isGuid,
  normalizeDate,
  NS,
  typeName,
  UNDEFINED_TYPE,
  type Json,
  type Row,
} from '../edm/values';

// Converting request-body values into stored wire values, with 1С's silent hazards (ref §1.6):
// over-long strings truncated, string into Edm.Int64 ignored, bad Guid/Boolean → 400 code 1,
// non-existent GUIDs stored as broken references.

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const describe = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** 1С rounds numeric attributes to their scale on assignment. */
const roundTo = (n: number, scale: number): number => {
  const f = 10 ** scale;
  return Math.round(n * f) / f;
};

export function coerceProp(p: PropDef, v: unknown, current: Json): Json {
  if (Array.isArray(v) || isPlainObject(v)) {
    // An array/object into a scalar field fails deep inside the platform (P8 live probe: 500 code -1).
    throw errors.internal();
  }
  switch (p.kind) {
    case 'ref':
    case 'guid':
      if (v === null || v === '') return EMPTY_REF;
      if (typeof v === 'string' && isGuid(v)) return v.toLowerCase();
      throw errors.parse(describe(v), 'Edm.Guid');
    case 'composite':
      if (v === null) return '';
      return String(v);
    case 'compositeType': {
      if (v === null || v === '') return UNDEFINED_TYPE;
      const t = String(v);
      const full = t.startsWith(`${NS}.`) ? t : typeName(t);
      if (full === UNDEFINED_TYPE || p.targets === undefined || p.targets.some((x) => typeName(x) === full)) return full;
      throw errors.badValue(`${p.name}: ${t}`);
    }
    case 'string': {
      if (v === null) return '';
      const s = String(v);
      return p.maxLength ? s.slice(0, p.maxLength) : s;
    }
    case 'enum': {
      if (v === null || v === '') return '';
      const s = String(v);
      const members = ENUM_MAP.get(p.enumName ?? '')?.members ?? [];
      if (members.includes(s)) return s;
      throw errors.parse(s, `${NS}.${p.enumName}`);
    }
    case 'int':
      if (typeof v === 'number' && Number.isFinite(v)) return intWire(p, v);
      // A string into Edm.Int64 answers 200 and leaves the field unchanged (ref §1.6, P8/P9).
      return current;
    case 'double': {
      if (v === null) return 0;
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw errors.parse(describe(v), 'Edm.Double');
      return roundTo(n, p.scale ?? 0);
    }
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      throw errors.parse(describe(v), 'Edm.Boolean');
    case 'date': {
      if (v === null || v === '') return EMPTY_DATE;
      const d = typeof v === 'string' ? normalizeDate(v.replace(/Z$/, '')) : undefined;
      if (!d) throw errors.parse(describe(v), 'Edm.DateTime');
      return d;
    }
    case 'dataversion':
    case 'tabular':
      return current;
  }
}

const templates = new WeakMap<SetDef, { row: Row; tabular: string[]; composites: PropDef[] }>();

function templateOf(set: SetDef): { row: Row; tabular: string[]; composites: PropDef[] } {
  let t = templates.get(set);
  if (!t) {
    const row: Row = {};
    for (const p of set.props) row[p.name] = emptyValue(p);
    t = {
      row,
      tabular: set.props.filter((p) => p.kind === 'tabular').map((p) => p.name),
      composites: set.props.filter((p) => p.kind === 'composite'),
    };
    templates.set(set, t);
  }
  return t;
}

/** Fresh row with every property at its empty value. */
export function emptyRow(set: SetDef): Row {
  const t = templateOf(set);
  const row: Row = { ...t.row };
  for (const name of t.tabular) row[name] = [];
  return row;
}

/** Tabular section from a body array: whole-section replacement, LineNumber 1..n required (ref §1.6, P9). */
export function buildRows(ts: SetDef, v: unknown, refKey: string): Row[] {
  if (!Array.isArray(v)) throw errors.internal();
  return v.map((item, i) => {
    if (!isPlainObject(item)) throw errors.internal();
    if (!('LineNumber' in item)) throw errors.internal('Не задан номер строки табличной части.');
    const n = Number(item.LineNumber);
    if (n !== i + 1) throw errors.badValue(`LineNumber: ${describe(item.LineNumber)} (ожидается ${i + 1})`);
    const row = emptyRow(ts);
    row.Ref_Key = refKey;
    row.LineNumber = String(n);
    applyFields(ts, row, item, false);
    return row;
  });
}

const BIND_RE = /^([A-Za-z]+_[^(]+)\(guid'([^']*)'\)$/;

/** Apply body properties to a row (in place). Unknown properties are ignored (ref §1.6). */
export function applyFields(set: SetDef, row: Row, body: Record<string, unknown>, trusted: boolean): void {
  for (const [k, v] of Object.entries(body)) {
    if (k.endsWith('@odata.bind')) {
      const p = set.propMap.get(`${k.slice(0, -'@odata.bind'.length)}_Key`);
      if (!p) continue;
      const m = typeof v === 'string' ? BIND_RE.exec(v) : null;
      if (!m || !isGuid(m[2])) throw errors.parse(describe(v), 'Edm.Guid');
      row[p.name] = m[2].toLowerCase();
      continue;
    }
    const p = set.propMap.get(k);
    if (!p || p.kind === 'guid' || k === 'LineNumber') continue;
    if (p.readOnly && !trusted) continue;
    if (p.kind === 'tabular') {
      const ts = set.tabulars.get(p.name);
      if (ts) row[p.name] = buildRows(ts, v, String(row.Ref_Key));
      continue;
    }
    if (p.kind === 'dataversion' && trusted && typeof v === 'string') {
      row[p.name] = v;
      continue;
    }
    row[p.name] = coerceProp(p, v, row[p.name]);
  }
  for (const p of templateOf(set).composites) {
    if (!(p.name in body)) continue;
    const value = row[p.name];
    if (typeof value === 'string' && isGuid(value) && row[`${p.name}_Type`] === UNDEFINED_TYPE) {
      throw errors.missingValue(`${p.name}_Type`);
    }
    if (value === '' && !(`${p.name}_Type` in body)) row[`${p.name}_Type`] = UNDEFINED_TYPE;
  }
}
