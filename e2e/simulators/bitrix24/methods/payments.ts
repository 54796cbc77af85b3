// Deal payments (ref §8 option 1): crm.item.payment.add → product.add (rowId from productrow.list,
// quantity) → pay/unpay → delete; `sum` comes from the payment's items. sale.paysystem.list needs scope
// pay_system. Only deals (entityTypeId 2) are modelled as owners.
// Errors as documented (D crm-item-payment-get.md, products-in-payment/*.md): business errors are HTTP 400 with the
// NUMERIC code 0 and a description ("Payment has not been found", "Payable item has not been found"…); missing
// required parameters are code 100. crm.item.payment.product.list requires `filter` (D …-product-list.md).
import { formatIso } from '../core/dates';
import { RestError, restErrors } from '../core/errors';
import { isYes, optionalRecord, param, requireInt, toInt, toNum } from '../core/params';
import { compileFilter, type FieldResolver } from '../query/filter';
import { paySystems } from '../state/dictionaries';
import type { Payment, PaymentProduct } from '../state/types';
import { def, stampNow, type Ctx, type MethodDef } from './types';

/** Code 0 business error (or the uniform NOT_FOUND when the simulator is configured so). */
function notFound(ctx: Ctx, description: string): RestError {
  return new RestError(400, ctx.config.notFoundStyle === 'NOT_FOUND' ? 'NOT_FOUND' : 0, description);
}

function mustFind(ctx: Ctx, id: number): Payment {
  const p = ctx.state.payments.get(id);
  if (!p) throw notFound(ctx, 'Payment has not been found');
  return p;
}

function requireParam(params: Record<string, unknown>, name: string): unknown {
  const v = param(params, name);
  if (v === undefined || v === null || v === '') throw restErrors.missingParam(name);
  return v;
}

const productResolver: FieldResolver<PaymentProduct> = (name) => (name === 'id' || name === 'quantity' ? { kind: 'number', get: (pp) => pp[name] } : undefined);

function paymentSum(ctx: Ctx, p: Payment): number {
  let s = 0;
  for (const pp of ctx.state.paymentProducts.values()) {
    if (pp.paymentId !== p.id) continue;
    const row = ctx.state.productRows.get(pp.rowId);
    if (row) s += row.PRICE * pp.quantity;
  }
  return Math.round(s * 100) / 100;
}

function out(ctx: Ctx, p: Payment): Record<string, unknown> {
  const ps = paySystems.find((x) => Number(x.ID) === p.paySystemId);
  return {
    id: p.id, accountNumber: p.accountNumber, paid: p.paid, datePaid: p.datePaid === null ? null : formatIso(p.datePaid, ctx.config.timezone),
    empPaidId: p.empPaidId, paySystemId: p.paySystemId, paySystemName: ps?.NAME ?? '', sum: paymentSum(ctx, p), currency: p.currency,
  };
}

function setPaid(ctx: Ctx, p: Payment, paid: boolean): void {
  p.paid = paid ? 'Y' : 'N';
  p.datePaid = paid ? stampNow(ctx) : null;
  p.empPaidId = paid ? ctx.userId : null;
}

const resolver: FieldResolver<Payment> = (name) =>
  ['id', 'paySystemId', 'entityId'].includes(name) ? { kind: 'number', get: (p) => p[name as keyof Payment] }
    : name === 'paid' ? { kind: 'char', get: (p) => p.paid } : name === 'accountNumber' ? { kind: 'string', get: (p) => p.accountNumber } : undefined;

const paySystemResolver: FieldResolver<Record<string, unknown>> = (name) => (name in paySystems[0] ? { kind: name === 'ID' || name === 'SORT' ? 'number' : 'string', get: (r) => r[name] } : undefined);

