// catalog.product.add|update|get|list|delete (ref §6): `result.element` on add/update, `result.product` on
// get, `result.products` on list. list requires filter.iblockId and a select with id and iblockId
// (D catalog-product-list.md errors, code 0). A missing product: code 0 (D catalog-product-get.md error table:
// `0` "The product does not exist"), description "product does not exist.".
import { RestError } from '../core/errors';
import { asList, isRecord, optionalRecord, param, requireInt, startParam } from '../core/params';
import { formatProduct, productResolver } from '../catalog/product-format';
import { createProduct, deleteProduct, updateProduct } from '../catalog/products';
import { compileFilter } from '../query/filter';
import { compileOrder } from '../query/order';
import { page, pagedOutput } from '../query/paging';
import type { CatalogProduct } from '../state/types';
import { def, type Ctx, type MethodDef } from './types';

function mustFind(ctx: Ctx, id: number): CatalogProduct {
  const p = ctx.state.products.get(id);
  if (!p) throw new RestError(400, ctx.config.notFoundStyle === 'NOT_FOUND' ? 'NOT_FOUND' : 0, 'product does not exist.');
  return p;
}

/** Product type of services (catalog_product.type; read-only in catalog.product.add — services are created with
 *  catalog.product.service.add, D catalog-product-add.md, product/service/catalog-product-service-add.md). */
const SERVICE_TYPE = 7;

function mustFindService(ctx: Ctx, id: number): CatalogProduct {
  const p = ctx.state.products.get(id);
  if (!p || p.type !== SERVICE_TYPE) throw new RestError(400, ctx.config.notFoundStyle === 'NOT_FOUND' ? 'NOT_FOUND' : 0, 'service does not exist.');
  return p;
}

export const catalogProductMethods: MethodDef[] = [
  // Services (result key `service`). Whether catalog.product.get/list/update also serve services is not documented;
  // here they do (one catalog, `type` 7).
  def('catalog.product.service.add', 'catalog', (ctx, params) => {
    const p = createProduct(ctx, optionalRecord(params, 'fields'));
    p.type = SERVICE_TYPE;
    return { result: { service: formatProduct(p, ctx.config.timezone, null) } };
  }),
  def('catalog.product.service.get', 'catalog', (ctx, params) => ({ result: { service: formatProduct(mustFindService(ctx, requireInt(params, 'id')), ctx.config.timezone, null) } })),
  def('catalog.product.service.update', 'catalog', (ctx, params) => {
    const p = mustFindService(ctx, requireInt(params, 'id'));
    updateProduct(ctx, p, optionalRecord(params, 'fields'));
    return { result: { service: formatProduct(p, ctx.config.timezone, null) } };
  }),
  def('catalog.product.add', 'catalog', (ctx, params) => ({ result: { element: formatProduct(createProduct(ctx, optionalRecord(params, 'fields')), ctx.config.timezone, null) } })),
  def('catalog.product.update', 'catalog', (ctx, params) => {
    const p = mustFind(ctx, requireInt(params, 'id'));
    updateProduct(ctx, p, optionalRecord(params, 'fields'));
    return { result: { element: formatProduct(p, ctx.config.timezone, null) } };
  }),
  def('catalog.product.get', 'catalog', (ctx, params) => ({ result: { product: formatProduct(mustFind(ctx, requireInt(params, 'id')), ctx.config.timezone, null) } })),
  def('catalog.product.delete', 'catalog', (ctx, params) => {
    deleteProduct(ctx, mustFind(ctx, requireInt(params, 'id')).id);
    return { result: true };
  }),
  def('catalog.product.list', 'catalog', (ctx, params) => {
    const filter = param(params, 'filter');
    if (filter !== undefined && !isRecord(filter)) throw new RestError(400, 0, 'Incorrect filter format');
    const select = asList(param(params, 'select')).map(String);
    const missing = ['id', 'iblockId'].filter((k) => !select.includes(k));
    if (missing.length > 0) throw new RestError(400, 0, `Required select fields: ${missing.join(', ')}`);
    if (!isRecord(filter) || !Object.keys(filter).some((k) => k.replace(/^[=!@<>%]+/, '') === 'iblockId')) throw new RestError(400, 0, 'Required filter fields: iblockId');
    // The documented prefixes have no `@`/`!@`: IN is an array under `=`/no prefix, NOT IN under `!`
    // (D catalog-product-list.md). What the portal does with `@id` is unknown — refuse it rather than guess.
    const undocumented = Object.keys(filter).find((k) => /^!?@/.test(k));
    if (undocumented) throw new RestError(400, 0, `Unsupported filter key ${undocumented}`);
    const test = compileFilter(filter, productResolver, { allowLogic: false, offset: ctx.config.timezone });
    const rows = [...ctx.state.products.values()].filter(test).sort(compileOrder(param(params, 'order'), productResolver, (p) => p.id));
    return pagedOutput(page(rows, startParam(params)), (list) => ({ products: list.map((p) => formatProduct(p, ctx.config.timezone, select)) }));
  }),
];
