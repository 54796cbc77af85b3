// Filter/order field resolvers for CRM lists: legacy names (PHONE/EMAIL exact match on any value, UF_CRM_*)
// and crm.item camelCase names (ufCrm… or original UF names).
import type { FieldResolver } from '../query/filter';
import type { PortalState } from '../state/store';
import type { CrmKind, CrmRecord } from '../state/types';
import { fieldByCamel, fieldByName, MULTIFIELD_NAMES, ufEntityId, ufToCamel } from './fields';
import { readField, ufValueKind, valueKindOf } from './values';

export function legacyResolver(state: PortalState, kind: CrmKind): FieldResolver<CrmRecord> {
  return (name) => {
    if ((MULTIFIELD_NAMES as readonly string[]).includes(name)) {
      return { kind: 'string', get: (r) => r.fm.filter((m) => m.TYPE_ID === name).map((m) => m.VALUE) };
    }
    const def = fieldByName(kind, name);
    if (def) return { kind: valueKindOf(def.kind), get: (r) => readField(state, kind, r, def) };
    const uf = state.userFieldsOf(ufEntityId(kind)).find((u) => u.FIELD_NAME === name);
    if (uf) return { kind: ufValueKind(uf), get: (r) => r.fields[uf.FIELD_NAME] };
    return undefined;
  };
}

export function itemResolver(state: PortalState, kind: CrmKind): FieldResolver<CrmRecord> {
  return (name) => {
    const def = fieldByCamel(kind, name);
    if (def) return { kind: valueKindOf(def.kind), get: (r) => readField(state, kind, r, def) };
    const uf = state.userFieldsOf(ufEntityId(kind)).find((u) => ufToCamel(u.FIELD_NAME) === name || u.FIELD_NAME === name);
    if (uf) return { kind: ufValueKind(uf), get: (r) => r.fields[uf.FIELD_NAME] };
    return undefined;
  };
}
