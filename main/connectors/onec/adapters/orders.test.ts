import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Order, SourceRecord } from '../../../../shared/domain';
import { OnecConcurrencyError, OnecPostingError } from '../errors';
import { startFixture, type SimFixture } from '../sim-fixture';

let f: SimFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

const ORDERS = 'Document_ЗаказПокупателя';

async function drain(cursor: string | null) {
  const records: SourceRecord<Order>[] = [];
  const deleted: string[] = [];
  let page;
  do {
    page = await f.connector.order.listChanges(cursor);
    records.push(...page.records);
    deleted.push(...page.deletedIds);
    cursor = page.nextCursor;
  } while (page.hasMore);
  return { records, deleted, cursor };
}

function productId(sku: string): string {
  return String(f.sim.control.list('Catalog_Номенклатура').find((p) => p.Артикул === sku)?.Ref_Key);
}

function personId(i = 0): string {
  return String(f.sim.control.list('Catalog_ФизическиеЛица').filter((p) => !p.IsFolder && !p.DeletionMark)[i].Ref_Key);
}

function newOrder(customer: Order['customer']): Order {
  return {
    date: '2025-02-10T11:00:00+03:00',
    customer,
    status: 'НеСогласован',
    lines: [
      { productId: productId('MLK-001'), name: 'Молоко 3,2% 1 л', quantity: 2, price: 98.89, discountAmount: 7.78, amount: 190, vatRate: '10' },
      { productId: productId('COF-004'), name: 'Кофе молотый 250 г', quantity: 1, price: 399, discountAmount: 0, amount: 399, vatRate: '20' },
    ],
    amount: 589,
    currency: 'RUB',
    comment: 'Сделка из Битрикс24',
    cancelled: false,
  };
}

