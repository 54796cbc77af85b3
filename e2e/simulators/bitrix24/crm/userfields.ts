// CRM user fields (ref §4.5): crm.<entity>.userfield.add prefixes FIELD_NAME with UF_CRM_; the full name is
// ≤ 50 characters of A-Z0-9_ (≤ 20 for requisites), otherwise ERROR_CORE. Duplicates are refused too.
import { restErrors } from '../core/errors';
import { asList, isRecord, isYes, toInt, toNum, toStr, yn } from '../core/params';
import type { PortalState } from '../state/store';
import type { UserField } from '../state/types';

export const USER_TYPES = ['string', 'integer', 'double', 'boolean', 'date', 'datetime', 'enumeration', 'money', 'url', 'address', 'file', 'employee', 'crm', 'crm_status', 'iblock_element', 'iblock_section'];

export function addUserField(state: PortalState, entityId: string, fields: Record<string, unknown>, maxLen = 50): number {
  const raw = toStr(fields.FIELD_NAME ?? fields.fieldName);
  if (!raw) throw restErrors.core('FIELD_NAME is not defined.');
  // D crm-contact-userfield-add.md: lowercase is upper-cased; `X` → `UF_CRM_X`, `UF_X` → `UF_CRM_X`, `UF_CRM_X` kept.
  const up = raw.toUpperCase();
  const name = up.startsWith('UF_CRM_') ? up : up.startsWith('UF_') ? `UF_CRM_${up.slice(3)}` : `UF_CRM_${up}`;
  if (!/^UF_CRM_[A-Z0-9_]+$/.test(name)) throw restErrors.core(`Invalid field name "${name}": only A-Z, 0-9 and _ are allowed.`);
  if (name.length > maxLen) throw restErrors.core(`Field name "${name}" is longer than ${maxLen} characters.`);
  const type = toStr(fields.USER_TYPE_ID ?? fields.userTypeId) ?? 'string';
  if (!USER_TYPES.includes(type)) throw restErrors.core(`Unknown user type "${type}".`);
  if (state.userFieldsOf(entityId).some((u) => u.FIELD_NAME === name)) throw restErrors.core(`Field "${name}" already exists.`);
  const label = fields.LABEL ?? fields.EDIT_FORM_LABEL ?? null;
  const id = state.nextId('userField');
  const uf: UserField = {
    ID: id,
    ENTITY_ID: entityId,
    FIELD_NAME: name,
    USER_TYPE_ID: type,
    XML_ID: toStr(fields.XML_ID) ?? null,
    SORT: toInt(fields.SORT) ?? 100,
    MULTIPLE: yn(fields.MULTIPLE),
    MANDATORY: yn(fields.MANDATORY),
    SHOW_FILTER: toStr(fields.SHOW_FILTER) ?? 'N',
    SHOW_IN_LIST: fields.SHOW_IN_LIST === undefined ? 'Y' : yn(fields.SHOW_IN_LIST),
    EDIT_IN_LIST: fields.EDIT_IN_LIST === undefined ? 'Y' : yn(fields.EDIT_IN_LIST),
    IS_SEARCHABLE: yn(fields.IS_SEARCHABLE),
    SETTINGS: isRecord(fields.SETTINGS) ? fields.SETTINGS : {},
    EDIT_FORM_LABEL: typeof label === 'string' || isRecord(label) ? label : null,
    LIST_COLUMN_LABEL: typeof label === 'string' || isRecord(label) ? label : null,
  };
  state.userFields.set(id, uf);
  return id;
}

function coerceOne(type: string, v: unknown): unknown {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'integer':
    case 'employee':
    case 'enumeration':
      return toInt(v);
    case 'double':
      return toNum(v);
    case 'boolean':
      // UF booleans are 1/0 (ref §4.3).
      return isYes(v) ? 1 : 0;
    default:
      return toStr(v) ?? JSON.stringify(v);
  }
}

export function coerceUfValue(uf: UserField, v: unknown): unknown {
  if (uf.MULTIPLE === 'Y') return asList(v).map((x) => coerceOne(uf.USER_TYPE_ID, x)).filter((x) => x !== null);
  return coerceOne(uf.USER_TYPE_ID, Array.isArray(v) ? v[0] : v);
}

export function userFieldOutput(uf: UserField): Record<string, unknown> {
  return { ...uf, ID: String(uf.ID), SORT: String(uf.SORT) };
}
