// Reference data every portal has: funnels and stages, currencies, measures (OKEI codes), VAT rates,
// price types, the CRM product catalogs, requisite presets (RU), payment systems and users.
// Shapes follow ref §5–§8.
import type { CrmStatus, DealCategory, PortalUser } from './types';

export const PRODUCT_IBLOCK_ID = 25;
export const OFFERS_IBLOCK_ID = 27;
export const BASE_PRICE_TYPE_ID = 1;

export const users: PortalUser[] = [
  { ID: 1, NAME: 'Интеграция', LAST_NAME: '1С', EMAIL: 'integration@example.ru', ADMIN: true },
  { ID: 7, NAME: 'Мария', LAST_NAME: 'Менеджерова', EMAIL: 'manager@example.ru', ADMIN: false },
];

export const dealCategories: DealCategory[] = [
  { id: 0, name: 'Общая', sort: 100, isDefault: 'Y' },
  { id: 1, name: 'Розница', sort: 200, isDefault: 'N' },
];

function stage(entity: string, cat: number, statusId: string, name: string, sort: number, sem: 'S' | 'F' | null): Omit<CrmStatus, 'ID'> {
  return { ENTITY_ID: entity, STATUS_ID: statusId, NAME: name, SORT: sort, SYSTEM: sem || sort === 10 ? 'Y' : 'N', CATEGORY_ID: cat, COLOR: sem === 'S' ? '#7BD500' : sem === 'F' ? '#FF5752' : '#39A8EF', SEMANTICS: sem };
}

/** ref §7: funnel 0 → DEAL_STAGE with bare codes; funnel N → DEAL_STAGE_N with `CN:` codes. */
export function dealStages(): Omit<CrmStatus, 'ID'>[] {
  return [
    stage('DEAL_STAGE', 0, 'NEW', 'Новая', 10, null),
    stage('DEAL_STAGE', 0, 'PREPARATION', 'Подготовка документов', 20, null),
    stage('DEAL_STAGE', 0, 'PREPAYMENT_INVOICE', 'Счёт на предоплату', 30, null),
    stage('DEAL_STAGE', 0, 'EXECUTING', 'В работе', 40, null),
    stage('DEAL_STAGE', 0, 'FINAL_INVOICE', 'Финальный счёт', 50, null),
    stage('DEAL_STAGE', 0, 'WON', 'Сделка успешна', 60, 'S'),
    stage('DEAL_STAGE', 0, 'LOSE', 'Сделка провалена', 70, 'F'),
    stage('DEAL_STAGE', 0, 'APOLOGY', 'Анализ причины провала', 80, 'F'),
    stage('DEAL_STAGE_1', 1, 'C1:NEW', 'Новый заказ', 10, null),
    stage('DEAL_STAGE_1', 1, 'C1:PREPARATION', 'Сборка', 20, null),
    stage('DEAL_STAGE_1', 1, 'C1:EXECUTING', 'Доставка', 30, null),
    stage('DEAL_STAGE_1', 1, 'C1:WON', 'Выполнен', 40, 'S'),
    stage('DEAL_STAGE_1', 1, 'C1:LOSE', 'Отменён', 50, 'F'),
  ];
}

export function otherStatuses(): Omit<CrmStatus, 'ID'>[] {
  const s = (entity: string, id: string, name: string, sort: number): Omit<CrmStatus, 'ID'> => ({ ENTITY_ID: entity, STATUS_ID: id, NAME: name, SORT: sort, SYSTEM: 'N', CATEGORY_ID: null, COLOR: '', SEMANTICS: null });
  return [
    s('CONTACT_TYPE', 'CLIENT', 'Клиенты', 10),
    s('CONTACT_TYPE', 'SUPPLIER', 'Поставщики', 20),
    s('COMPANY_TYPE', 'CUSTOMER', 'Клиент', 10),
    s('COMPANY_TYPE', 'SUPPLIER', 'Поставщик', 20),
    s('SOURCE', 'STORE', 'Магазин', 10),
    s('SOURCE', 'WEB', 'Веб-сайт', 20),
    s('DEAL_TYPE', 'SALE', 'Продажа', 10),
  ];
}

export const currencies = [
  { CURRENCY: 'RUB', AMOUNT_CNT: 1, AMOUNT: 1, SORT: 100, BASE: 'Y', FULL_NAME: 'Российский рубль', LID: 'ru', FORMAT_STRING: '# ₽', DECIMALS: 2 },
  { CURRENCY: 'USD', AMOUNT_CNT: 1, AMOUNT: 90, SORT: 200, BASE: 'N', FULL_NAME: 'Доллар США', LID: 'ru', FORMAT_STRING: '$#', DECIMALS: 2 },
  { CURRENCY: 'EUR', AMOUNT_CNT: 1, AMOUNT: 98, SORT: 300, BASE: 'N', FULL_NAME: 'Евро', LID: 'ru', FORMAT_STRING: '€#', DECIMALS: 2 },
];

