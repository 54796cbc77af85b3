/**
 * THE ONE PLACE where the connector names Розница objects: entity sets, fields, predefined items and enum values.
 * Everything else (adapters, the composition check, "Проверить подключение") reads them from here, so a 2.3
 * release that differs from the 2.2.12 dump the reference was made from (ref §2 caveat) is mapped by passing
 * overrides (settings JSON) to `resolveNames`, without code changes.
 *
 * Conventions (ref §1.3–1.4): a reference field is `<Name>_Key`; a composite field is `<Name>` + `<Name>_Type`
 * (no `_Key`); enums are strings with the value name; tabular sections are arrays of rows.
 */

export const DEFAULT_NAMES = {
  /** Справочник.ФизическиеЛица — retail customers (ref §2.1). No Code; Description = full name, str(50). */
  person: {
    set: 'Catalog_ФизическиеЛица',
    comment: 'Комментарий',
    contacts: 'КонтактнаяИнформация',
    /** Employees are ФизическиеЛица too; they are left out of the exchange when this field is published. */
    employee: 'Сотрудник',
  },
  /** РегистрСведений.ФИОФизЛиц — independent, periodic (Day); dimension ФизЛицо is composite (ref §2.1). */
  personName: {
    set: 'InformationRegister_ФИОФизЛиц',
    person: 'ФизЛицо',
    lastName: 'Фамилия',
    firstName: 'Имя',
    middleName: 'Отчество',
  },
  /** Справочник.Контрагенты — legal entities (ref §2.1). */
  company: {
    set: 'Catalog_Контрагенты',
    fullName: 'НаименованиеПолное',
    inn: 'ИНН',
    kpp: 'КПП',
    legalForm: 'ЮрФизЛицо',
    legalFormDefault: 'ЮрЛицо',
    comment: 'Комментарий',
    contacts: 'КонтактнаяИнформация',
  },
  /** Rows of the КонтактнаяИнформация tabular section (ref §2.1). */
  contact: {
    type: 'Тип',
    kind: 'Вид_Key',
    presentation: 'Представление',
    phone: 'НомерТелефона',
    phoneNoCodes: 'НомерТелефонаБезКодов',
    email: 'АдресЭП',
    domain: 'ДоменноеИмяСервера',
    /** BSP 3 JSON value; written only when published (the UI reads it for editing) — format [unconf]. */
    value: 'Значение',
    typePhone: 'Телефон',
    typeEmail: 'АдресЭлектроннойПочты',
  },
  /** Справочник.ВидыКонтактнойИнформации: predefined kinds resolved by PredefinedDataName at start-up. */
  contactKinds: {
    set: 'Catalog_ВидыКонтактнойИнформации',
    personPhone: 'ТелефонФизическогоЛица',
    personEmail: 'EmailФизическогоЛица',
    companyPhone: 'ТелефонКонтрагента',
    companyEmail: 'EmailКонтрагента',
  },
  /** Справочник.ИнформационныеКарты — bonus/discount cards (ref §2.2). */
  card: {
    set: 'Catalog_ИнформационныеКарты',
    number: 'КодКарты',
    /** Composite: Контрагенты | ФизическиеЛица | Пользователи. */
    owner: 'ВладелецКарты',
    discountKind: 'ВидДисконтнойКарты_Key',
    cardType: 'ТипКарты',
    cardTypeDiscount: 'Дисконтная',
    medium: 'ВидКарты',
    mediumBarcode: 'Штриховая',
    openedAt: 'ДатаОткрытия',
  },
  discountCardKinds: { set: 'Catalog_ВидыДисконтныхКарт' },
  /** Справочник.Номенклатура (ref §2.3). */
  product: {
    set: 'Catalog_Номенклатура',
    fullName: 'НаименованиеПолное',
    article: 'Артикул',
    unit: 'ЕдиницаИзмерения_Key',
    vat: 'СтавкаНДС',
    productType: 'ТипНоменклатуры',
    productTypeService: 'Услуга',
    productTypeGoods: 'Товар',
    /** Crash-recovery marker of products created by the exchange (M3 only; Номенклатура has no Комментарий). */
    marker: 'Описание',
  },
  units: { set: 'Catalog_БазовыеЕдиницыИзмерения' },
  /** РегистрСведений.Штрихкоды — independent; Владелец composite (ref §2.3). */
  barcode: {
    set: 'InformationRegister_Штрихкоды',
    barcode: 'Штрихкод',
    owner: 'Владелец',
  },
  /** РегистрСведений.ЦеныНоменклатуры — recorder-subordinate, periodic; SliceLast on the _RecordType set (ref §1.9, §2.3). */
  price: {
    sliceSet: 'InformationRegister_ЦеныНоменклатуры_RecordType',
    priceType: 'ВидЦены_Key',
    product: 'Номенклатура_Key',
    /** A product's price is the record with an empty characteristic; variant prices are not the product's. */
    characteristic: 'Характеристика_Key',
    price: 'Цена',
  },
  priceTypes: { set: 'Catalog_ВидыЦен' },
  /** Документ.УстановкаЦенНоменклатуры — the only way prices are written (ref §2.3). */
  priceDoc: {
    set: 'Document_УстановкаЦенНоменклатуры',
    agreed: 'Согласован',
    comment: 'Комментарий',
    lines: 'Товары',
    lineProduct: 'Номенклатура_Key',
    linePriceType: 'ВидЦены_Key',
    linePrice: 'Цена',
    lineManual: 'ЦенаИзмененаВручную',
    priceTypes: 'ВидыЦен',
    priceTypesPriceType: 'ВидЦены_Key',
  },
  /** Документ.ЗаказПокупателя (ref §2.5). */
  order: {
    set: 'Document_ЗаказПокупателя',
    store: 'Магазин_Key',
    warehouse: 'Склад_Key',
    organisation: 'Организация_Key',
    company: 'Контрагент_Key',
    card: 'ДисконтнаяКарта_Key',
    /** Composite: Контрагенты | ФизическиеЛица. */
    cardOwner: 'ВладелецДисконтнойКарты',
    status: 'Статус',
    cancelled: 'Отменено',
    amount: 'СуммаДокумента',
    priceIncludesVat: 'ЦенаВключаетНДС',
    comment: 'Комментарий',
    /** Crash-recovery marker: the Bitrix24 deal id (str(11)). */
    siteNumber: 'НомерЗаказаНаСайте',
    siteDate: 'ДатаЗаказаНаСайте',
    maxLineCode: 'МаксимальныйКодСтроки',
    lines: 'Товары',
    /** Status values that end tracking of an order outside the date window. */
    closedStatuses: ['Закрыт'],
  },
  orderLine: {
    product: 'Номенклатура_Key',
    quantity: 'Количество',
    packQuantity: 'КоличествоУпаковок',
    price: 'Цена',
    amount: 'Сумма',
    vat: 'СтавкаНДС',
    vatAmount: 'СуммаНДС',
    manualDiscountPercent: 'ПроцентРучнойСкидки',
    manualDiscountAmount: 'СуммаРучнойСкидки',
    autoDiscountAmount: 'СуммаАвтоматическойСкидки',
    lineCode: 'КодСтроки',
    /** Read only to keep a row's pack consistent when the exchange changes its quantity. */
    pack: 'Упаковка_Key',
  },
  /** Payment documents (ref §2.6); all read-only. `order` = header ЗаказПокупателя_Key, `basis` = composite ДокументОснование. */
  receipt: {
    set: 'Document_ЧекККМ',
    order: 'ЗаказПокупателя_Key',
    company: 'Контрагент_Key',
    cardOwner: 'ВладелецДисконтнойКарты',
    amount: 'СуммаДокумента',
    operation: 'ВидОперации',
    operationReturn: 'Возврат',
    status: 'СтатусЧекаККМ',
    /** Statuses of a receipt that does not count (ref §2.6). */
    ineffectiveStatuses: ['Отложенный', 'Аннулированный'],
    payments: 'Оплата',
    paymentKind: 'ВидОплаты_Key',
    paymentAmount: 'Сумма',
    /** A receipt can name its order per line only (Товары.ЗаказПокупателя, ref §2.6). */
    lines: 'Товары',
    lineOrder: 'ЗаказПокупателя_Key',
  },
  cashIn: {
    set: 'Document_ПриходныйКассовыйОрдер',
    order: 'ЗаказПокупателя_Key',
    basis: 'ДокументОснование',
    company: 'Контрагент_Key',
    amount: 'СуммаДокумента',
  },
  cardPayment: {
    set: 'Document_ОплатаОтПокупателяПлатежнойКартой',
    order: 'ЗаказПокупателя_Key',
    basis: 'ДокументОснование',
    company: 'Контрагент_Key',
    amount: 'СуммаДокумента',
    done: 'ОплатаВыполнена',
  },
  bankPayment: {
    set: 'Document_РегистрацияБезналичнойОплаты',
    basis: 'ДокументОснование',
    company: 'Контрагент_Key',
    amount: 'СуммаДокумента',
  },
  paymentKinds: { set: 'Catalog_ВидыОплатЧекаККМ', type: 'ТипОплаты' },
  stores: { set: 'Catalog_Магазины' },
  organisations: { set: 'Catalog_Организации' },
  warehouses: { set: 'Catalog_Склады' },
  /** BSP's РегистрСведений.ВерсииПодсистем: optional, only to show the configuration version. */
  versions: {
    set: 'InformationRegister_ВерсииПодсистем',
    name: 'ИмяПодсистемы',
    version: 'Версия',
    isMain: 'ЭтоОсновнаяКонфигурация',
  },
  /** Enum value maps (1С value name → canonical). */
  values: {
    vat: {
      БезНДС: 'none',
      НДС0: '0',
      НДС10: '10',
      НДС18: '18',
      НДС20: '20',
      НДС10_110: '10/110',
      НДС18_118: '18/118',
      НДС20_120: '20/120',
      // 2025–2026 rates (УСН 5 % / 7 %, standard 22 % from 2026). Value names as in current 1С releases [unconf for
      // 2.3.22]: a release that names them differently is mapped here, without code changes.
      НДС5: '5',
      НДС7: '7',
      НДС22: '22',
      НДС5_105: '5/105',
      НДС7_107: '7/107',
      НДС22_122: '22/122',
    } as Record<string, string>,
    paymentType: {
      Наличные: 'cash',
      ПлатежнаяКарта: 'card',
      БанковскийКредит: 'other',
      ПодарочныйСертификат: 'certificate',
      Бонусы: 'bonus',
      ЗачетАванса: 'other',
      ВРассрочку: 'other',
    } as Record<string, string>,
  },
};

