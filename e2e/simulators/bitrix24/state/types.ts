// Record shapes held by the in-memory portal. CRM records keep the legacy UPPER_CASE names as the
// canonical form; crm.item.* maps them to camelCase on the way in and out (ref §4.1 table).
export type CrmKind = 'contact' | 'company' | 'deal';
export type MultifieldType = 'PHONE' | 'EMAIL' | 'WEB' | 'IM';

export interface Multifield {
  ID: number;
  TYPE_ID: MultifieldType;
  VALUE: string;
  VALUE_TYPE: string;
}

export interface CrmRecord {
  ID: number;
  /** datetimes are epoch ms; multiple fields are arrays */
  fields: Record<string, unknown>;
  fm: Multifield[];
}

export interface ProductRow {
  ID: number;
  OWNER_TYPE: string;
  OWNER_ID: number;
  PRODUCT_ID: number;
  PRODUCT_NAME: string;
  PRICE: number;
  PRICE_EXCLUSIVE: number;
  PRICE_NETTO: number;
  PRICE_BRUTTO: number;
  QUANTITY: number;
  DISCOUNT_TYPE_ID: number;
  DISCOUNT_RATE: number;
  DISCOUNT_SUM: number;
  TAX_RATE: number | null;
  TAX_INCLUDED: 'Y' | 'N';
  CUSTOMIZED: 'Y' | 'N';
  MEASURE_CODE: number;
  MEASURE_NAME: string;
  SORT: number;
  XML_ID: string | null;
  STORE_ID: number | null;
  TYPE: number;
}

export interface UserField {
  ID: number;
  ENTITY_ID: string;
  FIELD_NAME: string;
  USER_TYPE_ID: string;
  XML_ID: string | null;
  SORT: number;
  MULTIPLE: 'Y' | 'N';
  MANDATORY: 'Y' | 'N';
  SHOW_FILTER: string;
  SHOW_IN_LIST: 'Y' | 'N';
  EDIT_IN_LIST: 'Y' | 'N';
  IS_SEARCHABLE: 'Y' | 'N';
  SETTINGS: Record<string, unknown>;
  EDIT_FORM_LABEL: string | Record<string, unknown> | null;
  LIST_COLUMN_LABEL: string | Record<string, unknown> | null;
}

export interface CatalogProduct {
  id: number;
  iblockId: number;
  name: string;
  active: 'Y' | 'N';
  code: string | null;
  xmlId: string | null;
  iblockSectionId: number | null;
  measure: number | null;
  vatId: number | null;
  vatIncluded: 'Y' | 'N';
  purchasingPrice: number | null;
  purchasingCurrency: string | null;
  quantity: number;
  previewText: string | null;
  detailText: string | null;
  sort: number;
  type: number;
  dateCreate: number;
  timestampX: number;
  createdBy: number;
  modifiedBy: number;
  /** propertyN values */
  properties: Record<string, unknown>;
}

export interface CatalogSection {
  id: number;
  iblockId: number;
  iblockSectionId: number | null;
  name: string;
  xmlId: string | null;
  code: string | null;
  sort: number;
  active: 'Y' | 'N';
  description: string | null;
  timestampX: number;
}

export interface Price {
  id: number;
  productId: number;
  catalogGroupId: number;
  price: number;
  currency: string;
  quantityFrom: number | null;
  quantityTo: number | null;
  extraId: number | null;
  timestampX: number;
}

export interface Payment {
  id: number;
  entityTypeId: number;
  entityId: number;
  accountNumber: string;
  paid: 'Y' | 'N';
  datePaid: number | null;
  empPaidId: number | null;
  paySystemId: number;
  currency: string;
  dateBill: number;
}

export interface PaymentProduct {
  id: number;
  paymentId: number;
  rowId: number;
  quantity: number;
}

export interface DealCategory {
  id: number;
  name: string;
  sort: number;
  isDefault: 'Y' | 'N';
}

export interface CrmStatus {
  ID: number;
  ENTITY_ID: string;
  STATUS_ID: string;
  NAME: string;
  SORT: number;
  SYSTEM: 'Y' | 'N';
  CATEGORY_ID: number | null;
  COLOR: string;
  /** null = in process, 'S' success, 'F' failure */
  SEMANTICS: 'S' | 'F' | null;
}

export interface PortalUser {
  ID: number;
  NAME: string;
  LAST_NAME: string;
  EMAIL: string;
  ADMIN: boolean;
}
