/**
 * Payments from 1С shown on the linked deal — EntityAdapter<'payment'> over crm.item.payment.* (ref §8 option 1):
 * add → attach product rows so that the payment's sum (which Bitrix24 derives from its items) equals the 1С amount
 * → set the pay system → pay. Cancelling a payment in 1С = unpay; deleting it = unpay + delete (PAY2).
 * Payments flow only 1С → Б24, so listChanges reports nothing. Deal payments have no external-id field, so a create
 * whose answer was lost is recognised as the one new payment of the deal.
 */
import type { Payment, PaymentMethod, SourceRecord } from '../../../../shared/domain';
import { moneyEquals, parseDecimal, roundMoney } from '../../../../shared/money';
import type { ChangePage, EntityAdapter, WriteOptions } from '../../types';
import { isObject } from '../envelope';
import { Bitrix24Error } from '../errors';
import { recordVersion } from '../version';
import type { AdapterContext } from './context';
import { numericId } from './ids';

type Row = Record<string, unknown>;

const KIND_BY_METHOD: Record<PaymentMethod, Payment['documentKind']> = { cash: 'receipt', card: 'cardPayment', bank: 'bankTransfer', bonus: 'receipt', certificate: 'receipt', other: 'receipt' };

export class Bitrix24PaymentAdapter implements EntityAdapter<'payment'> {
  readonly entity = 'payment' as const;

  constructor(private readonly ctx: AdapterContext) {}

  async get(id: string): Promise<SourceRecord<Payment> | null> {
    const row = await this.readRow(numericId(id, 'payment'));
    return row ? this.toRecord(row, null) : null;
  }

  async create(data: Payment, _options: WriteOptions): Promise<SourceRecord<Payment>> {
    const dealId = this.dealOf(data);
    const before = new Set((await this.listOf(dealId)).map((p) => Number(p.id)));
    const id = Number(await this.ctx.rpc.run({
      method: 'crm.item.payment.add',
      params: { entityTypeId: 2, entityId: dealId },
      lookup: { command: this.listJob(dealId), pick: (r) => (Array.isArray(r) ? (r.filter(isObject).map((p) => Number(p.id)).find((pid) => !before.has(pid)) ?? null) : null) },
    }));
    await this.allocate(id, dealId, data.amount);
    const paySystemId = this.paySystemOf(data.method);
    if (paySystemId !== undefined) await this.ctx.rpc.run({ method: 'crm.item.payment.update', params: { id, fields: { paySystemId } } });
    if (data.effective) await this.ctx.rpc.run({ method: 'crm.item.payment.pay', params: { id } });
    return this.mustGet(id, dealId);
  }

  async update(id: string, data: Payment, _options: WriteOptions): Promise<SourceRecord<Payment>> {
    const n = numericId(id, 'payment');
    const dealId = this.dealOf(data);
    const row = await this.readRow(n);
    if (!row) throw notFound(id);
    const cur = this.toRecord(row, dealId).data;
    if (!moneyEquals(cur.amount, data.amount)) {
      if (cur.effective) await this.ctx.rpc.run({ method: 'crm.item.payment.unpay', params: { id: n } });
      // `filter` is required (D crm-item-payment-product-list.md); an empty one would vanish from a batch query string.
      const items = await this.ctx.rpc.run({ method: 'crm.item.payment.product.list', params: { paymentId: n, filter: { '>id': 0 }, order: { id: 'asc' } } });
      for (const it of Array.isArray(items) ? items.filter(isObject) : []) await this.ctx.rpc.run({ method: 'crm.item.payment.product.delete', params: { id: Number(it.id) } });
      await this.allocate(n, dealId, data.amount);
      cur.effective = false;
    }
    const paySystemId = this.paySystemOf(data.method);
    if (paySystemId !== undefined && paySystemId !== Number(row.paySystemId)) await this.ctx.rpc.run({ method: 'crm.item.payment.update', params: { id: n, fields: { paySystemId } } });
    if (data.effective !== cur.effective) await this.ctx.rpc.run({ method: data.effective ? 'crm.item.payment.pay' : 'crm.item.payment.unpay', params: { id: n } });
    return this.mustGet(n, dealId);
  }

  async markDeleted(id: string): Promise<void> {
    const n = numericId(id, 'payment');
    const row = await this.readRow(n);
    if (!row) return;
    if (row.paid === 'Y') await this.ctx.rpc.run({ method: 'crm.item.payment.unpay', params: { id: n } });
    try {
      await this.ctx.rpc.run({ method: 'crm.item.payment.delete', params: { id: n } });
    } catch (err) {
      if (!(err instanceof Bitrix24Error && err.code === 'NOT_FOUND')) throw err;
    }
  }

  /** Deal payments carry no external id (ref §8, sale.payment.update xmlId Unverified): the link table is the reference. */
  async findByExternalRef(_externalRef: string): Promise<SourceRecord<Payment> | null> {
    return null;
  }

  async listChanges(cursor: string | null): Promise<ChangePage<Payment>> {
    return { records: [], deletedIds: [], nextCursor: cursor ?? 'payments-1c-to-b24-only', hasMore: false };
  }

