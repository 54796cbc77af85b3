/** Catalog products (catalog.product.*, catalog.price.*) ⇄ canonical Product (ref §6). */
import type { Product, VatRate } from '../../../../shared/domain';
import { parseDecimal, roundMoney } from '../../../../shared/money';
import { isObject } from '../envelope';
import type { PortalSetup } from './setup';
import { rateOf, vatRateFromNumber } from './vat';

type Row = Record<string, unknown>;

export const SERVICE_TYPE = 7;

export function vatRateOf(setup: PortalSetup, vatId: unknown): VatRate {
  const v = setup.vats.find((x) => x.id === Number(vatId));
  return v ? vatRateFromNumber(v.rate) : 'none';
}

export function vatIdOf(setup: PortalSetup, rate: VatRate): number | undefined {
  const want = rateOf(rate);
  return setup.vats.find((v) => v.rate === want)?.id;
}

export function measureIdOf(setup: PortalSetup, unit: Product['unit']): number | undefined {
  const byCode = unit.code ? setup.measures.find((m) => m.code === unit.code) : undefined;
  const byName = setup.measures.find((m) => m.symbol.toLowerCase() === unit.name.trim().toLowerCase());
  return (byCode ?? byName ?? setup.measures.find((m) => m.isDefault))?.id;
}

function propertyValue(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (isObject(v)) return propertyValue(v.value ?? v.VALUE);
  if (Array.isArray(v)) return propertyValue(v[0]);
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

export function toProduct(row: Row, price: Row | null, setup: PortalSetup, articleProperty?: string): Product {
  const m = setup.measures.find((x) => x.id === Number(row.measure));
  const amount = price ? parseDecimal(price.price) : null;
  const p: Product = {
    name: String(row.name ?? '').trim(),
    barcodes: [],
    unit: m ? { code: m.code, name: m.symbol } : { name: '' },
    vatRate: vatRateOf(setup, row.vatId),
    price: price && amount !== null ? { amount: roundMoney(amount), currency: String(price.currency ?? 'RUB') } : null,
    isService: Number(row.type) === SERVICE_TYPE,
  };
  const article = articleProperty ? propertyValue(row[articleProperty]) : undefined;
  if (article) p.article = article;
  return p;
}

export function productFields(p: Product, setup: PortalSetup, articleProperty?: string): Row {
  const f: Row = { name: p.name.trim(), vatIncluded: 'Y' };
  const measure = measureIdOf(setup, p.unit);
  if (measure !== undefined) f.measure = measure;
  const vat = vatIdOf(setup, p.vatRate);
  if (vat !== undefined) f.vatId = vat;
  if (articleProperty) f[articleProperty] = p.article ?? '';
  return f;
}

export function sameProduct(a: Product, b: Product, withArticle: boolean): boolean {
  const price = (x: Product): string => (x.price ? `${roundMoney(x.price.amount)} ${x.price.currency}` : '');
  return a.name.trim() === b.name.trim() && (a.unit.code ?? a.unit.name) === (b.unit.code ?? b.unit.name) && a.vatRate === b.vatRate
    && price(a) === price(b) && (!withArticle || (a.article ?? '') === (b.article ?? ''));
}
