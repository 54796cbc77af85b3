/** Options of the Bitrix24 entity adapters (G2 mapping settings end up here). */

export interface Bitrix24AdapterOptions {
  /** ORIGINATOR_ID of everything we create, e.g. "onec-roznica" or "onec-roznica:<infobase>" (ref §4.5). */
  originatorId: string;
  /** The integration user (webhook owner): records last modified by it are our own writes (ref §1.1, §9). */
  integrationUserId?: string;
  /** User field holding the bonus card number on contacts and companies (created by ensureSetup). */
  bonusCardField: string;
  /** Companies' INN/KPP via requisites (ref §5); off = INN/KPP are not exchanged. */
  requisites: { enabled: boolean; presetId?: number };
  product: {
    /** Catalog iblock; default: the CRM catalog whose productIblockId is empty (ref §6). */
    iblockId?: number;
    /** Price type of the 1С price; default: the base type (`base: "Y"`). */
    priceTypeId?: number;
    currency: string;
    /** propertyN holding the article, when the portal has such a property (ref §6 Unverified). */
    articleProperty?: string;
  };
  deal: {
    /** Funnel (direction) of deals created from 1С orders. */
    categoryId: number;
    currency: string;
    /** Title of a new deal. */
    title?: (order: { number?: string; date: string }) => string;
  };
  payment: {
    /** 1С payment method → paySystemId (from sale.paysystem.list). */
    paySystems?: Partial<Record<'cash' | 'card' | 'bank' | 'bonus' | 'certificate' | 'other', number>>;
  };
  changes: {
    /** Re-read this much before the last sweep's start (ref §9, second-precision timestamps, slow commits). */
    overlapSec: number;
    /** How often to look for deleted records by comparing id sets; 0 = every sweep. */
    deletionScanIntervalMs: number;
    /** Records per listChanges page. */
    pageSize: number;
  };
}

export const DEFAULT_ADAPTER_OPTIONS: Bitrix24AdapterOptions = {
  originatorId: 'onec-roznica',
  bonusCardField: 'UF_CRM_BONUS_CARD',
  requisites: { enabled: true },
  product: { currency: 'RUB' },
  deal: { categoryId: 0, currency: 'RUB' },
  payment: {},
  changes: { overlapSec: 60, deletionScanIntervalMs: 3_600_000, pageSize: 500 },
};

export function adapterOptions(partial: Partial<Bitrix24AdapterOptions> = {}): Bitrix24AdapterOptions {
  const d = DEFAULT_ADAPTER_OPTIONS;
  return {
    ...d,
    ...partial,
    requisites: { ...d.requisites, ...partial.requisites },
    product: { ...d.product, ...partial.product },
    deal: { ...d.deal, ...partial.deal },
    payment: { ...d.payment, ...partial.payment },
    changes: { ...d.changes, ...partial.changes },
  };
}
