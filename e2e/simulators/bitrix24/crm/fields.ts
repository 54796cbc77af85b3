// Field registry of the CRM entities: legacy name ↔ crm.item camelCase name (ref §4.1 table, §5, §7),
// semantic type (drives coercion, filtering, output) and the Bitrix type shown by *.fields.
import type { CrmKind } from '../state/types';

export type FieldKind = 'id' | 'int' | 'link' | 'user' | 'double' | 'string' | 'char' | 'datetime' | 'date' | 'status' | 'ints';

export interface FieldDef {
  name: string;
  camel: string;
  kind: FieldKind;
  bxType: string;
  title: string;
  readOnly?: boolean;
  required?: boolean;
}

const f = (name: string, camel: string, kind: FieldKind, bxType: string, title: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, camel, kind, bxType, title, ...extra });

const common: FieldDef[] = [
  f('ID', 'id', 'id', 'integer', 'ID', { readOnly: true }),
  f('ASSIGNED_BY_ID', 'assignedById', 'user', 'user', 'Ответственный'),
  f('CREATED_BY_ID', 'createdBy', 'user', 'user', 'Кем создана', { readOnly: true }),
  f('MODIFY_BY_ID', 'updatedBy', 'user', 'user', 'Кем изменена', { readOnly: true }),
  f('DATE_CREATE', 'createdTime', 'datetime', 'datetime', 'Дата создания', { readOnly: true }),
  f('DATE_MODIFY', 'updatedTime', 'datetime', 'datetime', 'Дата изменения', { readOnly: true }),
  f('OPENED', 'opened', 'char', 'char', 'Доступен для всех'),
  f('COMMENTS', 'comments', 'string', 'string', 'Комментарий'),
  f('SOURCE_ID', 'sourceId', 'status', 'crm_status', 'Источник'),
  f('ORIGINATOR_ID', 'originatorId', 'string', 'string', 'Внешний источник'),
  f('ORIGIN_ID', 'originId', 'string', 'string', 'Идентификатор элемента во внешнем источнике'),
  f('ORIGIN_VERSION', 'originVersion', 'string', 'string', 'Версия оригинала'),
];

const contact: FieldDef[] = [
  ...common,
  f('NAME', 'name', 'string', 'string', 'Имя'),
  f('SECOND_NAME', 'secondName', 'string', 'string', 'Отчество'),
  f('LAST_NAME', 'lastName', 'string', 'string', 'Фамилия'),
  f('POST', 'post', 'string', 'string', 'Должность'),
  f('TYPE_ID', 'typeId', 'status', 'crm_status', 'Тип контакта'),
  f('BIRTHDATE', 'birthdate', 'date', 'date', 'Дата рождения'),
  f('COMPANY_ID', 'companyId', 'link', 'crm_company', 'Компания'),
  f('COMPANY_IDS', 'companyIds', 'ints', 'crm_company', 'Компании'),
  f('EXPORT', 'export', 'char', 'char', 'Участвует в экспорте'),
  f('HAS_PHONE', 'hasPhone', 'char', 'char', 'Задан телефон', { readOnly: true }),
  f('HAS_EMAIL', 'hasEmail', 'char', 'char', 'Задан e-mail', { readOnly: true }),
];

const company: FieldDef[] = [
  ...common,
  f('TITLE', 'title', 'string', 'string', 'Название компании', { required: true }),
  f('COMPANY_TYPE', 'typeId', 'status', 'crm_status', 'Тип компании'),
  f('INDUSTRY', 'industry', 'status', 'crm_status', 'Сфера деятельности'),
  f('REVENUE', 'revenue', 'double', 'double', 'Годовой оборот'),
  f('CURRENCY_ID', 'currencyId', 'string', 'crm_currency', 'Валюта'),
  f('IS_MY_COMPANY', 'isMyCompany', 'char', 'char', 'Моя компания'),
  f('CONTACT_IDS', 'contactIds', 'ints', 'crm_contact', 'Контакты'),
  f('HAS_PHONE', 'hasPhone', 'char', 'char', 'Задан телефон', { readOnly: true }),
  f('HAS_EMAIL', 'hasEmail', 'char', 'char', 'Задан e-mail', { readOnly: true }),
];

