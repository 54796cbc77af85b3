// Reading and coercing CRM field values, including computed ones (company CONTACT_IDS, HAS_PHONE…).
import { parseDateInput, startOfDay } from '../core/dates';
import { asList, isYes, toInt, toNum, toStr } from '../core/params';
import type { PortalState } from '../state/store';
import type { CrmKind, CrmRecord, UserField } from '../state/types';
import type { ValueKind } from '../query/filter';
import type { FieldDef, FieldKind } from './fields';

export function coerceField(kind: FieldKind, v: unknown, offset: string): unknown {
  switch (kind) {
    case 'id':
      return undefined;
    case 'int':
    case 'user':
      return toInt(v);
    case 'link': {
      const n = toInt(v);
      return n && n > 0 ? n : null;
    }
    case 'double':
      return toNum(v);
    case 'char':
      return isYes(v) ? 'Y' : 'N';
    case 'datetime':
      return parseDateInput(v, offset);
    case 'date': {
      const ms = parseDateInput(v, offset);
      return ms === null ? null : startOfDay(ms, offset);
    }
    case 'ints':
      return asList(v).map(toInt).filter((n): n is number => n !== null && n > 0);
    default:
      return toStr(v);
  }
}

export function valueKindOf(kind: FieldKind): ValueKind {
  if (kind === 'string' || kind === 'status') return 'string';
  if (kind === 'char') return 'char';
  if (kind === 'datetime' || kind === 'date') return kind;
  return 'number';
}

export function ufValueKind(uf: UserField): ValueKind {
  if (['integer', 'double', 'boolean', 'employee', 'enumeration'].includes(uf.USER_TYPE_ID)) return 'number';
  if (uf.USER_TYPE_ID === 'date' || uf.USER_TYPE_ID === 'datetime') return uf.USER_TYPE_ID;
  return 'string';
}

export function readField(state: PortalState, kind: CrmKind, rec: CrmRecord, def: FieldDef): unknown {
  if (def.name === 'ID') return rec.ID;
  if (def.name === 'HAS_PHONE') return rec.fm.some((m) => m.TYPE_ID === 'PHONE') ? 'Y' : 'N';
  if (def.name === 'HAS_EMAIL') return rec.fm.some((m) => m.TYPE_ID === 'EMAIL') ? 'Y' : 'N';
  if (kind === 'company' && def.name === 'CONTACT_IDS') {
    const ids: number[] = [];
    for (const c of state.contacts.values()) if ((c.fields.COMPANY_IDS as number[] | undefined)?.includes(rec.ID)) ids.push(c.ID);
    return ids;
  }
  return rec.fields[def.name] ?? null;
}
