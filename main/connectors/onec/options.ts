/**
 * Options of the 1С entity adapters (G2 mapping settings) and the shared context they run in.
 */
import type { OnecClient } from './client';
import type { ODataModel } from './metadata';
import type { OnecNameOverrides, OnecNames } from './metadata-requirements';
import type { SnapshotStore } from './snapshot';

export interface OnecAdapterOptions {
  /** Store IANA time zone: 1С dates carry none (ref §1.4). */
  timeZone: string;
  /** Currency of amounts (Розница keeps money in the national currency). Default 'RUB'. */
  currency?: string;
  /** Names of 1С objects/fields when the release differs from the reference (metadata-requirements.ts). */
  names?: OnecNameOverrides;
  /** Catalog_ВидыЦен Ref_Key of the price type shown in Bitrix24 (P1). Products are read without price if absent. */
  priceTypeId?: string;
  /** Catalog_ВидыДисконтныхКарт Ref_Key of the cards the exchange registers (C5). */
  discountCardKindId?: string;
  /** Only cards of discountCardKindId count as the customer's card. Default false: any card they own. */
  cardKindOnly?: boolean;
  /** Defaults for new documents (G2). */
  storeId?: string;
  organisationId?: string;
  warehouseId?: string;
  /**
   * Контрагент Розница puts on orders and receipts of private persons («Розничный покупатель»). It is not the
   * customer: the person is the card owner. Written on new person orders; ignored when reading.
   */
  retailCustomerId?: string;
  /** Groups (folders) new persons / companies are created in; empty = top level. */
  personGroupId?: string;
  companyGroupId?: string;
  /** Статус of a new order when the canonical status is empty. Default 'НеСогласован'. */
  defaultOrderStatus?: string;
  /** Post orders after writing. Default true. */
  postOrders?: boolean;
  /** ЦенаВключаетНДС of new orders. Default true (retail prices include VAT). */
  priceIncludesVat?: boolean;
  /** Date window for documents, days back from now (ref §4.2). Default 60 for orders, 90 for payments. */
  orderWindowDays?: number;
  paymentWindowDays?: number;
  /** Only receipts (ЧекККМ) linked to an order — a store has tens of thousands of plain sales. Default true. */
  receiptsLinkedToOrdersOnly?: boolean;
  /** P4: products are not created in 1С unless the optional M3 copy is on. Default false. */
  allowProductCreate?: boolean;
  /** Records per ChangePage. Default 200. */
  pageSize?: number;
  /** Rows per request of the key scan (`Ref_Key, DataVersion`). Default 5000. */
  keyPageSize?: number;
}

/** A record the connector could not deliver or write completely; the rest of the run goes on. */
export interface OnecIssue {
  entity: 'customer' | 'product' | 'order' | 'payment';
  id: string;
  /** Russian: what is wrong and what to do. */
  message: string;
}

export interface OnecContext {
  client: OnecClient;
  names: OnecNames;
  options: OnecAdapterOptions;
  /** Published metadata: optional fields are written only when present ("adapt, never assume"). */
  model: ODataModel;
  snapshots: SnapshotStore;
  now: () => Date;
  /** Records skipped by a change scan (an unknown enum value, …) are reported here and retried next scan. */
  report: (issue: OnecIssue) => void;
}

export const DEFAULTS = {
  currency: 'RUB',
  defaultOrderStatus: 'НеСогласован',
  orderWindowDays: 60,
  paymentWindowDays: 90,
  pageSize: 200,
  keyPageSize: 5000,
  /** At most this many ids per "fetch by ids" request (fewer when the query string would pass MAX_QUERY_BYTES). */
  idsPerRequest: 20,
};
