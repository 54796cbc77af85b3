// Products, deals (rows, funnels, stages) and payments against the portal simulator.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bitrix24Sim } from '../../../../e2e/simulators/bitrix24';
import type { Order, Payment, Product } from '../../../../shared/domain';
import { createBitrix24Adapters } from '../index';
import { simClient, useSimulator } from '../testing/sim';
import { listDealCategories, listDealStages } from './stages';

const SCALE = 0.01;
const useSim = useSimulator(SCALE);
let sim: Bitrix24Sim;
beforeEach(() => {
  sim = useSim();
});

const adapters = () => createBitrix24Adapters(simClient(sim, SCALE), { payment: { paySystems: { cash: 1, card: 2 } }, changes: { overlapSec: 60, deletionScanIntervalMs: 3_600_000, pageSize: 500 } });

const product = (over: Partial<Product> = {}): Product => ({ name: 'Чай зелёный 100 г', barcodes: [], unit: { code: '796', name: 'шт' }, vatRate: '20', price: { amount: 250, currency: 'RUB' }, isService: false, ...over });

describe('products', () => {
  it('creates with xmlId, base price, measure and VAT; updates the price; a lost create is not repeated', async () => {
    const { product: p } = adapters();
    sim.control.injectFault({ kind: 'lostResponse', method: 'catalog.product.add', times: 1 });
    const rec = await p.create(product(), { externalRef: 'nom-1' });
    expect(sim.control.counts().product).toBe(1);
    expect(rec.data).toEqual(product());
    expect(sim.control.record('product', Number(rec.id))).toMatchObject({ xmlId: 'nom-1', measure: 5, vatId: 4 });
    const upd = await p.update(rec.id, product({ price: { amount: 199.9, currency: 'RUB' }, vatRate: '10', unit: { code: '166', name: 'кг' } }), { expectedVersion: rec.version });
    expect(upd.data).toMatchObject({ price: { amount: 199.9 }, vatRate: '10', unit: { code: '166', name: 'кг' } });
    expect(sim.control.records('price')).toHaveLength(1);
    expect((await p.findByExternalRef('nom-1'))?.id).toBe(rec.id);
    await p.markDeleted(rec.id);
    expect((await p.get(rec.id))?.deleted).toBe(true);
  });

  it('lists product and price changes', async () => {
    const { product: p } = adapters();
    const a = await p.create(product({ name: 'A' }), { externalRef: 'A' });
    await p.create(product({ name: 'B' }), { externalRef: 'B' });
    let page = await p.listChanges(null);
    expect(page.records.map((r) => r.data.name).sort()).toEqual(['A', 'B']);
    sim.control.resetCalls();
    page = await p.listChanges(page.nextCursor);
    expect(page.records).toHaveLength(0);
    expect(sim.control.calls().httpRequests).toBe(1); // products and prices in one request
    sim.control.personEdit({ entity: 'product', id: Number(a.id), fields: { name: 'A2' } });
    page = await p.listChanges(page.nextCursor);
    expect(page.records.map((r) => r.data.name)).toEqual(['A2']);
  });
});

describe('services', () => {
  it('creates a service with catalog.product.service.add (`type` is read-only in catalog.product.add) and reads it back', async () => {
    const { product: p } = adapters();
    const svc = product({ name: 'Доставка', isService: true, unit: { code: '796', name: 'шт' } });
    const rec = await p.create(svc, { externalRef: 'svc-1' });
    expect(sim.control.record('product', Number(rec.id))).toMatchObject({ type: 7, xmlId: 'svc-1' });
    expect(rec.data).toEqual(svc);
    sim.control.resetCalls();
    const upd = await p.update(rec.id, { ...svc, name: 'Доставка курьером' }, { expectedVersion: rec.version });
    expect(upd.data.name).toBe('Доставка курьером');
    await p.markDeleted(rec.id);
    expect((await p.get(rec.id))?.deleted).toBe(true);
    const ran = sim.control.calls().executed;
    expect(ran['catalog.product.service.update']).toBe(2);
    expect(ran['catalog.product.update']).toBeUndefined();
  });
});