export const paymentMethods: MethodDef[] = [
  def('crm.item.payment.add', 'crm', (ctx, params) => {
    if (toInt(param(params, 'entityTypeId')) !== 2) throw new RestError(400, 'ERROR_ARGUMENT', 'Only deals are supported by this simulator');
    const dealId = requireInt(params, 'entityId');
    const deal = ctx.state.deals.get(dealId);
    if (!deal) throw restErrors.itemNotFound();
    const n = [...ctx.state.payments.values()].filter((p) => p.entityId === dealId).length + 1;
    const id = ctx.state.nextId('payment');
    ctx.state.payments.set(id, { id, entityTypeId: 2, entityId: dealId, accountNumber: `${dealId}/${n}`, paid: 'N', datePaid: null, empPaidId: null, paySystemId: Number(paySystems[0].ID), currency: String(deal.fields.CURRENCY_ID ?? 'RUB'), dateBill: stampNow(ctx) });
    return { result: id };
  }),
  def('crm.item.payment.get', 'crm', (ctx, params) => ({ result: out(ctx, mustFind(ctx, requireInt(params, 'id'))) })),
  def('crm.item.payment.list', 'crm', (ctx, params) => {
    requireInt(params, 'entityTypeId');
    const entityId = requireInt(params, 'entityId');
    const test = compileFilter(param(params, 'filter'), resolver, { allowLogic: false, offset: ctx.config.timezone });
    const list = [...ctx.state.payments.values()].filter((p) => p.entityId === entityId && test(p)).sort((a, b) => a.id - b.id);
    return { result: list.map((p) => out(ctx, p)) };
  }),
  def('crm.item.payment.update', 'crm', (ctx, params) => {
    const p = mustFind(ctx, requireInt(params, 'id'));
    const f = optionalRecord(params, 'fields');
    if (f.paySystemId !== undefined) {
      const ps = toInt(f.paySystemId);
      if (!paySystems.some((x) => Number(x.ID) === ps)) throw new RestError(400, 'ERROR_ARGUMENT', 'Pay system not found');
      p.paySystemId = ps as number;
    }
    if (f.paid !== undefined) setPaid(ctx, p, isYes(f.paid));
    return { result: true };
  }),
  def('crm.item.payment.pay', 'crm', (ctx, params) => {
    setPaid(ctx, mustFind(ctx, requireInt(params, 'id')), true);
    return { result: true };
  }),
  def('crm.item.payment.unpay', 'crm', (ctx, params) => {
    setPaid(ctx, mustFind(ctx, requireInt(params, 'id')), false);
    return { result: true };
  }),
  def('crm.item.payment.delete', 'crm', (ctx, params) => {
    const p = mustFind(ctx, requireInt(params, 'id'));
    ctx.state.payments.delete(p.id);
    for (const [id, pp] of [...ctx.state.paymentProducts]) if (pp.paymentId === p.id) ctx.state.paymentProducts.delete(id);
    return { result: true };
  }),
  def('crm.item.payment.product.add', 'crm', (ctx, params) => {
    const p = mustFind(ctx, requireInt(params, 'paymentId'));
    const row = ctx.state.productRows.get(requireInt(params, 'rowId'));
    if (!row || row.OWNER_TYPE !== 'D' || row.OWNER_ID !== p.entityId) throw notFound(ctx, 'Product item not found');
    const quantity = toNum(requireParam(params, 'quantity'));
    if (quantity === null || quantity <= 0) throw new RestError(400, 0, 'Product quantity cannot be less than or equal to 0');
    let used = 0;
    for (const pp of ctx.state.paymentProducts.values()) if (pp.rowId === row.ID) used += pp.quantity;
    if (used + quantity > row.QUANTITY + 1e-9) throw new RestError(400, 0, 'Insufficient product quantity to add to payment');
    const id = ctx.state.nextId('paymentProduct');
    ctx.state.paymentProducts.set(id, { id, paymentId: p.id, rowId: row.ID, quantity });
    return { result: id };
  }),
  def('crm.item.payment.product.list', 'crm', (ctx, params) => {
    const p = mustFind(ctx, requireInt(params, 'paymentId'));
    const test = compileFilter(requireParam(params, 'filter'), productResolver, { allowLogic: false, offset: ctx.config.timezone });
    return { result: [...ctx.state.paymentProducts.values()].filter((pp) => pp.paymentId === p.id && test(pp)).map((pp) => ({ id: pp.id, paymentId: pp.paymentId, quantity: pp.quantity, rowId: pp.rowId })) };
  }),
  def('crm.item.payment.product.delete', 'crm', (ctx, params) => {
    const id = requireInt(params, 'id');
    if (!ctx.state.paymentProducts.delete(id)) throw notFound(ctx, 'Payable item has not been found');
    return { result: true };
  }),
  def('sale.paysystem.list', 'pay_system', (ctx, params) => {
    const test = compileFilter(param(params, 'filter'), paySystemResolver, { allowLogic: false, offset: ctx.config.timezone });
    return { result: paySystems.filter(test) };
  }),
];