export const measures = [
  { id: 5, code: '796', measureTitle: 'Штука', symbol: 'шт', symbolIntl: 'pc. 1', symbolLetterIntl: 'PCE', isDefault: 'Y' },
  { id: 1, code: '006', measureTitle: 'Метр', symbol: 'м', symbolIntl: 'm', symbolLetterIntl: 'MTR', isDefault: 'N' },
  { id: 2, code: '112', measureTitle: 'Литр', symbol: 'л', symbolIntl: 'l', symbolLetterIntl: 'LTR', isDefault: 'N' },
  { id: 3, code: '163', measureTitle: 'Грамм', symbol: 'г', symbolIntl: 'g', symbolLetterIntl: 'GRM', isDefault: 'N' },
  { id: 4, code: '166', measureTitle: 'Килограмм', symbol: 'кг', symbolIntl: 'kg', symbolLetterIntl: 'KGM', isDefault: 'N' },
  { id: 6, code: '778', measureTitle: 'Упаковка', symbol: 'упак', symbolIntl: 'pack', symbolLetterIntl: 'NMP', isDefault: 'N' },
];

export const vats = [
  { id: 1, name: 'Без НДС', rate: null, active: 'Y', sort: 100 },
  { id: 2, name: 'НДС 0%', rate: 0, active: 'Y', sort: 200 },
  { id: 3, name: 'НДС 10%', rate: 10, active: 'Y', sort: 300 },
  { id: 4, name: 'НДС 20%', rate: 20, active: 'Y', sort: 400 },
];

export const priceTypes = [
  { id: BASE_PRICE_TYPE_ID, name: 'BASE', base: 'Y', sort: 100, xmlId: 'BASE' },
  { id: 2, name: 'WHOLESALE', base: 'N', sort: 200, xmlId: 'WHOLESALE' },
];

/** ref §6: use the catalog whose productIblockId is empty; the other one holds variations. */
export const catalogs = [
  { id: PRODUCT_IBLOCK_ID, iblockId: PRODUCT_IBLOCK_ID, iblockTypeId: 'CRM_PRODUCT_CATALOG', lid: 's1', name: 'Товарный каталог CRM', productIblockId: null, skuPropertyId: null, subscription: 'N', vatId: null, yandexExport: 'N' },
  { id: OFFERS_IBLOCK_ID, iblockId: OFFERS_IBLOCK_ID, iblockTypeId: 'CRM_PRODUCT_CATALOG', lid: 's1', name: 'Товарный каталог CRM (предложения)', productIblockId: PRODUCT_IBLOCK_ID, skuPropertyId: 101, subscription: 'N', vatId: null, yandexExport: 'N' },
];

export const requisitePresets = [
  { ID: '1', ENTITY_TYPE_ID: '8', COUNTRY_ID: '1', NAME: 'Организация', ACTIVE: 'Y', XML_ID: '#CRM_REQUISITE_PRESET_DEF_RU_COMPANY#', SORT: '500' },
  { ID: '2', ENTITY_TYPE_ID: '8', COUNTRY_ID: '1', NAME: 'ИП', ACTIVE: 'Y', XML_ID: '#CRM_REQUISITE_PRESET_DEF_RU_INDIVIDUAL#', SORT: '510' },
  { ID: '3', ENTITY_TYPE_ID: '8', COUNTRY_ID: '1', NAME: 'Физ. лицо', ACTIVE: 'Y', XML_ID: '#CRM_REQUISITE_PRESET_DEF_RU_PERSON#', SORT: '520' },
];

export const paySystems = [
  { ID: '1', NAME: 'Наличные', ACTIVE: 'Y', SORT: '100', ACTION_FILE: 'cash', PSA_NAME: 'Наличные', DESCRIPTION: '', ENTITY_REGISTRY_TYPE: 'CRM_INVOICE', IS_CASH: 'Y' },
  { ID: '2', NAME: 'Банковская карта', ACTIVE: 'Y', SORT: '200', ACTION_FILE: 'yandexcheckout', PSA_NAME: 'Оплата картой', DESCRIPTION: '', ENTITY_REGISTRY_TYPE: 'ORDER', IS_CASH: 'N' },
  { ID: '3', NAME: 'Безналичный расчёт', ACTIVE: 'Y', SORT: '300', ACTION_FILE: 'bill', PSA_NAME: 'Счёт', DESCRIPTION: '', ENTITY_REGISTRY_TYPE: 'ORDER', IS_CASH: 'N' },
];
