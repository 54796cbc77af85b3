// crm.deal.productrows.get/set (legacy) and crm.item.productrow.* (ref §7, §8).
import { legacyNotFound, RestError, restErrors } from '../core/errors';
import { asList, asRecord, isRecord, optionalRecord, param, requireInt, startParam, toInt, type Params } from '../core/params';
import { afterRowsChanged, buildRow, camelRowInput, itemRow, legacyRow, rowsOf, setRows } from '../crm/product-rows';
import { compileFilter, type FilterField } from '../query/filter';
import { page, pagedOutput } from '../query/paging';
import type { CrmRecord, ProductRow } from '../state/types';
import { def, type Ctx, type MethodDef } from './types';

function deal(ctx: Ctx, id: number, legacy: boolean): CrmRecord {
  const rec = ctx.state.deals.get(id);
  if (!rec) throw legacy ? legacyNotFound(ctx.config.notFoundStyle) : restErrors.itemNotFound();
  return rec;
}

/** Only deals ('D') are modelled as owners; smart invoices ('SI') are not. */
function owner(ctx: Ctx, ownerType: unknown, ownerId: unknown): CrmRecord {
  if (String(ownerType ?? '').toUpperCase() !== 'D') throw new RestError(400, 'OWNER_NOT_FOUND', 'Owner not found');
  const id = toInt(ownerId);
  if (!id) throw restErrors.missingParam('ownerId');
  return deal(ctx, id, false);
}

function rowById(ctx: Ctx, params: Params): ProductRow {
  const row = ctx.state.productRows.get(requireInt(params, 'id'));
  if (!row) throw restErrors.itemNotFound();
  return row;
}

const ROW_FIELDS: Record<string, keyof ProductRow> = { id: 'ID', ownerId: 'OWNER_ID', ownerType: 'OWNER_TYPE', productId: 'PRODUCT_ID', productName: 'PRODUCT_NAME', price: 'PRICE', quantity: 'QUANTITY', sort: 'SORT', xmlId: 'XML_ID' };
const rowResolver = (name: string): FilterField<ProductRow> | undefined => {
  const legacy = ROW_FIELDS[name];
  if (!legacy) return undefined;
  return { kind: ['ownerType', 'productName', 'xmlId'].includes(name) ? 'string' : 'number', get: (r) => r[legacy] };
};

/** Quantity of each row already placed in payments (for getAvailableForPayment). */
function paidQuantity(ctx: Ctx, rowId: number): number {
  let q = 0;
  for (const pp of ctx.state.paymentProducts.values()) if (pp.rowId === rowId) q += pp.quantity;
  return q;
}

export const crmProductRowMethods: MethodDef[] = [
  def('crm.deal.productrows.get', 'crm', (ctx, params) => {
    const d = deal(ctx, requireInt(params, 'id'), true);
    return { result: rowsOf(ctx, 'D', d.ID).map(legacyRow) };
  }),
  def('crm.deal.productrows.set', 'crm', (ctx, params) => {
    const d = deal(ctx, requireInt(params, 'id'), true);
    setRows(ctx, d, asList(param(params, 'rows')).filter(isRecord));
    return { result: true };
  }),
  def('crm.item.productrow.set', 'crm', (ctx, params) => {
    const d = owner(ctx, param(params, 'ownerType'), param(params, 'ownerId'));
    const rows = setRows(ctx, d, asList(param(params, 'productRows')).filter(isRecord).map(camelRowInput));
    return { result: { productRows: rows.map(itemRow) } };
  }),
  def('crm.item.productrow.add', 'crm', (ctx, params) => {
    const f = camelRowInput(optionalRecord(params, 'fields'));
    const d = owner(ctx, f.OWNER_TYPE, f.OWNER_ID);
    const row = buildRow(ctx, 'D', d.ID, f);
    ctx.state.productRows.set(row.ID, row);
    afterRowsChanged(ctx, d);
    return { result: { productRow: itemRow(row) } };
  }),
  def('crm.item.productrow.update', 'crm', (ctx, params) => {
    const prev = rowById(ctx, params);
    const row = buildRow(ctx, prev.OWNER_TYPE, prev.OWNER_ID, camelRowInput(optionalRecord(params, 'fields')), prev);
    ctx.state.productRows.set(row.ID, row);
    afterRowsChanged(ctx, deal(ctx, row.OWNER_ID, false));
    return { result: { productRow: itemRow(row) } };
  }),
  def('crm.item.productrow.get', 'crm', (ctx, params) => ({ result: { productRow: itemRow(rowById(ctx, params)) } })),
  def('crm.item.productrow.delete', 'crm', (ctx, params) => {
    const row = rowById(ctx, params);
    ctx.state.productRows.delete(row.ID);
    afterRowsChanged(ctx, deal(ctx, row.OWNER_ID, false));
    return { result: null };
  }),
  def('crm.item.productrow.list', 'crm', (ctx, params) => {
    const filter = asRecord(param(params, 'filter'));
    // "The following keys must be present: =ownerType, =ownerId" — with the `=` prefix (D crm-item-productrow-list.md).
    if (!('=ownerType' in filter) || !('=ownerId' in filter)) throw new RestError(400, 'INVALID_ARG_VALUE', 'filter must contain =ownerType and =ownerId');
    const test = compileFilter(filter, rowResolver, { allowLogic: false, offset: ctx.config.timezone });
    const rows = [...ctx.state.productRows.values()].filter(test).sort((a, b) => a.SORT - b.SORT || a.ID - b.ID);
    return pagedOutput(page(rows, startParam(params)), (list) => ({ productRows: list.map(itemRow) }));
  }),
  def('crm.item.productrow.getAvailableForPayment', 'crm', (ctx, params) => {
    const d = owner(ctx, param(params, 'ownerType'), param(params, 'ownerId'));
    const rows = rowsOf(ctx, 'D', d.ID)
      .map((r) => ({ ...itemRow(r), quantity: r.QUANTITY - paidQuantity(ctx, r.ID) }))
      .filter((r) => (r.quantity as number) > 0);
    return { result: { productRows: rows } };
  }),
  def('crm.item.productrow.fields', 'crm', () => ({
    result: { fields: Object.fromEntries(Object.keys(ROW_FIELDS).map((k) => [k, { type: k === 'ownerType' || k === 'productName' || k === 'xmlId' ? 'string' : 'integer', isReadOnly: k === 'id' }])) },
  })),
];