describe('price-only changes', () => {
  it('reports a product whose price alone changed (product read by `id: [...]`, the documented IN form)', async () => {
    const { product: p } = adapters();
    const a = await p.create(product({ name: 'A' }), { externalRef: 'pa' });
    let page = await p.listChanges(null);
    page = await p.listChanges(page.nextCursor);
    expect(page.records).toHaveLength(0);
    const client = simClient(sim, SCALE);
    const price = (await client.call<{ prices: { id: number }[] }>('catalog.price.list', { filter: { productId: Number(a.id) } })).result.prices[0];
    await client.call('catalog.price.update', { id: price.id, fields: { price: 260, currency: 'RUB' } });
    page = await p.listChanges(page.nextCursor);
    expect(page.records.map((r) => [r.id, r.data.price?.amount])).toEqual([[a.id, 260]]);
  });
});

describe('deals', () => {
  it('reads funnels and stages for the status ↔ stage table', async () => {
    const client = simClient(sim, SCALE);
    expect((await listDealCategories(client)).map((c) => c.id)).toEqual([0, 1]);
    const stages = await listDealStages(client);
    expect(stages.find((s) => s.id === 'C1:WON')).toMatchObject({ categoryId: 1, semantics: 'success' });
    expect(stages.find((s) => s.id === 'LOSE')).toMatchObject({ categoryId: 0, semantics: 'failure' });
  });

  it('creates a deal with customer, rows and discounts; moves it to another funnel; reads it back exactly', async () => {
    const a = adapters();
    const tea = await a.product.create(product(), { externalRef: 'tea' });
    const buyer = await a.customer.create({ kind: 'person', fullName: 'Петров Пётр', phones: ['+79160000001'], emails: [], cardNumber: null }, { externalRef: 'buyer' });
    const order: Order = {
      number: '0000-000123', date: '2026-03-01T12:00:00+03:00', customer: { kind: 'person', id: buyer.id }, status: 'PREPARATION',
      lines: [
        { productId: tea.id, name: 'Чай зелёный 100 г', quantity: 3, price: 250, discountAmount: 75, amount: 675, vatRate: '20' },
        { productId: null, name: 'Доставка', quantity: 1, price: 300, discountAmount: 0, amount: 300, vatRate: 'none' },
      ],
      amount: 975, currency: 'RUB', comment: 'Позвонить заранее', cancelled: false,
    };
    sim.control.injectFault({ kind: 'lostResponse', method: 'crm.deal.add', times: 1 });
    const rec = await a.order.create(order, { externalRef: 'order-1' });
    expect(sim.control.counts().deal).toBe(1);
    expect(rec.data).toMatchObject({ customer: { kind: 'person', id: buyer.id }, status: 'PREPARATION', amount: 975, currency: 'RUB', comment: 'Позвонить заранее', cancelled: false });
    expect(rec.data.lines).toEqual(order.lines);
    expect(sim.control.record('deal', Number(rec.id))).toMatchObject({ ORIGIN_ID: 'order-1', ORIGINATOR_ID: 'onec-roznica', TITLE: 'Заказ № 0000-000123 от 01.03.2026' });

    const moved = await a.order.update(rec.id, { ...order, status: 'C1:EXECUTING', lines: order.lines.slice(0, 1), amount: 675 }, { expectedVersion: rec.version });
    expect(moved.data).toMatchObject({ status: 'C1:EXECUTING', amount: 675 });
    expect(moved.data.lines).toHaveLength(1);
    expect(sim.control.record('deal', Number(rec.id))).toMatchObject({ CATEGORY_ID: '1' });
    const lost = await a.order.update(rec.id, { ...moved.data, status: 'C1:LOSE' }, {});
    expect(lost.data.cancelled).toBe(true);
  });

  it('lists deals changed in the portal with their rows', async () => {
    const a = adapters();
    const rec = await a.order.create({ date: '2026-03-02T10:00:00+03:00', customer: null, status: '', lines: [{ productId: null, name: 'Услуга', quantity: 2, price: 100, discountAmount: 0, amount: 200, vatRate: 'none' }], amount: 200, currency: 'RUB', cancelled: false }, { externalRef: 'o2' });
    let page = await a.order.listChanges(null);
    expect(page.records.map((r) => r.id)).toEqual([rec.id]);
    expect(page.records[0].data.lines[0]).toMatchObject({ name: 'Услуга', amount: 200 });
    sim.control.resetCalls();
    page = await a.order.listChanges(page.nextCursor);
    expect(page.records).toHaveLength(0);
    expect(sim.control.calls().httpRequests).toBe(1);
    sim.control.personEdit({ entity: 'deal', id: Number(rec.id), fields: { STAGE_ID: 'WON' } });
    page = await a.order.listChanges(page.nextCursor);
    expect(page.records.map((r) => [r.id, r.data.status, r.modifiedBy])).toEqual([[rec.id, 'WON', '7']]);
  });
});

