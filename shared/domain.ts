/**
 * Canonical domain types: the one shape both connectors translate to and from.
 * Ids inside canonical records are the native ids of the system the record was read from;
 * the exchange engine translates them through links. Glossary: ../shared/glossary.md.
 */

export type SystemId = 'onec' | 'bitrix24';
export type EntityType = 'customer' | 'product' | 'order' | 'payment';

/** Customer: a person (1С Физическое лицо / Б24 Контакт) or a legal entity (1С Контрагент / Б24 Компания). */
export type CustomerKind = 'person' | 'company';

export interface Customer {
  kind: CustomerKind;
  /** Person: "Фамилия Имя Отчество"; company: its name. */
  fullName: string;
  lastName?: string;
  firstName?: string;
  middleName?: string;
  /** Normalised phones, E.164 where recognisable (see shared/normalize.ts), order kept, no duplicates. */
  phones: string[];
  /** Normalised e-mails (trimmed, lower-case), no duplicates. */
  emails: string[];
  /** Bonus / discount card number (1С ИнформационныеКарты.КодКарты ⇄ Б24 user field); null = no card. */
  cardNumber: string | null;
  /** Companies only. */
  inn?: string;
  kpp?: string;
}

/** VAT rates incl. the 2025–2026 reduced (5 %, 7 %) and new standard (22 %) rates; "20/120" = calculated rate. */
export const VAT_RATES = ['none', '0', '5', '7', '10', '18', '20', '22', '5/105', '7/107', '10/110', '18/118', '20/120', '22/122'] as const;
export type VatRate = (typeof VAT_RATES)[number];

export interface Product {
  name: string;
  fullName?: string;
  article?: string;
  barcodes: string[];
  /** OKEI code when known (e.g. '796' = шт) and the unit's short name. */
  unit: { code?: string; name: string };
  vatRate: VatRate;
  /** Price of the configured price type; null = not set. */
  price: { amount: number; currency: string } | null;
  isService: boolean;
}

export interface OrderLine {
  /** Native product id of the system the order was read from. */
  productId: string | null;
  name: string;
  quantity: number;
  /** Unit price before discount. */
  price: number;
  /** Total discount of the line (money). */
  discountAmount: number;
  /** Line total after discount. */
  amount: number;
  vatRate: VatRate;
}

export interface Order {
  number?: string;
  /** ISO 8601 with offset. */
  date: string;
  customer: { kind: CustomerKind; id: string } | null;
  /** Native status code of the source system (1С Статус / Б24 STAGE_ID); the O5 table maps between them. */
  status: string;
  lines: OrderLine[];
  amount: number;
  currency: string;
  comment?: string;
  cancelled: boolean;
}

export type PaymentMethod = 'cash' | 'card' | 'bank' | 'bonus' | 'certificate' | 'other';
export type PaymentDocumentKind = 'receipt' | 'cashInOrder' | 'cardPayment' | 'bankTransfer';

export interface Payment {
  documentKind: PaymentDocumentKind;
  number?: string;
  /** ISO 8601 with offset. */
  date: string;
  orderId: string | null;
  customer: { kind: CustomerKind; id: string } | null;
  amount: number;
  currency: string;
  method: PaymentMethod;
  /** Posted and not marked for deletion: the payment counts. */
  effective: boolean;
}

export interface EntityDataMap {
  customer: Customer;
  product: Product;
  order: Order;
  payment: Payment;
}

/** A record as read from one system: native id, opaque version, and the canonical data. */
export interface SourceRecord<T> {
  id: string;
  /** Opaque version, defined by each connector (1С: DataVersion plus what lives outside the object, e.g. a card or a
   *  price; Б24: DATE_MODIFY, modifier and a hash of the data, since timestamps have 1-second precision). Changes on
   *  every write; compare for equality only. */
  version: string;
  deleted: boolean;
  /** Who wrote last, when the system tells (Б24 MODIFY_BY_ID); used to recognise our own writes. */
  modifiedBy?: string;
  modifiedAt?: string;
  data: T;
}