export type OnecNames = typeof DEFAULT_NAMES;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type OnecNameOverrides = DeepPartial<OnecNames>;

function merge<T>(base: T, over: unknown): T {
  if (over === undefined || over === null) return base;
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof over !== 'object' || Array.isArray(over)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = merge(out[k], v);
  return out as T;
}

/** Defaults with the administrator's overrides applied (a differing 2.3 release is mapped here). */
export function resolveNames(overrides?: OnecNameOverrides): OnecNames {
  return merge(DEFAULT_NAMES, overrides);
}

// ---------- what the mapping needs to be published ----------

export type FeatureId = 'customers' | 'cards' | 'products' | 'orders' | 'payments' | 'reference';

export interface SetRequirement {
  set: string;
  /** The set improves the exchange (e.g. lists for the mapping screen) but nothing breaks without it: a warning. */
  optionalSet?: boolean;
  /** Fields without which the feature cannot work: a missing one blocks it (FIELDS_MISSING). */
  fields: string[];
  /** Fields used when published, read as absent and not written otherwise: a missing one is a warning. */
  optionalFields?: string[];
  /** Tabular section → its row fields (the section itself is required). */
  tabular?: Record<string, string[]>;
  /** Tabular section → row fields used when published; a section listed only here is optional as a whole. */
  optionalTabular?: Record<string, string[]>;
  /** Optional field (or tabular section) → what the exchange loses without it (Russian, shown by the check). */
  degraded?: Record<string, string>;
  /** Bound functions needed on the set (SliceLast). */
  functions?: string[];
  /** Predefined items needed (PredefinedDataName). */
  predefined?: string[];
}

