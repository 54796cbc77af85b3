/**
 * One-time set-up of the portal for the exchange: the bonus-card user field on contacts and companies
 * (`crm.<entity>.userfield.add`, ref §4.5) and the dictionaries the adapters translate with (catalog, base price
 * type, measures, VAT rates, requisite presets — ref §5, §6).
 */
import type { Bitrix24Client } from '../client';
import { isObject } from '../envelope';
import { Bitrix24Error } from '../errors';
import type { Bitrix24AdapterOptions } from './options';

export interface PortalSetup {
  iblockId: number;
  priceTypeId: number;
  /** measure id ↔ OKEI code / symbol */
  measures: { id: number; code: string; symbol: string; isDefault: boolean }[];
  /** VAT id ↔ rate (null = без НДС) */
  vats: { id: number; rate: number | null }[];
  /** requisite presets: company (Организация), individual entrepreneur (ИП) */
  presets: { company?: number; individual?: number };
  /** user fields that had to be created now */
  createdFields: string[];
}

const rows = (v: unknown, key?: string): Record<string, unknown>[] => {
  const list = key ? (isObject(v) ? v[key] : undefined) : v;
  return Array.isArray(list) ? list.filter(isObject) : [];
};

export async function ensureSetup(client: Bitrix24Client, options: Bitrix24AdapterOptions): Promise<PortalSetup> {
  const field = options.bonusCardField;
  if (!/^UF_CRM_[A-Z0-9_]+$/.test(field) || field.length > 50) {
    throw new Bitrix24Error({ code: 'VALIDATION', message: `bad user field name ${field}`, userMessage: `Имя поля бонусной карты «${field}» недопустимо: нужно UF_CRM_ и латинские заглавные буквы, цифры или «_», не длиннее 50 символов. Исправьте его в настройках.` });
  }
  const res = await client.batch({
    cuf: { method: 'crm.contact.userfield.list', params: { filter: { FIELD_NAME: field } } },
    kuf: { method: 'crm.company.userfield.list', params: { filter: { FIELD_NAME: field } } },
    cat: { method: 'catalog.catalog.list', params: {} },
    pt: { method: 'catalog.priceType.list', params: {} },
    me: { method: 'catalog.measure.list', params: {} },
    vat: { method: 'catalog.vat.list', params: {} },
    pre: { method: 'crm.requisite.preset.list', params: {} },
  });
  const get = (k: string): unknown => {
    const o = res[k];
    if (!o.ok) throw o.error;
    return o.result;
  };

  const createdFields: string[] = [];
  for (const [key, entity] of [['cuf', 'contact'], ['kuf', 'company']] as const) {
    if (rows(get(key)).some((u) => u.FIELD_NAME === field)) continue;
    await client.call(`crm.${entity}.userfield.add`, {
      fields: { FIELD_NAME: field.replace(/^UF_CRM_/, ''), USER_TYPE_ID: 'string', XML_ID: field, LABEL: 'Бонусная карта', MULTIPLE: 'N', SHOW_FILTER: 'Y', MANDATORY: 'N' },
    });
    createdFields.push(`${entity}.${field}`);
  }

  const catalogs = rows(get('cat'), 'catalogs');
  const iblockId = options.product.iblockId ?? Number(catalogs.find((c) => !c.productIblockId)?.iblockId ?? catalogs.find((c) => !c.productIblockId)?.id ?? 0);
  const priceTypes = rows(get('pt'), 'priceTypes');
  const priceTypeId = options.product.priceTypeId ?? Number(priceTypes.find((p) => p.base === 'Y')?.id ?? 0);
  if (!iblockId || !priceTypeId) {
    throw new Bitrix24Error({ code: 'METHOD_ERROR', message: 'catalog or base price type not found', userMessage: 'В Битрикс24 не найден товарный каталог CRM или базовый тип цены. Проверьте, что на портале включён раздел «Каталог» (CRM → Товары), и повторите.' });
  }
  const presets = rows(get('pre'));
  const presetByXml = (x: string): number | undefined => {
    const p = presets.find((r) => String(r.XML_ID ?? '').includes(x));
    return p ? Number(p.ID) : undefined;
  };
  return {
    iblockId,
    priceTypeId,
    measures: rows(get('me'), 'measures').map((m) => ({ id: Number(m.id), code: String(m.code ?? ''), symbol: String(m.symbol ?? m.measureTitle ?? ''), isDefault: m.isDefault === 'Y' })),
    vats: rows(get('vat'), 'vats').map((v) => ({ id: Number(v.id), rate: v.rate === null || v.rate === undefined || v.rate === '' ? null : Number(v.rate) })),
    presets: { company: options.requisites.presetId ?? presetByXml('RU_COMPANY') ?? (presets[0] ? Number(presets[0].ID) : undefined), individual: presetByXml('RU_INDIVIDUAL') },
    createdFields,
  };
}