  /** Payments of a deal (for the deal card / reconciliation). */
  async listForDeal(dealId: string): Promise<SourceRecord<Payment>[]> {
    const n = numericId(dealId, 'deal');
    return (await this.listOf(n)).map((r) => this.toRecord(r, n));
  }

  // ---------- helpers ----------

  private dealOf(data: Payment): number {
    if (!data.orderId) {
      throw new Bitrix24Error({ code: 'VALIDATION', message: 'payment without a deal', userMessage: `Оплата ${data.number ?? ''} от ${data.date.slice(0, 10)} не привязана к заказу, а в Битрикс24 оплаты показываются только в сделке. Укажите заказ в документе оплаты в 1С.` });
    }
    return numericId(data.orderId, 'deal');
  }

  /** Attaches deal rows (whole rows first, then a fraction of the next one) so that the payment's sum equals `amount`. */
  private async allocate(paymentId: number, dealId: number, amount: number): Promise<void> {
    const r = await this.ctx.rpc.run({ method: 'crm.item.productrow.getAvailableForPayment', params: { ownerType: 'D', ownerId: dealId } });
    const rows = isObject(r) && Array.isArray(r.productRows) ? r.productRows.filter(isObject) : [];
    let remaining = roundMoney(amount);
    for (const row of rows) {
      if (remaining <= 0.004) break;
      const price = parseDecimal(row.price) ?? 0;
      const available = parseDecimal(row.quantity) ?? 0;
      if (price <= 0 || available <= 0) continue;
      const whole = price * available;
      const quantity = whole <= remaining + 0.005 ? available : Math.round((remaining / price) * 1e6) / 1e6;
      await this.ctx.rpc.run({ method: 'crm.item.payment.product.add', params: { paymentId, rowId: Number(row.id), quantity } });
      remaining = roundMoney(remaining - price * quantity);
    }
    if (remaining > 0.01) {
      throw new Bitrix24Error({ code: 'VALIDATION', message: `payment exceeds the unpaid rows by ${remaining}`, userMessage: `Сумма оплаты больше неоплаченного остатка по сделке ${dealId} на ${remaining}. Проверьте товары сделки и оплаты в 1С: в Битрикс24 оплата не может превышать сумму товаров.` });
    }
  }

  private paySystemOf(method: PaymentMethod): number | undefined {
    return this.ctx.options.payment.paySystems?.[method];
  }

  private listJob(dealId: number) {
    return { method: 'crm.item.payment.list', params: { entityTypeId: 2, entityId: dealId, order: { id: 'ASC' } } };
  }

  private async listOf(dealId: number): Promise<Row[]> {
    const r = await this.ctx.rpc.run(this.listJob(dealId));
    return Array.isArray(r) ? r.filter(isObject) : [];
  }

  private async readRow(id: number): Promise<Row | null> {
    try {
      const r = await this.ctx.rpc.run({ method: 'crm.item.payment.get', params: { id } });
      return isObject(r) ? r : null;
    } catch (err) {
      if (err instanceof Bitrix24Error && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  private async mustGet(id: number, dealId: number): Promise<SourceRecord<Payment>> {
    const row = await this.readRow(id);
    if (!row) throw notFound(String(id));
    return this.toRecord(row, dealId);
  }

  private toRecord(row: Row, dealId: number | null): SourceRecord<Payment> {
    const paySystemId = Number(row.paySystemId ?? 0);
    const method = (Object.entries(this.ctx.options.payment.paySystems ?? {}).find(([, v]) => v === paySystemId)?.[0] as PaymentMethod | undefined) ?? 'other';
    const owner = row.entityId !== undefined ? Number(row.entityId) : dealId;
    const data: Payment = {
      documentKind: KIND_BY_METHOD[method],
      number: row.accountNumber === undefined ? undefined : String(row.accountNumber),
      date: String(row.datePaid ?? ''),
      orderId: owner ? String(owner) : null,
      customer: null,
      amount: roundMoney(parseDecimal(row.sum) ?? 0),
      currency: String(row.currency ?? 'RUB'),
      method,
      effective: row.paid === 'Y',
    };
    const modifiedAt = String(row.datePaid ?? '');
    // crm.item.payment.get/list return no owner (D crm-item-payment-get.md: id, accountNumber, paid, datePaid, empPaidId,
    // paySystemId, sum, currency, paySystemName): the deal is known only from the caller, so it stays out of the version
    // — get(id) and create/update/listForDeal agree on it.
    const version = recordVersion(modifiedAt, undefined, { ...data, orderId: null });
    return { id: String(row.id), version, deleted: false, modifiedAt: modifiedAt || undefined, data };
  }
}

function notFound(id: string): Bitrix24Error {
  return new Bitrix24Error({ code: 'NOT_FOUND', message: `payment ${id} not found`, userMessage: `Оплата ${id} не найдена в сделке Битрикс24 (возможно, её удалили вручную). Обмен создаст её заново при следующем запуске.` });
}
