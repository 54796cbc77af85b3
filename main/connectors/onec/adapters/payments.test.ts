import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Payment, SourceRecord } from '../../../../shared/domain';
import { OnecError } from '../errors';
import { startFixture, type SimFixture } from '../sim-fixture';

let f: SimFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

async function drain(cursor: string | null) {
  const records: SourceRecord<Payment>[] = [];
  const deleted: string[] = [];
  let page;
  do {
    page = await f.connector.payment.listChanges(cursor);
    records.push(...page.records);
    deleted.push(...page.deletedIds);
    cursor = page.nextCursor;
  } while (page.hasMore);
  return { records, deleted, cursor };
}

const kind = (rs: SourceRecord<Payment>[], k: Payment['documentKind']) => rs.find((r) => r.data.documentKind === k) as SourceRecord<Payment>;

describe('payments adapter (read-only)', () => {
  it('reads the four payment documents with their order link, method and effect', async () => {
    const { records } = await drain(null);
    expect(records.map((r) => r.data.documentKind).sort()).toEqual(['bankTransfer', 'cardPayment', 'cashInOrder', 'receipt']);
    const orders = f.sim.control.list('Document_ЗаказПокупателя');
    const receipt = kind(records, 'receipt');
    expect(receipt.data).toMatchObject({ method: 'card', effective: true, customer: { kind: 'person' } });
    expect(orders.some((o) => o.Ref_Key === receipt.data.orderId)).toBe(true);
    expect(kind(records, 'cashInOrder').data).toMatchObject({ method: 'cash', amount: 200, effective: true, date: '2025-01-16T10:00:00+03:00' });
    expect(kind(records, 'cardPayment').data.orderId).toBe(kind(records, 'cashInOrder').data.orderId);
    expect(kind(records, 'bankTransfer').data).toMatchObject({ method: 'bank', customer: { kind: 'company' } });
  });

  it('withdraws a payment that is unposted (effective=false) or marked for deletion (PAY2)', async () => {
    const first = await drain(null);
    const idle = await drain(first.cursor);
    expect(idle.records).toEqual([]);
    const cash = kind(first.records, 'cashInOrder');
    const card = kind(first.records, 'cardPayment');
    f.sim.control.unpost('Document_ПриходныйКассовыйОрдер', cash.id);
    f.sim.control.edit('Document_ОплатаОтПокупателяПлатежнойКартой', card.id, { DeletionMark: true });
    const next = await drain(idle.cursor);
    expect(next.records.map((r) => [r.id, r.data.effective])).toEqual([[cash.id, false]]);
    expect(next.deleted).toEqual([card.id]);
  });

  it('lists the payments of one order', async () => {
    const { records } = await drain(null);
    const orderId = kind(records, 'cashInOrder').data.orderId as string;
    const ofOrder = await f.connector.payment.forOrder(orderId);
    expect(ofOrder.map((p) => p.data.documentKind).sort()).toEqual(['cardPayment', 'cashInOrder']);
  });

  it('links a receipt whose order is named only in its lines (Товары.ЗаказПокупателя, ref §2.6)', async () => {
    const first = await drain(null);
    const order = f.sim.control.list('Document_ЗаказПокупателя').find((o) => o.DeletionMark !== true && Array.isArray(o.Товары) && o.Товары.length > 0) as Record<string, unknown>;
    const lines = (order.Товары as Record<string, unknown>[]).map((l, i) => ({ ...l, LineNumber: i + 1, ЗаказПокупателя_Key: order.Ref_Key }));
    const receipt = f.sim.control.create('Document_ЧекККМ', {
      Date: '2025-02-09T18:00:00',
      ВидОперации: 'Продажа',
      СтатусЧекаККМ: 'Пробитый',
      Магазин_Key: f.sim.control.refs.stores.main,
      СуммаДокумента: 150,
      Товары: lines,
      Оплата: [{ LineNumber: 1, ВидОплаты_Key: f.sim.control.refs.paymentKinds.cash, Сумма: 150 }],
    });
    f.sim.control.post('Document_ЧекККМ', String(receipt.Ref_Key));
    const next = await drain(first.cursor);
    const got = next.records.find((r) => r.id === receipt.Ref_Key);
    expect(got?.data).toMatchObject({ documentKind: 'receipt', orderId: order.Ref_Key, amount: 150, method: 'cash', effective: true });
    const ofOrder = await f.connector.payment.forOrder(String(order.Ref_Key));
    expect(ofOrder.map((p) => p.id)).toContain(receipt.Ref_Key);
  });

  it('never writes', async () => {
    await expect(f.connector.payment.create()).rejects.toBeInstanceOf(OnecError);
    await expect(f.connector.payment.markDeleted()).rejects.toMatchObject({ code: 'READ_ONLY' });
  });
});
