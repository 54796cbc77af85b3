// Deal payments and pay systems (ref §8).
import { describe, expect, it } from 'vitest';
import { ok, useSim, type Json } from './test/harness';

describe('crm.item.payment.*', () => {
  const { sim, api } = useSim();

  it('add → product.add (rows from productrow.list) → pay/unpay → update → delete', async () => {
    const deal = ok<number>(await api('crm.deal.add', { fields: { TITLE: 'P' } }));
    const rows = ok<{ productRows: Json[] }>(await api('crm.item.productrow.set', { ownerType: 'D', ownerId: deal, productRows: [{ productName: 'A', price: 100, quantity: 2 }, { productName: 'B', price: 50, quantity: 1 }] })).productRows;
    const payId = ok<number>(await api('crm.item.payment.add', { entityTypeId: 2, entityId: deal }));
    const empty = ok<Json>(await api('crm.item.payment.get', { id: payId }));
    expect(empty).toMatchObject({ id: payId, accountNumber: `${deal}/1`, paid: 'N', sum: 0, currency: 'RUB', paySystemId: 1, paySystemName: 'Наличные', datePaid: null });
    ok(await api('crm.item.payment.product.add', { paymentId: payId, rowId: rows[0].id, quantity: 1 }));
    const available = ok<{ productRows: Json[] }>(await api('crm.item.productrow.getAvailableForPayment', { ownerType: 'D', ownerId: deal })).productRows;
    expect(available.map((r) => [r.productName, r.quantity])).toEqual([['A', 1], ['B', 1]]);
    // D crm-item-payment-product-add.md: business errors are HTTP 400 with the numeric code 0
    expect((await api('crm.item.payment.product.add', { paymentId: payId, rowId: rows[0].id, quantity: 5 })).body).toEqual({ error: 0, error_description: 'Insufficient product quantity to add to payment' });
    expect((await api('crm.item.payment.product.add', { paymentId: payId, rowId: rows[0].id })).body).toMatchObject({ error: 100 });
    // D crm-item-payment-product-list.md: `filter` is required; items carry id, paymentId, quantity, rowId.
    expect((await api('crm.item.payment.product.list', { paymentId: payId })).body).toMatchObject({ error: 100 });
    expect(ok<Json[]>(await api('crm.item.payment.product.list', { paymentId: payId, filter: { '>id': 0 } }))).toEqual([{ id: expect.any(Number), paymentId: payId, rowId: rows[0].id, quantity: 1 }]);
    expect(ok<Json[]>(await api('crm.item.payment.product.list', { paymentId: payId, filter: { '>quantity': 1 } }))).toEqual([]);
    expect(ok<Json>(await api('crm.item.payment.get', { id: payId })).sum).toBe(100);
    ok(await api('crm.item.payment.pay', { id: payId }));
    const paid = ok<Json>(await api('crm.item.payment.get', { id: payId }));
    expect(paid).toMatchObject({ paid: 'Y', empPaidId: 1 });
    expect(paid.datePaid).toMatch(/\+03:00$/);
    ok(await api('crm.item.payment.unpay', { id: payId }));
    expect(ok<Json>(await api('crm.item.payment.get', { id: payId })).paid).toBe('N');
    ok(await api('crm.item.payment.update', { id: payId, fields: { paySystemId: 2, paid: 'Y' } }));
    expect(ok<Json[]>(await api('crm.item.payment.list', { entityTypeId: 2, entityId: deal }))).toEqual([expect.objectContaining({ id: payId, paid: 'Y', paySystemId: 2, paySystemName: 'Банковская карта' })]);
    ok(await api('crm.item.payment.delete', { id: payId }));
    // D crm-item-payment-get.md error table: code 0 (not NOT_FOUND as the crm.item.* methods).
    const gone = await api('crm.item.payment.get', { id: payId });
    expect(gone.status).toBe(400);
    expect(gone.body).toEqual({ error: 0, error_description: 'Payment has not been found' });
    expect((await api('crm.item.payment.list', { entityId: deal })).body).toMatchObject({ error: 100 });
    expect(sim().control.records('paymentProduct')).toEqual([]);
  });

  it('sale.paysystem.list needs scope pay_system', async () => {
    expect(ok<Json[]>(await api('sale.paysystem.list', { filter: { ACTIVE: 'Y' } })).map((p) => p.NAME)).toEqual(['Наличные', 'Банковская карта', 'Безналичный расчёт']);
    sim().control.setScopes(['crm', 'catalog']);
    const r = await api('sale.paysystem.list');
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('insufficient_scope');
  });
});