export interface FeatureRequirement {
  feature: FeatureId;
  /** Russian, for the UI. */
  title: string;
  sets: SetRequirement[];
}

const composite = (name: string): string[] => [name, `${name}_Type`];
const CATALOG = ['Ref_Key', 'DataVersion', 'DeletionMark', 'Description'];
const DOCUMENT = ['Ref_Key', 'DataVersion', 'DeletionMark', 'Number', 'Date', 'Posted'];

/**
 * The entity sets and fields each feature reads or writes, derived from the names so they never disagree.
 * No public 2.3 dump exists (ref §2 caveat), so only what the mapping cannot do without is required; every
 * optional field is read as absent and not written when unpublished (metadata.ts `publishedOnly`/`publishedBody`).
 */
export function requirementsFor(n: OnecNames): FeatureRequirement[] {
  const c = n.contact;
  const o = n.orderLine;
  const d = n.priceDoc;
  // Rows are matched and written by type, kind and presentation; structured columns only add detail.
  const contactRow = ['LineNumber', c.type, c.kind, c.presentation];
  const contactRowOptional = [c.phone, c.phoneNoCodes, c.email, c.domain, c.value];
  const markerLost = 'повтор записи после сбоя не найдёт уже созданного покупателя и может создать дубль (защита от дублей ослаблена)';
  return [
    {
      feature: 'customers',
      title: 'Покупатели (физические лица и контрагенты)',
      sets: [
        {
          set: n.person.set,
          fields: [...CATALOG],
          optionalFields: [
            'IsFolder', // without hierarchy there are no folders to leave out
            n.person.comment, // holds only the crash-recovery marker (marker.ts)
            n.person.employee, // employees are left out only when the flag exists
          ],
          tabular: { [n.person.contacts]: contactRow },
          optionalTabular: { [n.person.contacts]: contactRowOptional },
          degraded: { [n.person.comment]: markerLost },
        },
        // Name parts are the person's identity in Bitrix24: all required.
        { set: n.personName.set, fields: ['Period', ...composite(n.personName.person), n.personName.lastName, n.personName.firstName, n.personName.middleName] },
        {
          set: n.company.set,
          fields: [...CATALOG, n.company.inn], // ИНН identifies a company
          optionalFields: [
            'IsFolder', // as for persons
            n.company.fullName, // read falls back to Description
            n.company.kpp, // read as empty; ИП have none anyway
            n.company.legalForm, // 1С fills its default on creation
            n.company.comment, // crash-recovery marker only
          ],
          tabular: { [n.company.contacts]: contactRow },
          optionalTabular: { [n.company.contacts]: contactRowOptional },
          degraded: { [n.company.comment]: markerLost },
        },
        {
          set: n.contactKinds.set,
          fields: ['Ref_Key', 'PredefinedDataName'],
          predefined: [n.contactKinds.personPhone, n.contactKinds.personEmail, n.contactKinds.companyPhone, n.contactKinds.companyEmail],
        },
      ],
    },
    {
      feature: 'cards',
      title: 'Бонусные (дисконтные) карты',
      sets: [
        {
          set: n.card.set,
          // Number, owner and kind are what a card is to the exchange.
          fields: [...CATALOG, n.card.number, ...composite(n.card.owner), n.card.discountKind],
          optionalFields: [
            n.card.cardType, // new cards get 1С's default type
            n.card.medium, // new cards get 1С's default medium
            n.card.openedAt, // only orders several cards of one owner
          ],
          degraded: { [n.card.openedAt]: 'если у покупателя несколько карт, текущей считается карта с наибольшим номером, а не самая новая' },
        },
        // Only lists card kinds for the mapping screen; the exchange takes the kind from the settings.
        { set: n.discountCardKinds.set, fields: ['Ref_Key', 'Description'], optionalSet: true },
      ],
    },
    {
      feature: 'products',
      title: 'Товары и цены',
      sets: [
        {
          set: n.product.set,
          fields: [...CATALOG, n.product.unit, n.product.vat, n.product.productType],
          optionalFields: [
            'IsFolder', // without hierarchy there are no groups to leave out
            n.product.fullName, // read falls back to Description
            n.product.article, // a product without an article is still a product
            n.product.marker, // crash marker of M3 copies only
          ],
        },
        { set: n.units.set, fields: ['Ref_Key', 'Code', 'Description'] },
        { set: n.barcode.set, fields: [n.barcode.barcode, ...composite(n.barcode.owner)] },
        // A register without characteristics has one price per product.
        { set: n.price.sliceSet, fields: ['Period', n.price.priceType, n.price.product, n.price.price], optionalFields: [n.price.characteristic], functions: ['SliceLast'] },
        { set: n.priceTypes.set, fields: ['Ref_Key', 'Description'] },
        {
          set: d.set,
          fields: [...DOCUMENT],
          optionalFields: [
            d.agreed, // a release without the flag has no approval step
            d.comment, // holds only the retry marker of the exchange's price documents
          ],
          tabular: { [d.lines]: ['LineNumber', d.lineProduct, d.linePriceType, d.linePrice] },
          optionalTabular: {
            [d.lines]: [d.lineManual], // a UI hint only
            [d.priceTypes]: ['LineNumber', d.priceTypesPriceType], // every line names its price type already
          },
          degraded: { [d.comment]: 'повтор после сбоя может провести второй такой же документ установки цен (цена та же)' },
        },
      ],
    },
    {
      feature: 'orders',
      title: 'Заказы покупателей',
      sets: [
        {
          set: n.order.set,
          fields: [
            ...DOCUMENT, n.order.store, n.order.warehouse, n.order.organisation, n.order.company, ...composite(n.order.cardOwner),
            n.order.status, n.order.amount,
            // The Bitrix24 deal id: the only place for it, and a duplicated order is a second document with money.
            n.order.siteNumber,
          ],
          optionalFields: [
            n.order.card, // the customer is the card owner; the card only adds its discount link
            n.order.cancelled, // read as not cancelled
            n.order.priceIncludesVat, // 1С's default of the document applies
            n.order.comment, // free text
            n.order.siteDate, // informational
            n.order.maxLineCode, // kept consistent only when published
          ],
          tabular: {
            [n.order.lines]: ['LineNumber', o.product, o.quantity, o.price, o.amount, o.vat, o.manualDiscountAmount],
          },
          optionalTabular: {
            [n.order.lines]: [
              o.packQuantity, // the exchange counts in base units
              o.vatAmount, // derived from amount and rate
              o.manualDiscountPercent, // derived from the discount amount
              o.autoDiscountAmount, // the exchange writes no automatic discounts; read as 0
              o.lineCode, // line keys are kept only when published
              o.pack, // read only to keep a row's pack consistent
            ],
          },
          degraded: {
            [n.order.cancelled]: 'отмена заказа не передаётся',
            [n.order.comment]: 'комментарий заказа не передаётся',
          },
        },
      ],
    },
    {
      feature: 'payments',
      title: 'Оплаты',
      sets: [
        {
          set: n.receipt.set,
          fields: [...DOCUMENT, n.receipt.order, n.receipt.company, n.receipt.amount, n.receipt.operation],
          optionalFields: [
            ...composite(n.receipt.cardOwner), // the customer then comes from Контрагент; the order link is what counts
            n.receipt.status, // without it every posted receipt counts
          ],
          tabular: { [n.receipt.payments]: ['LineNumber', n.receipt.paymentKind, n.receipt.paymentAmount] },
          optionalTabular: { [n.receipt.lines]: [n.receipt.lineOrder] },
          degraded: { [n.receipt.status]: 'отложенные и аннулированные чеки будут считаться оплатой' },
        },
        { set: n.cashIn.set, fields: [...DOCUMENT, n.cashIn.order, ...composite(n.cashIn.basis), n.cashIn.company, n.cashIn.amount] },
        {
          set: n.cardPayment.set,
          fields: [...DOCUMENT, n.cardPayment.order, ...composite(n.cardPayment.basis), n.cardPayment.company, n.cardPayment.amount],
          optionalFields: [n.cardPayment.done], // without it a posted card payment counts
        },
        { set: n.bankPayment.set, fields: [...DOCUMENT, ...composite(n.bankPayment.basis), n.bankPayment.company, n.bankPayment.amount] },
        { set: n.paymentKinds.set, fields: ['Ref_Key', 'Description', n.paymentKinds.type] },
      ],
    },
    {
      feature: 'reference',
      title: 'Справочные данные (магазины, организации, склады)',
      sets: [
        { set: n.stores.set, fields: ['Ref_Key', 'Description'] },
        { set: n.organisations.set, fields: ['Ref_Key', 'Description'] },
        { set: n.warehouses.set, fields: ['Ref_Key', 'Description'] },
      ],
    },
  ];
}
