// Deal product rows (ref §7). `price` is the final unit price incl. discount and tax; exclusive/netto/brutto
// are derived. Both `set` methods replace the whole list (unsent rows deleted, ids change). The deal's
// OPPORTUNITY is the sum of rows unless IS_MANUAL_OPPORTUNITY = Y. With only a product id the name and
// measure come from the catalog.
import { isYes, toInt, toNum, toStr } from '../core/params';
import { measures } from '../state/dictionaries';
import type { CrmRecord, ProductRow } from '../state/types';
import { touchRecord } from './records';
import type { Ctx } from '../methods/types';

const round2 = (n: number): number => Math.round(n * 100) / 100;
const round4 = (n: number): number => Math.round(n * 10000) / 10000;

/** camelCase (crm.item.productrow.*) → legacy names. */
const CAMEL: Record<string, string> = {
  id: 'ID', ownerId: 'OWNER_ID', ownerType: 'OWNER_TYPE', productId: 'PRODUCT_ID', productName: 'PRODUCT_NAME', price: 'PRICE',
  quantity: 'QUANTITY', discountTypeId: 'DISCOUNT_TYPE_ID', discountRate: 'DISCOUNT_RATE', discountSum: 'DISCOUNT_SUM',
  taxRate: 'TAX_RATE', taxIncluded: 'TAX_INCLUDED', measureCode: 'MEASURE_CODE', measureName: 'MEASURE_NAME', sort: 'SORT',
  xmlId: 'XML_ID', storeId: 'STORE_ID', type: 'TYPE', customized: 'CUSTOMIZED',
};

export function camelRowInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) out[CAMEL[k] ?? k] = v;
  return out;
}

export function buildRow(ctx: Ctx, ownerType: string, ownerId: number, input: Record<string, unknown>, base?: ProductRow): ProductRow {
  const pick = <T>(name: keyof ProductRow, conv: (v: unknown) => T | null, dflt: T): T => {
    if (name in input) return conv(input[name]) ?? dflt;
    return base ? (base[name] as T) : dflt;
  };
  const productId = pick('PRODUCT_ID', toInt, 0);
  const product = ctx.state.products.get(productId);
  const measure = measures.find((m) => m.id === product?.measure) ?? measures[0];
  const price = pick('PRICE', toNum, 0);
  const taxRate = 'TAX_RATE' in input ? toNum(input.TAX_RATE) : base ? base.TAX_RATE : null;
  const r = (taxRate ?? 0) / 100;
  const discountType = pick('DISCOUNT_TYPE_ID', toInt, 2);
  const priceExclusive = price / (1 + r);
  let priceNetto: number;
  if (discountType === 1) priceNetto = priceExclusive + pick('DISCOUNT_SUM', toNum, 0);
  else {
    const rate = pick('DISCOUNT_RATE', toNum, 0);
    priceNetto = rate < 100 ? priceExclusive / (1 - rate / 100) : priceExclusive;
  }
  const discountSum = priceNetto - priceExclusive;
  return {
    ID: base?.ID ?? ctx.state.nextId('productRow'),
    OWNER_TYPE: ownerType,
    OWNER_ID: ownerId,
    PRODUCT_ID: productId,
    PRODUCT_NAME: pick('PRODUCT_NAME', toStr, '') || product?.name || '',
    PRICE: round4(price),
    PRICE_EXCLUSIVE: round4(priceExclusive),
    PRICE_NETTO: round4(priceNetto),
    PRICE_BRUTTO: round4(priceNetto * (1 + r)),
    QUANTITY: pick('QUANTITY', toNum, 1),
    DISCOUNT_TYPE_ID: discountType,
    DISCOUNT_RATE: round4(priceNetto > 0 ? (discountSum / priceNetto) * 100 : 0),
    DISCOUNT_SUM: round4(discountSum),
    TAX_RATE: taxRate,
    TAX_INCLUDED: 'TAX_INCLUDED' in input ? (isYes(input.TAX_INCLUDED) ? 'Y' : 'N') : (base?.TAX_INCLUDED ?? 'N'),
    CUSTOMIZED: 'Y',
    MEASURE_CODE: pick('MEASURE_CODE', toInt, Number(measure.code)),
    MEASURE_NAME: pick('MEASURE_NAME', toStr, '') || measure.symbol,
    SORT: pick('SORT', toInt, 10),
    XML_ID: pick('XML_ID', toStr, null as string | null),
    STORE_ID: pick('STORE_ID', toInt, null as number | null),
    TYPE: pick('TYPE', toInt, 1),
  };
}

export function rowsOf(ctx: Ctx, ownerType: string, ownerId: number): ProductRow[] {
  return [...ctx.state.productRows.values()].filter((r) => r.OWNER_TYPE === ownerType && r.OWNER_ID === ownerId).sort((a, b) => a.SORT - b.SORT || a.ID - b.ID);
}

/** Recalculate OPPORTUNITY/TAX_VALUE unless manual; bump DATE_MODIFY when configured (ref §9 Unverified). */
export function afterRowsChanged(ctx: Ctx, deal: CrmRecord): void {
  if (deal.fields.IS_MANUAL_OPPORTUNITY !== 'Y') {
    const rows = rowsOf(ctx, 'D', deal.ID);
    deal.fields.OPPORTUNITY = round2(rows.reduce((s, r) => s + r.PRICE * r.QUANTITY, 0));
    deal.fields.TAX_VALUE = round2(rows.reduce((s, r) => s + (r.PRICE - r.PRICE_EXCLUSIVE) * r.QUANTITY, 0));
  }
  if (ctx.config.rowChangesBumpDeal) touchRecord(ctx, deal);
}

export function setRows(ctx: Ctx, deal: CrmRecord, inputs: Record<string, unknown>[]): ProductRow[] {
  const built = inputs.map((i) => buildRow(ctx, 'D', deal.ID, i));
  for (const r of rowsOf(ctx, 'D', deal.ID)) ctx.state.productRows.delete(r.ID);
  for (const r of built) ctx.state.productRows.set(r.ID, r);
  afterRowsChanged(ctx, deal);
  return rowsOf(ctx, 'D', deal.ID);
}

export function legacyRow(r: ProductRow): Record<string, unknown> {
  return { ...r, ID: String(r.ID), OWNER_ID: String(r.OWNER_ID), ORIGINAL_PRODUCT_NAME: r.PRODUCT_NAME, PRODUCT_DESCRIPTION: '', PRICE_ACCOUNT: r.PRICE.toFixed(2) };
}

export function itemRow(r: ProductRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [camel, legacy] of Object.entries(CAMEL)) out[camel] = r[legacy as keyof ProductRow];
  out.priceExclusive = r.PRICE_EXCLUSIVE;
  out.priceNetto = r.PRICE_NETTO;
  out.priceBrutto = r.PRICE_BRUTTO;
  out.priceAccount = r.PRICE;
  return out;
}
