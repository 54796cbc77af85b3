// *.fields descriptions (legacy and crm.item).
import type { PortalState } from '../state/store';
import type { CrmKind } from '../state/types';
import { fieldDefs, hasMultifields, MULTIFIELD_NAMES, ufEntityId, ufToCamel } from './fields';

interface FieldInfo {
  type: string;
  isRequired: boolean;
  isReadOnly: boolean;
  isImmutable: boolean;
  isMultiple: boolean;
  isDynamic: boolean;
  title: string;
  upperName?: string;
}

export function describeFields(state: PortalState, kind: CrmKind, camel: boolean): Record<string, FieldInfo> {
  const out: Record<string, FieldInfo> = {};
  for (const d of fieldDefs(kind)) {
    out[camel ? d.camel : d.name] = { type: d.bxType, isRequired: !!d.required, isReadOnly: !!d.readOnly, isImmutable: false, isMultiple: d.kind === 'ints', isDynamic: false, title: d.title, ...(camel ? { upperName: d.name } : {}) };
  }
  if (hasMultifields(kind)) {
    if (camel) out.fm = { type: 'crm_multifield', isRequired: false, isReadOnly: false, isImmutable: false, isMultiple: true, isDynamic: false, title: 'Мультиполя' };
    else for (const m of MULTIFIELD_NAMES) out[m] = { type: 'crm_multifield', isRequired: false, isReadOnly: false, isImmutable: false, isMultiple: true, isDynamic: false, title: m };
  }
  for (const uf of state.userFieldsOf(ufEntityId(kind))) {
    out[camel ? ufToCamel(uf.FIELD_NAME) : uf.FIELD_NAME] = { type: uf.USER_TYPE_ID, isRequired: uf.MANDATORY === 'Y', isReadOnly: false, isImmutable: false, isMultiple: uf.MULTIPLE === 'Y', isDynamic: true, title: uf.FIELD_NAME, ...(camel ? { upperName: uf.FIELD_NAME } : {}) };
  }
  return out;
}
