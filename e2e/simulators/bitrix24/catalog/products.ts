// Product writes (ref §6): add needs iblockId and name; xmlId defaults to the id; timestampX/modifiedBy on
// every write.
import { RestError } from '../core/errors';
import { isYes, toInt, toNum, toStr } from '../core/params';
import { stampNow, type Ctx } from '../methods/types';
import { catalogs } from '../state/dictionaries';
import type { CatalogProduct } from '../state/types';

export function applyProductFields(p: CatalogProduct, f: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(f)) {
    switch (k) {
      case 'name': p.name = toStr(v) ?? p.name; break;
      case 'active': p.active = isYes(v) ? 'Y' : 'N'; break;
      case 'vatIncluded': p.vatIncluded = isYes(v) ? 'Y' : 'N'; break;
      case 'code': case 'xmlId': case 'purchasingCurrency': case 'previewText': case 'detailText': p[k] = toStr(v); break;
      case 'iblockSectionId': case 'measure': case 'vatId': p[k] = toInt(v); break;
      case 'purchasingPrice': p.purchasingPrice = toNum(v); break;
      case 'quantity': p.quantity = toNum(v) ?? 0; break;
      case 'sort': p.sort = toInt(v) ?? 500; break;
      default: if (/^property\d+$/.test(k)) p.properties[k] = v;
    }
  }
}

export function createProduct(ctx: Ctx, f: Record<string, unknown>): CatalogProduct {
  const iblockId = toInt(f.iblockId);
  if (iblockId === null) throw new RestError(400, 0, 'Required fields: iblockId');
  if (!catalogs.some((c) => c.iblockId === iblockId)) throw new RestError(400, 200040300000, 'Iblock Not Found');
  if (!toStr(f.name)) throw new RestError(400, 0, 'Required fields: name');
  const now = stampNow(ctx);
  const p: CatalogProduct = {
    id: 0, iblockId, name: '', active: 'Y', code: null, xmlId: null, iblockSectionId: null, measure: 5, vatId: null, vatIncluded: 'N',
    purchasingPrice: null, purchasingCurrency: null, quantity: 0, previewText: null, detailText: null, sort: 500, type: 1,
    dateCreate: now, timestampX: now, createdBy: ctx.userId, modifiedBy: ctx.userId, properties: {},
  };
  applyProductFields(p, f);
  p.id = ctx.state.nextId('product');
  p.xmlId ??= String(p.id);
  ctx.state.products.set(p.id, p);
  return p;
}

export function updateProduct(ctx: Ctx, p: CatalogProduct, f: Record<string, unknown>): void {
  applyProductFields(p, f);
  p.timestampX = stampNow(ctx);
  p.modifiedBy = ctx.userId;
}

export function deleteProduct(ctx: Ctx, id: number): void {
  ctx.state.products.delete(id);
  for (const [pid, price] of [...ctx.state.prices]) if (price.productId === id) ctx.state.prices.delete(pid);
}