describe('orders adapter', () => {
  it('reads orders of the date window with lines, customer (card owner, not «Розничный покупатель») and status', async () => {
    f.clock.now = new Date('2025-02-10T12:00:00+03:00');
    const { records, deleted } = await drain(null);
    expect(records).toHaveLength(3); // the deletion-marked one was never delivered
    expect(deleted).toEqual([]);
    const o1 = records.find((r) => r.data.lines.length === 2 && r.data.status === 'Согласован') as SourceRecord<Order>;
    expect(o1.data.customer?.kind).toBe('person');
    expect(o1.data.customer?.id).not.toBe(f.sim.control.refs.counterparties.retailBuyer);
    expect(o1.data.date).toBe('2025-01-15T10:00:00+03:00');
    expect(o1.data.lines[0]).toMatchObject({ name: 'Молоко 3,2% 1 л', quantity: 2, price: 89.9, amount: 179.8, vatRate: '10' });
    const o2 = records.find((r) => r.data.status === 'НеСогласован') as SourceRecord<Order>;
    expect(o2.data.customer?.kind).toBe('company');
  });

  it('round-trips a new order: posted, lines and discounts intact, Bitrix24 id as the crash-recovery marker', async () => {
    const order = newOrder({ kind: 'person', id: personId() });
    const created = await f.connector.order.create(order, { externalRef: '4711' });
    expect(created.data).toMatchObject({ ...order, number: created.data.number, lines: order.lines });
    const row = f.sim.control.get(ORDERS, created.id) as Record<string, unknown>;
    expect(row).toMatchObject({ Posted: true, НомерЗаказаНаСайте: '4711', Магазин_Key: f.sim.control.refs.stores.main, Контрагент_Key: f.sim.control.refs.counterparties.retailBuyer });
    expect((await f.connector.order.findByExternalRef('4711'))?.id).toBe(created.id);
    expect(await f.connector.order.findByExternalRef('471')).toBeNull();

    const changed = await f.connector.order.update(created.id, { ...created.data, status: 'Согласован', lines: created.data.lines.slice(0, 1) }, { expectedVersion: created.version });
    expect(changed.data.status).toBe('Согласован');
    expect(changed.data.lines).toHaveLength(1);
    expect(changed.data.amount).toBe(190);
    expect(f.sim.control.get(ORDERS, created.id)).toMatchObject({ Posted: true, СуммаДокумента: 190 });
  });

  it('keeps what only 1С knows about the lines (characteristic, pack, line codes) when updating an order', async () => {
    const created = await f.connector.order.create(newOrder({ kind: 'person', id: personId() }), { externalRef: '4714' });
    const variant = '5a1e0000-0000-4000-8000-0000000000c2';
    const pack = '5a1e0000-0000-4000-8000-0000000000d1';
    const rows = (f.sim.control.get(ORDERS, created.id)?.Товары as Record<string, unknown>[]).map((r) => ({ ...r }));
    rows[0] = { ...rows[0], Характеристика_Key: variant, Упаковка_Key: pack, КоличествоУпаковок: 1 };
    rows[1] = { ...rows[1], Характеристика_Key: variant, КлючСвязи: 5 };
    f.sim.control.edit(ORDERS, created.id, { Товары: rows });
    const seen = await f.connector.order.get(created.id);
    if (!seen) throw new Error('order not found');

    // Status only: the Товары section is not sent at all (PATCH would replace it, ref §1.6).
    const patch = vi.spyOn(f.connector.client, 'patch');
    try {
      const agreed = await f.connector.order.update(created.id, { ...seen.data, status: 'Согласован' }, { expectedVersion: seen.version });
      expect(patch.mock.calls.find(([set]) => set === ORDERS)?.[2]).not.toHaveProperty('Товары');
      const kept = f.sim.control.get(ORDERS, created.id)?.Товары as Record<string, unknown>[];
      expect(kept[0]).toMatchObject({ Характеристика_Key: variant, Упаковка_Key: pack });

      // Lines changed: the unchanged second row keeps its characteristic and code; the first row's pack goes
      // with its new quantity; an added row gets the next line code.
      const lines = [{ ...seen.data.lines[0], quantity: 3, amount: 290 }, seen.data.lines[1], { ...seen.data.lines[1], quantity: 2, amount: 798 }];
      await f.connector.order.update(created.id, { ...agreed.data, lines }, { expectedVersion: agreed.version });
      const after = f.sim.control.get(ORDERS, created.id) as Record<string, unknown>;
      const ts = after.Товары as Record<string, unknown>[];
      expect(ts.map((r) => r.Характеристика_Key)).toEqual([variant, variant, '00000000-0000-0000-0000-000000000000']);
      expect(ts[1].КлючСвязи).toBe('5'); // Edm.Int64 read as a string, written back as a number
      expect(ts[0]).toMatchObject({ Количество: 3, Упаковка_Key: '00000000-0000-0000-0000-000000000000', КоличествоУпаковок: 3 });
      expect(ts.map((r) => Number(r.КодСтроки))).toEqual([1, 2, 3]);
      expect(Number(after.МаксимальныйКодСтроки)).toBe(3);
    } finally {
      patch.mockRestore();
    }
  });

  it('refuses to overwrite an order edited in 1С since the engine read it', async () => {
    const created = await f.connector.order.create(newOrder({ kind: 'company', id: String(f.sim.control.list('Catalog_Контрагенты')[1].Ref_Key) }), { externalRef: '4712' });
    f.sim.control.edit(ORDERS, created.id, { Комментарий: 'Позвонить перед доставкой' });
    const err = await f.connector.order.update(created.id, { ...created.data, status: 'Закрыт' }, { expectedVersion: created.version }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnecConcurrencyError);
    expect(f.sim.control.get(ORDERS, created.id)).toMatchObject({ Статус: 'НеСогласован', Комментарий: 'Позвонить перед доставкой' });
  });

  it('reports a posting failure for that order only; the others are posted', async () => {
    // Without «Розничный покупатель» a person order has no Контрагент — posting refuses it.
    const strict = await startFixture({}, { retailCustomerId: undefined });
    try {
      const company = String(strict.sim.control.list('Catalog_Контрагенты')[0].Ref_Key);
      const person = String(strict.sim.control.list('Catalog_ФизическиеЛица').find((p) => !p.IsFolder)?.Ref_Key);
      const results = await Promise.allSettled([
        strict.connector.order.create(newOrder({ kind: 'company', id: company }), { externalRef: '5001' }),
        strict.connector.order.create(newOrder({ kind: 'person', id: person }), { externalRef: '5002' }),
        strict.connector.order.create(newOrder({ kind: 'company', id: company }), { externalRef: '5003' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const failure = (results[1] as PromiseRejectedResult).reason as OnecPostingError<SourceRecord<Order>>;
      expect(failure).toBeInstanceOf(OnecPostingError);
      expect(failure.message).toContain('не проведён');
      expect(failure.message).toContain('Контрагент');
      expect(failure.record.id).toBe(failure.id);
      expect(strict.sim.control.get(ORDERS, failure.id)).toMatchObject({ Posted: false, НомерЗаказаНаСайте: '5002' });
      for (const r of [results[0], results[2]]) {
        const id = (r as PromiseFulfilledResult<SourceRecord<Order>>).value.id;
        expect(strict.sim.control.get(ORDERS, id)).toMatchObject({ Posted: true });
      }
      // After a crash the saved-but-unposted order is found by the deal id, not created twice.
      expect((await strict.connector.order.findByExternalRef('5002'))?.id).toBe(failure.id);
    } finally {
      await strict.close();
    }
  });

  it('re-checks open orders outside the date window and forgets closed ones', async () => {
    f.clock.now = new Date('2025-02-10T12:00:00+03:00');
    const first = await drain(null);
    const open = first.records.find((r) => r.data.status === 'НеСогласован' && r.data.date.startsWith('2025-01-20')) as SourceRecord<Order>;
    const closed = first.records.find((r) => r.data.status === 'Закрыт') as SourceRecord<Order>;
    const idle = await drain(first.cursor);
    f.clock.now = new Date('2025-06-01T12:00:00+03:00'); // both are now far outside the 60-day window
    f.sim.control.edit(ORDERS, open.id, { Статус: 'Согласован' });
    f.sim.control.edit(ORDERS, closed.id, { Комментарий: 'архив' });
    const later = await drain(idle.cursor);
    expect(later.records.map((r) => r.id)).toContain(open.id);
    expect(later.records.map((r) => r.id)).not.toContain(closed.id);
    expect(later.deleted).toEqual([]);
    f.clock.now = new Date('2025-02-10T12:00:00+03:00');
  });

  it('marks an order for deletion (unposting it first) instead of deleting it', async () => {
    const created = await f.connector.order.create(newOrder({ kind: 'person', id: personId(1) }), { externalRef: '4713' });
    await f.connector.order.markDeleted(created.id, { expectedVersion: created.version });
    expect(f.sim.control.get(ORDERS, created.id)).toMatchObject({ DeletionMark: true, Posted: false });
  });
});
