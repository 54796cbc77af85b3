/** Deals (crm.deal.*) and their product rows (crm.item.productrow.*) ⇄ canonical Order (ref §7). */
import type { Order, OrderLine, VatRate } from '../../../../shared/domain';
import { moneyEquals, parseDecimal, roundMoney, roundQuantity } from '../../../../shared/money';
import { datePart } from '../portal-time';
import { customerId, parseCustomerId } from './ids';
import { rateOf, vatRateFromNumber } from './vat';

type Row = Record<string, unknown>;

const num = (v: unknown): number => parseDecimal(v) ?? 0;
const round4 = (n: number): number => Math.round((n + Number.EPSILON) * 10000) / 10000;

export function vatFromTax(rate: unknown): VatRate {
  return vatRateFromNumber(rate);
}

export function rowToLine(r: Row): OrderLine {
  const quantity = roundQuantity(num(r.quantity));
  const final = num(r.price);
  const before = num(r.priceBrutto) || final;
  const pid = Number(r.productId ?? 0);
  return {
    productId: pid > 0 ? String(pid) : null,
    name: String(r.productName ?? ''),
    quantity,
    price: roundMoney(before),
    discountAmount: roundMoney((before - final) * quantity),
    amount: roundMoney(final * quantity),
    vatRate: vatFromTax(r.taxRate),
  };
}

/** `price` is the final unit price incl. discount and tax; the discount goes as a percentage (tax-neutral). */
export function lineToRow(l: OrderLine, sort: number): Row {
  const q = l.quantity;
  const final = q > 0 ? round4(l.amount / q) : 0;
  const gross = l.price * q;
  const rate = gross > 0 && l.discountAmount > 0 ? round4((l.discountAmount / gross) * 100) : 0;
  const row: Row = { productName: l.name, price: final, quantity: q, discountTypeId: 2, discountRate: rate, taxRate: rateOf(l.vatRate), taxIncluded: 'Y', sort };
  if (l.productId) row.productId = Number(l.productId);
  return row;
}

export function dealToOrder(d: Row, rows: Row[]): Order {
  const companyId = Number(d.COMPANY_ID ?? 0);
  const contactId = Number(d.CONTACT_ID ?? 0);
  const customer = companyId > 0 ? { kind: 'company' as const, id: customerId('company', companyId) } : contactId > 0 ? { kind: 'person' as const, id: customerId('person', contactId) } : null;
  const o: Order = {
    date: String(d.BEGINDATE || d.DATE_CREATE || ''),
    customer,
    status: String(d.STAGE_ID ?? ''),
    lines: rows.map(rowToLine),
    amount: roundMoney(num(d.OPPORTUNITY)),
    currency: String(d.CURRENCY_ID ?? 'RUB'),
    cancelled: String(d.STAGE_SEMANTIC_ID ?? '') === 'F',
  };
  const comment = String(d.COMMENTS ?? '').trim();
  if (comment) o.comment = comment;
  return o;
}

export function orderFields(o: Order, title: string): Row {
  const sum = roundMoney(o.lines.reduce((s, l) => s + l.amount, 0));
  const f: Row = {
    TITLE: title,
    CURRENCY_ID: o.currency,
    OPPORTUNITY: roundMoney(o.amount),
    IS_MANUAL_OPPORTUNITY: moneyEquals(sum, o.amount) ? 'N' : 'Y',
    BEGINDATE: o.date ? datePart(o.date) : '',
    COMMENTS: o.comment ?? '',
  };
  if (o.status) f.STAGE_ID = o.status;
  if (o.customer) {
    const c = parseCustomerId(o.customer.id);
    f.CONTACT_ID = c.kind === 'person' ? c.id : 0;
    f.COMPANY_ID = c.kind === 'company' ? c.id : 0;
  } else {
    f.CONTACT_ID = 0;
    f.COMPANY_ID = 0;
  }
  return f;
}

export function defaultTitle(o: { number?: string; date: string }): string {
  const date = o.date ? datePart(o.date).split('-').reverse().join('.') : '';
  return `Заказ${o.number ? ` № ${o.number}` : ''}${date ? ` от ${date}` : ''}`;
}

export function sameLines(a: OrderLine[], b: OrderLine[]): boolean {
  const key = (l: OrderLine): string => [l.productId ?? '', l.name, roundQuantity(l.quantity), roundMoney(l.amount), roundMoney(l.discountAmount), l.vatRate].join('|');
  return a.length === b.length && a.every((l, i) => key(l) === key(b[i]));
}