const deal: FieldDef[] = [
  ...common,
  f('TITLE', 'title', 'string', 'string', 'Название'),
  f('TYPE_ID', 'typeId', 'status', 'crm_status', 'Тип'),
  f('CATEGORY_ID', 'categoryId', 'int', 'crm_category', 'Направление'),
  f('STAGE_ID', 'stageId', 'status', 'crm_status', 'Стадия сделки'),
  f('STAGE_SEMANTIC_ID', 'stageSemanticId', 'string', 'string', 'Группа стадий', { readOnly: true }),
  f('CURRENCY_ID', 'currencyId', 'string', 'crm_currency', 'Валюта'),
  f('OPPORTUNITY', 'opportunity', 'double', 'double', 'Сумма'),
  f('IS_MANUAL_OPPORTUNITY', 'isManualOpportunity', 'char', 'char', 'Сумма заполняется вручную'),
  f('TAX_VALUE', 'taxValue', 'double', 'double', 'Ставка налога'),
  f('CONTACT_ID', 'contactId', 'link', 'crm_contact', 'Контакт'),
  f('CONTACT_IDS', 'contactIds', 'ints', 'crm_contact', 'Контакты'),
  f('COMPANY_ID', 'companyId', 'link', 'crm_company', 'Компания'),
  f('BEGINDATE', 'begindate', 'date', 'date', 'Дата начала'),
  f('CLOSEDATE', 'closedate', 'date', 'date', 'Предполагаемая дата закрытия'),
  f('CLOSED', 'closed', 'char', 'char', 'Сделка закрыта', { readOnly: true }),
  f('PROBABILITY', 'probability', 'int', 'integer', 'Вероятность'),
  f('MOVED_TIME', 'movedTime', 'datetime', 'datetime', 'Дата перемещения', { readOnly: true }),
  f('MOVED_BY_ID', 'movedBy', 'user', 'user', 'Кем перемещена', { readOnly: true }),
];

const registry: Record<CrmKind, FieldDef[]> = { contact, company, deal };

export const MULTIFIELD_NAMES = ['PHONE', 'EMAIL', 'WEB', 'IM'] as const;

export function fieldDefs(kind: CrmKind): FieldDef[] {
  return registry[kind];
}

export function fieldByName(kind: CrmKind, name: string): FieldDef | undefined {
  return registry[kind].find((d) => d.name === name);
}

export function fieldByCamel(kind: CrmKind, camel: string): FieldDef | undefined {
  return registry[kind].find((d) => d.camel === camel);
}

export function hasMultifields(kind: CrmKind): boolean {
  return kind !== 'deal';
}

/** ENTITY_ID of user fields (ref §4.5). */
export function ufEntityId(kind: CrmKind): string {
  return kind === 'contact' ? 'CRM_CONTACT' : kind === 'company' ? 'CRM_COMPANY' : 'CRM_DEAL';
}

/**
 * crm.item UF names (D crm-item-get.md): `UF_CRM_BONUS_CARD` → `ufCrmBonusCard`,
 * `UF_CRM_1720019876534` → `ufCrm_1720019876534`, `UF_CRM_2_1639669411830` → `ufCrm2_1639669411830`.
 */
export function ufToCamel(name: string): string {
  const m = /^UF_CRM_(\d+)_(.*)$/.exec(name);
  const head = m ? `ufCrm${m[1]}` : 'ufCrm';
  const rest = m ? m[2] : name.replace(/^UF_CRM_?/, '');
  let out = head;
  for (const part of rest.split('_').filter(Boolean)) {
    out += /^\d/.test(part) ? `_${part}` : part[0].toUpperCase() + part.slice(1).toLowerCase();
  }
  return out;
}
