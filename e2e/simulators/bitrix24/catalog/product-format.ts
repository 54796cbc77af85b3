// catalog_product shape (D catalog-product-get.md) and its filter resolver.
import { formatIso } from '../core/dates';
import type { FieldResolver, ValueKind } from '../query/filter';
import type { CatalogProduct } from '../state/types';

const KINDS: Record<string, ValueKind> = {
  id: 'number', iblockId: 'number', name: 'string', active: 'char', code: 'string', xmlId: 'string', iblockSectionId: 'number',
  measure: 'number', vatId: 'number', vatIncluded: 'char', purchasingPrice: 'number', purchasingCurrency: 'string', quantity: 'number',
  previewText: 'string', detailText: 'string', sort: 'number', type: 'number', dateCreate: 'datetime', timestampX: 'datetime',
  createdBy: 'number', modifiedBy: 'number',
};

export const productResolver: FieldResolver<CatalogProduct> = (name) => {
  if (/^property\d+$/.test(name)) return { kind: 'string', get: (p) => p.properties[name] };
  const kind = KINDS[name];
  return kind ? { kind, get: (p) => p[name as keyof CatalogProduct] } : undefined;
};

export function formatProduct(p: CatalogProduct, tz: string, select: string[] | null): Record<string, unknown> {
  const full: Record<string, unknown> = {
    active: p.active, available: 'Y', bundle: 'N', canBuyZero: 'Y', code: p.code, createdBy: p.createdBy, dateActiveFrom: null, dateActiveTo: null,
    dateCreate: formatIso(p.dateCreate, tz), detailText: p.detailText, detailTextType: 'text', height: null, iblockId: p.iblockId,
    iblockSectionId: p.iblockSectionId, id: p.id, length: null, measure: p.measure, modifiedBy: p.modifiedBy, name: p.name,
    previewText: p.previewText, previewTextType: 'text', purchasingCurrency: p.purchasingCurrency, purchasingPrice: p.purchasingPrice,
    quantity: p.quantity, quantityReserved: 0, quantityTrace: 'D', sort: p.sort, subscribe: 'D', timestampX: formatIso(p.timestampX, tz),
    type: p.type, vatId: p.vatId, vatIncluded: p.vatIncluded, weight: null, width: null, xmlId: p.xmlId, ...p.properties,
  };
  if (!select) return full;
  return Object.fromEntries(select.filter((k) => k in full).map((k) => [k, full[k]]));
}
