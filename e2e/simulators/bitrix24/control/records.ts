// Read-only views of the portal data for tests and the control API.
import { formatProduct } from '../catalog/product-format';
import { formatLegacy } from '../crm/format';
import { legacyRow } from '../crm/product-rows';
import type { Portal } from '../runtime/portal';

export type EntityName =
  | 'contact' | 'company' | 'deal' | 'productRow' | 'product' | 'section' | 'price' | 'requisite' | 'payment' | 'paymentProduct' | 'userField';

export const ENTITY_NAMES: EntityName[] = ['contact', 'company', 'deal', 'productRow', 'product', 'section', 'price', 'requisite', 'payment', 'paymentProduct', 'userField'];

/** CRM records in the legacy get shape (with PHONE/EMAIL and UF_*), products in the catalog shape, others raw. */
export function listRecords(portal: Portal, entity: EntityName): Record<string, unknown>[] {
  const s = portal.state;
  const tz = portal.config.timezone;
  switch (entity) {
    case 'contact':
    case 'company':
    case 'deal':
      return [...s.crmTable(entity).values()].map((r) => formatLegacy(s, entity, r, tz, null));
    case 'productRow':
      return [...s.productRows.values()].map(legacyRow);
    case 'product':
      return [...s.products.values()].map((p) => formatProduct(p, tz, null));
    case 'section':
      return [...s.sections.values()].map((x) => ({ ...x }));
    case 'price':
      return [...s.prices.values()].map((x) => ({ ...x }));
    case 'requisite':
      return [...s.requisites.values()].map((x) => ({ ...x }));
    case 'payment':
      return [...s.payments.values()].map((x) => ({ ...x }));
    case 'paymentProduct':
      return [...s.paymentProducts.values()].map((x) => ({ ...x }));
    case 'userField':
      return [...s.userFields.values()].map((x) => ({ ...x }));
  }
}

export function counts(portal: Portal): Record<EntityName, number> {
  return Object.fromEntries(ENTITY_NAMES.map((e) => [e, listRecords(portal, e).length])) as Record<EntityName, number>;
}
