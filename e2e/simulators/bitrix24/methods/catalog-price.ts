// catalog.price.add|update|get|list|delete|modify (ref §6). `modify` takes the product's whole price
// collection: entries with an id are updated, without an id added, and prices NOT sent are deleted.
import { formatIso } from '../core/dates';
import { RestError } from '../core/errors';
import { asList, isRecord, optionalRecord, param, requireInt, startParam, toInt, toNum, toStr } from '../core/params';
import { compileFilter, type FieldResolver } from '../query/filter';
import { compileOrder } from '../query/order';
import { page, pagedOutput } from '../query/paging';
import { currencies, priceTypes } from '../state/dictionaries';
import type { Price } from '../state/types';
import { def, stampNow, type Ctx, type MethodDef } from './types';

const resolver: FieldResolver<Price> = (name) =>
  ['id', 'productId', 'catalogGroupId', 'price', 'quantityFrom', 'quantityTo', 'extraId'].includes(name)
    ? { kind: 'number', get: (p) => p[name as keyof Price] }
    : name === 'currency' ? { kind: 'string', get: (p) => p.currency } : name === 'timestampX' ? { kind: 'datetime', get: (p) => p.timestampX } : undefined;

const out = (p: Price, tz: string): Record<string, unknown> => ({ ...p, priceScale: p.price, timestampX: formatIso(p.timestampX, tz) });

function mustFind(ctx: Ctx, id: number): Price {
  const p = ctx.state.prices.get(id);
  if (!p) throw new RestError(400, ctx.config.notFoundStyle === 'NOT_FOUND' ? 'NOT_FOUND' : '', 'price does not exist.');
  return p;
}

function applyFields(ctx: Ctx, p: Price, f: Record<string, unknown>): void {
  if (f.productId !== undefined) p.productId = toInt(f.productId) ?? p.productId;
  if (f.catalogGroupId !== undefined) p.catalogGroupId = toInt(f.catalogGroupId) ?? p.catalogGroupId;
  if (f.price !== undefined) p.price = toNum(f.price) ?? p.price;
  if (f.currency !== undefined) p.currency = toStr(f.currency) ?? p.currency;
  if (f.quantityFrom !== undefined) p.quantityFrom = toInt(f.quantityFrom);
  if (f.quantityTo !== undefined) p.quantityTo = toInt(f.quantityTo);
  if (!ctx.state.products.has(p.productId)) throw new RestError(400, 0, 'Product is not found');
  if (!priceTypes.some((t) => t.id === p.catalogGroupId)) throw new RestError(400, 0, 'Validate price error. Catalog price group is wrong');
  if (!currencies.some((c) => c.CURRENCY === p.currency)) throw new RestError(400, 0, 'Validate price error. Currency is wrong');
  p.timestampX = stampNow(ctx);
}

function createPrice(ctx: Ctx, f: Record<string, unknown>): Price {
  const p: Price = { id: 0, productId: 0, catalogGroupId: 0, price: 0, currency: 'RUB', quantityFrom: null, quantityTo: null, extraId: null, timestampX: 0 };
  applyFields(ctx, p, f);
  p.id = ctx.state.nextId('price');
  ctx.state.prices.set(p.id, p);
  return p;
}

/** Required fields (D catalog-price-add.md: productId, catalogGroupId, price, currency; catalog-price-update.md:
 *  price, currency — even when only one of them changes). Error: code 0 "Required fields: price, currency". */
function requireFields(f: Record<string, unknown>, names: string[]): void {
  const missing = names.filter((n) => f[n] === undefined || f[n] === null || f[n] === '');
  if (missing.length > 0) throw new RestError(400, 0, `Required fields: ${missing.join(', ')}`);
}

export const catalogPriceMethods: MethodDef[] = [
  def('catalog.price.add', 'catalog', (ctx, params) => {
    const f = optionalRecord(params, 'fields');
    requireFields(f, ['productId', 'catalogGroupId', 'price', 'currency']);
    return { result: { price: out(createPrice(ctx, f), ctx.config.timezone) } };
  }),
  def('catalog.price.update', 'catalog', (ctx, params) => {
    const p = mustFind(ctx, requireInt(params, 'id'));
    const draft = { ...p };
    requireFields(optionalRecord(params, 'fields'), ['price', 'currency']);
    applyFields(ctx, draft, optionalRecord(params, 'fields'));
    Object.assign(p, draft);
    return { result: { price: out(p, ctx.config.timezone) } };
  }),
  def('catalog.price.get', 'catalog', (ctx, params) => ({ result: { price: out(mustFind(ctx, requireInt(params, 'id')), ctx.config.timezone) } })),
  def('catalog.price.delete', 'catalog', (ctx, params) => {
    ctx.state.prices.delete(mustFind(ctx, requireInt(params, 'id')).id);
    return { result: true };
  }),
  def('catalog.price.list', 'catalog', (ctx, params) => {
    const test = compileFilter(param(params, 'filter'), resolver, { allowLogic: false, offset: ctx.config.timezone });
    const rows = [...ctx.state.prices.values()].filter(test).sort(compileOrder(param(params, 'order'), resolver, (p) => p.id));
    return pagedOutput(page(rows, startParam(params)), (list) => ({ prices: list.map((p) => out(p, ctx.config.timezone)) }));
  }),
  def('catalog.price.modify', 'catalog', (ctx, params) => {
    const product = optionalRecord(optionalRecord(params, 'fields'), 'product');
    const productId = toInt(product.id);
    if (!productId || !ctx.state.products.has(productId)) throw new RestError(400, 0, 'Product is not found');
    const given = asList(product.prices).filter(isRecord);
    // every entry needs catalogGroupId, price, currency — also the updated ones (D catalog-price-modify.md)
    for (const g of given) requireFields(g, ['catalogGroupId', 'price', 'currency']);
    const kept = new Set<number>();
    const result: Price[] = [];
    for (const g of given) {
      const id = toInt(g.id);
      const existing = id ? ctx.state.prices.get(id) : undefined;
      if (existing && existing.productId === productId) {
        applyFields(ctx, existing, g);
        kept.add(existing.id);
        result.push(existing);
      } else {
        const p = createPrice(ctx, { ...g, productId });
        kept.add(p.id);
        result.push(p);
      }
    }
    for (const [id, p] of [...ctx.state.prices]) if (p.productId === productId && !kept.has(id)) ctx.state.prices.delete(id);
    return { result: { prices: result.map((p) => out(p, ctx.config.timezone)) } };
  }),
];