describe('payments', () => {
  it('adds a payment for part of the deal, pays, unpays and withdraws it', async () => {
    const a = adapters();
    const deal = await a.order.create({ date: '2026-03-03T10:00:00+03:00', customer: null, status: '', lines: [
      { productId: null, name: 'Товар 1', quantity: 2, price: 500, discountAmount: 0, amount: 1000, vatRate: '20' },
      { productId: null, name: 'Товар 2', quantity: 1, price: 300, discountAmount: 0, amount: 300, vatRate: '20' },
    ], amount: 1300, currency: 'RUB', cancelled: false }, { externalRef: 'o3' });
    const pay: Payment = { documentKind: 'receipt', number: 'ЧК-1', date: '2026-03-03T11:00:00+03:00', orderId: deal.id, customer: null, amount: 700, currency: 'RUB', method: 'cash', effective: true };
    sim.control.injectFault({ kind: 'lostResponse', method: 'crm.item.payment.add', times: 1 });
    const rec = await a.payment.create(pay, { externalRef: 'pay-1' });
    expect(sim.control.counts().payment).toBe(1);
    expect(rec.data).toMatchObject({ amount: 700, effective: true, method: 'cash', orderId: deal.id });
    const second = await a.payment.create({ ...pay, amount: 600, method: 'card' }, { externalRef: 'pay-2' });
    expect(second.data).toMatchObject({ amount: 600, method: 'card' });
    const unposted = await a.payment.update(rec.id, { ...pay, effective: false }, {});
    expect(unposted.data.effective).toBe(false);
    await a.payment.markDeleted(second.id);
    expect((await a.payment.listForDeal(deal.id)).map((p) => p.id)).toEqual([rec.id]);
    await expect(a.payment.create({ ...pay, amount: 5000 }, {})).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('changes the amount of a paid payment (re-attaches rows); a payment deleted in the portal reads as absent (error 0)', async () => {
    const a = adapters();
    const deal = await a.order.create({ date: '2026-03-04T10:00:00+03:00', customer: null, status: '', lines: [
      { productId: null, name: 'Товар', quantity: 4, price: 250, discountAmount: 0, amount: 1000, vatRate: '20' },
    ], amount: 1000, currency: 'RUB', cancelled: false }, { externalRef: 'o4' });
    const pay: Payment = { documentKind: 'receipt', number: 'ЧК-2', date: '2026-03-04T11:00:00+03:00', orderId: deal.id, customer: null, amount: 500, currency: 'RUB', method: 'cash', effective: true };
    const rec = await a.payment.create(pay, { externalRef: 'pay-3' });
    const changed = await a.payment.update(rec.id, { ...pay, amount: 750 }, {});
    expect(changed.data).toMatchObject({ amount: 750, effective: true });
    expect((await a.payment.get(rec.id))?.version).toBe(changed.version); // the portal does not return the owner deal
    expect(sim.control.records('paymentProduct')).toHaveLength(1);
    await a.payment.markDeleted(rec.id);
    expect(await a.payment.get(rec.id)).toBeNull();
    await a.payment.markDeleted(rec.id); // already gone: no error
  });
});
