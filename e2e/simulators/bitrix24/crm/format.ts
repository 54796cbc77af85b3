// Output of CRM records: legacy (UPPER_CASE, values as strings, bare lists) and crm.item (camelCase, typed).
// Select rules (ref §4.2): legacy `*` = base fields only — PHONE/EMAIL/WEB/IM and UF_* must be listed
// (`UF_*` = all user fields); crm.item returns `fm` only with select ["*"] (an empty select counts as "*").
import { formatIso } from '../core/dates';
import type { PortalState } from '../state/store';
import type { CrmKind, CrmRecord, MultifieldType } from '../state/types';
import { fieldDefs, hasMultifields, MULTIFIELD_NAMES, ufEntityId, ufToCamel, type FieldDef } from './fields';
import { itemFmValue, legacyFmValue } from './multifields';
import { readField } from './values';

const ENTITY_TYPE_ID: Record<CrmKind, number> = { deal: 2, contact: 3, company: 4 };

function legacyValue(def: FieldDef, v: unknown, tz: string): unknown {
  if (v === null || v === undefined) return def.kind === 'datetime' || def.kind === 'date' ? '' : def.kind === 'ints' ? [] : null;
  switch (def.kind) {
    case 'datetime':
    case 'date':
      return formatIso(v as number, tz);
    case 'double':
      return (v as number).toFixed(2);
    case 'ints':
      return (v as number[]).map(String);
    default:
      return String(v);
  }
}

function itemValue(def: FieldDef, v: unknown, tz: string): unknown {
  if (v === null || v === undefined) return def.kind === 'link' ? 0 : def.kind === 'ints' ? [] : null;
  if (def.kind === 'datetime' || def.kind === 'date') return formatIso(v as number, tz);
  return v;
}

function ufLegacy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? String(x) : x));
  return typeof v === 'number' ? String(v) : (v ?? null);
}

export interface LegacySelect {
  base: boolean;
  names: Set<string>;
  allUf: boolean;
}

export function parseLegacySelect(select: unknown[] | null): LegacySelect {
  const list = (select ?? []).map(String);
  return { base: list.length === 0 || list.includes('*'), names: new Set(list), allUf: list.includes('UF_*') };
}

/** `select === null` → full record, as crm.*.get returns it (multifields only when non-empty). */
export function formatLegacy(state: PortalState, kind: CrmKind, rec: CrmRecord, tz: string, select: LegacySelect | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of fieldDefs(kind)) {
    if (select && !select.base && !select.names.has(def.name) && def.name !== 'ID') continue;
    out[def.name] = legacyValue(def, readField(state, kind, rec, def), tz);
  }
  for (const uf of state.userFieldsOf(ufEntityId(kind))) {
    if (select && !select.allUf && !select.names.has(uf.FIELD_NAME)) continue;
    out[uf.FIELD_NAME] = ufLegacy(rec.fields[uf.FIELD_NAME]);
  }
  if (hasMultifields(kind)) {
    for (const t of MULTIFIELD_NAMES) {
      const values = legacyFmValue(rec.fm, t as MultifieldType);
      if (select ? select.names.has(t) : values.length > 0) out[t] = values;
    }
  }
  return out;
}

export interface ItemSelect {
  all: boolean;
  names: Set<string>;
  allUf: boolean;
}

export function parseItemSelect(select: unknown[] | null): ItemSelect {
  const list = (select ?? []).map(String);
  const all = list.length === 0 || list.includes('*');
  return { all, names: new Set(list), allUf: all || list.some((s) => s === 'uf*' || s === 'ufCrm*' || s === 'UF_*') };
}

export function formatItem(state: PortalState, kind: CrmKind, rec: CrmRecord, tz: string, select: ItemSelect, originalUfNames = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of fieldDefs(kind)) {
    if (!select.all && !select.names.has(def.camel) && def.camel !== 'id') continue;
    out[def.camel] = itemValue(def, readField(state, kind, rec, def), tz);
  }
  for (const uf of state.userFieldsOf(ufEntityId(kind))) {
    const camel = ufToCamel(uf.FIELD_NAME);
    if (!select.allUf && !select.names.has(camel) && !select.names.has(uf.FIELD_NAME)) continue;
    out[originalUfNames ? uf.FIELD_NAME : camel] = rec.fields[uf.FIELD_NAME] ?? null;
  }
  if (select.all && hasMultifields(kind)) {
    const first = (t: string, vt?: string): string => rec.fm.find((m) => m.TYPE_ID === t && (!vt || m.VALUE_TYPE === vt))?.VALUE ?? '';
    out.phone = first('PHONE');
    out.email = first('EMAIL');
    out.phoneWork = first('PHONE', 'WORK');
    out.phoneMobile = first('PHONE', 'MOBILE');
    out.emailWork = first('EMAIL', 'WORK');
    out.emailHome = first('EMAIL', 'HOME');
    out.fm = itemFmValue(rec.fm);
  }
  if (select.all) out.entityTypeId = ENTITY_TYPE_ID[kind];
  return out;
}
