import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setProperties } from '../metadata';
import type { Product, SourceRecord } from '../../../../shared/domain';
import { OnecError, OnecWriteMismatchError } from '../errors';
import { startFixture, type SimFixture } from '../sim-fixture';

let f: SimFixture;
let products: SourceRecord<Product>[];
beforeAll(async () => {
  f = await startFixture();
  const page = await f.connector.product.listChanges(null);
  products = page.records;
  await f.connector.product.listChanges(page.nextCursor); // acknowledge
});
afterAll(() => f.close());

const byName = (name: string) => products.find((p) => p.data.name === name) as SourceRecord<Product>;
const DOCS = 'Document_УстановкаЦенНоменклатуры';

describe('products adapter', () => {
  it('reads name, article, unit, VAT, barcodes and the price of the configured type (posted documents only)', () => {
    expect(products).toHaveLength(15);
    const milk = byName('Молоко 3,2% 1 л');
    expect(milk.data).toMatchObject({ article: 'MLK-001', unit: { code: '112', name: 'л' }, vatRate: '10', isService: false, price: { amount: 98.89, currency: 'RUB' } });
    expect(milk.data.barcodes.length).toBeGreaterThan(0);
    expect(byName('Доставка').data).toMatchObject({ isService: true, vatRate: 'none', price: { amount: 300 } });
    expect(milk.version).toMatch(/\|p=98\.89/);
  });

  it('round-trips a change made in Bitrix24: header by PATCH, price by one posted УстановкаЦенНоменклатуры (idempotent by operation id)', async () => {
    const tea = byName('Чай черный 100 пак.');
    const wanted: Product = { ...tea.data, name: 'Чай черный 100 пакетиков', price: { amount: 299, currency: 'RUB' }, barcodes: [...tea.data.barcodes, '4600000000017'] };
    const docsBefore = f.sim.control.count(DOCS);
    const updated = await f.connector.product.update(tea.id, wanted, { expectedVersion: tea.version, operationId: 'op-tea-1' });
    expect(updated.data).toEqual({ ...wanted, barcodes: [...wanted.barcodes].sort() });
    expect(updated.version).not.toBe(tea.version);
    const docs = f.sim.control.list(DOCS).filter((d) => String(d.Комментарий).includes('{op:op-tea-1}'));
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ Posted: true });
    expect(f.sim.control.count(DOCS)).toBe(docsBefore + 1);
    // A retry of the same operation finds the document instead of creating a second one.
    await f.connector.product.update(tea.id, { ...wanted, price: { amount: 299, currency: 'RUB' } }, { operationId: 'op-tea-1' });
    expect(f.sim.control.count(DOCS)).toBe(docsBefore + 1);
  });

  it('sees a price set in 1С although the product object did not change', async () => {
    const coffee = byName('Кофе молотый 250 г');
    const priceDoc = f.sim.control.create(DOCS, {
      Date: '2025-02-09T10:00:00',
      Согласован: true,
      Товары: [{ LineNumber: 1, Номенклатура_Key: coffee.id, ВидЦены_Key: f.sim.control.refs.priceTypes.retail, Цена: 449 }],
      ВидыЦен: [{ LineNumber: 1, ВидЦены_Key: f.sim.control.refs.priceTypes.retail }],
    });
    f.sim.control.post(DOCS, String(priceDoc.Ref_Key));
    let cursor: string | null = null;
    const changed: SourceRecord<Product>[] = [];
    for (;;) {
      const page = await f.connector.product.listChanges(cursor);
      changed.push(...page.records);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(changed.map((p) => p.data.name)).toContain('Кофе молотый 250 г');
    expect(changed.find((p) => p.id === coffee.id)?.data.price?.amount).toBe(449);
  });

  it('reports an article 1С cut silently', async () => {
    const sugar = byName('Сахар 1 кг');
    const err = await f.connector.product.update(sugar.id, { ...sugar.data, article: 'A'.repeat(40) }, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnecWriteMismatchError);
    expect((err as Error).message).toMatch(/Артикул.*обрезано до 25 символов/);
  });

  it('does not create products in 1С unless the M3 copy is on (P4)', async () => {
    const err = await f.connector.product.create(byName('Сахар 1 кг').data, {}).catch((e: unknown) => e);
    expect((err as OnecError).code).toBe('READ_ONLY');
  });

  it('refuses a unit 1С does not know before writing anything', async () => {
    const bread = byName('Хлеб Бородинский');
    const before = f.sim.control.get('Catalog_Номенклатура', bread.id);
    const err = await f.connector.product.update(bread.id, { ...bread.data, name: 'Хлеб', unit: { name: 'упаковка' } }, {}).catch((e: unknown) => e);
    expect((err as OnecError).code).toBe('MAPPING');
    expect(f.sim.control.get('Catalog_Номенклатура', bread.id)).toEqual(before);
  });

  it("takes the product's own price, not a variant's, from SliceLast (one record per Характеристика, ref §2.3)", async () => {
    const milk = byName('Молоко 3,2% 1 л');
    const doc = f.sim.control.create(DOCS, {
      Date: '2025-02-09T11:00:00',
      Согласован: true,
      Товары: [{ LineNumber: 1, Номенклатура_Key: milk.id, Характеристика_Key: '5a1e0000-0000-4000-8000-0000000000c1', ВидЦены_Key: f.sim.control.refs.priceTypes.retail, Цена: 1111 }],
      ВидыЦен: [{ LineNumber: 1, ВидЦены_Key: f.sim.control.refs.priceTypes.retail }],
    });
    f.sim.control.post(DOCS, String(doc.Ref_Key));
    expect((await f.connector.product.get(milk.id))?.data.price?.amount).toBe(98.89);
    const scan = await f.connector.product.scan();
    expect(scan.current.get(milk.id)?.version).toMatch(/\|p=98\.89/);
  });

  it('writes a barcode with its primitive type when Штрихкод is published as a composite ([unconf], ref §2.3)', async () => {
    const bread = byName('Хлеб Бородинский');
    const props = setProperties(f.connector.model, 'InformationRegister_Штрихкоды');
    props?.set('Штрихкод_Type', { name: 'Штрихкод_Type', type: 'Edm.String' });
    const create = vi.spyOn(f.connector.client, 'create');
    try {
      await f.connector.product.update(bread.id, { ...bread.data, barcodes: [...bread.data.barcodes, '4600000000024'] }, {});
      const call = create.mock.calls.find(([set]) => set === 'InformationRegister_Штрихкоды');
      expect(call?.[1]).toMatchObject({ Штрихкод: '4600000000024', Штрихкод_Type: 'Edm.String', Владелец_Type: 'StandardODATA.Catalog_Номенклатура' });
    } finally {
      create.mockRestore();
      props?.delete('Штрихкод_Type');
    }
    const after = await f.connector.product.get(bread.id);
    expect(after?.data.barcodes).toContain('4600000000024');
  });
});
