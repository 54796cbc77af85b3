// catalog.* (ref §6).
import { describe, expect, it } from 'vitest';
import { ok, useSim, type Json } from './test/harness';

describe('catalog', () => {
  const { sim, api } = useSim();

  it('dictionaries: catalogs (use the one without productIblockId), price types, measures, VAT', async () => {
    const catalogs = ok<{ catalogs: Json[] }>(await api('catalog.catalog.list')).catalogs;
    expect(catalogs.filter((c) => c.productIblockId === null).map((c) => c.iblockId)).toEqual([25]);
    const types = ok<{ priceTypes: Json[] }>(await api('catalog.priceType.list')).priceTypes;
    expect(types.find((t) => t.base === 'Y')).toMatchObject({ id: 1, name: 'BASE' });
    const measures = ok<{ measures: Json[] }>(await api('catalog.measure.list')).measures;
    expect(measures.find((m) => m.code === '796')).toMatchObject({ id: 5, symbol: 'шт' });
    const vats = ok<{ vats: Json[] }>(await api('catalog.vat.list')).vats;
    expect(vats.map((v) => v.rate)).toEqual([null, 0, 10, 20]);
  });

  it('product add/update/get/list/delete with xmlId (defaults to the id), timestampX and modifiedBy', async () => {
    const el = ok<{ element: Json }>(await api('catalog.product.add', { fields: { iblockId: 25, name: 'Сыр', xmlId: 'guid-cheese', measure: 5, vatId: 4, vatIncluded: 'Y' } })).element;
    expect(el).toMatchObject({ iblockId: 25, name: 'Сыр', xmlId: 'guid-cheese', measure: 5, vatId: 4, vatIncluded: 'Y', createdBy: 1, modifiedBy: 1 });
    const plain = ok<{ element: Json }>(await api('catalog.product.add', { fields: { iblockId: 25, name: 'Хлеб' } })).element;
    expect(plain.xmlId).toBe(String(plain.id));
    const upd = ok<{ element: Json }>(await api('catalog.product.update', { id: el.id, fields: { name: 'Сыр твёрдый' } })).element;
    expect(upd.name).toBe('Сыр твёрдый');
    expect(ok<{ product: Json }>(await api('catalog.product.get', { id: el.id })).product.name).toBe('Сыр твёрдый');
    const byXml = ok<{ products: Json[] }>(await api('catalog.product.list', { filter: { iblockId: 25, xmlId: 'guid-cheese' }, select: ['id', 'iblockId', 'xmlId'] })).products;
    expect(byXml).toEqual([{ id: el.id, iblockId: 25, xmlId: 'guid-cheese' }]);
    // IN = an array under the plain key; `@` is not among the documented prefixes (D catalog-product-list.md)
    expect(ok<{ products: Json[] }>(await api('catalog.product.list', { filter: { iblockId: 25, id: [el.id, plain.id] }, select: ['id', 'iblockId'] })).products).toHaveLength(2);
    expect((await api('catalog.product.list', { filter: { iblockId: 25, '@id': [el.id] }, select: ['id', 'iblockId'] })).status).toBe(400);
    sim().control.personEdit({ entity: 'product', id: el.id as number, fields: { name: 'Сыр (правка)' } });
    expect(ok<{ product: Json }>(await api('catalog.product.get', { id: el.id })).product.modifiedBy).toBe(7);
    ok(await api('catalog.product.delete', { id: plain.id }));
    const gone = await api('catalog.product.get', { id: plain.id });
    expect(gone.status).toBe(400);
    expect(gone.body).toEqual({ error: 0, error_description: 'product does not exist.' }); // D catalog-product-get.md: code 0
    expect((await api('catalog.product.add', { fields: { name: 'no iblock' } })).status).toBe(400);
  });

  it('prices: add/update/list; modify replaces the collection and deletes omitted prices', async () => {
    const pid = ok<{ element: Json }>(await api('catalog.product.add', { fields: { iblockId: 25, name: 'Молоко' } })).element.id;
    const base = ok<{ price: Json }>(await api('catalog.price.add', { fields: { productId: pid, catalogGroupId: 1, price: 89.9, currency: 'RUB' } })).price;
    const whole = ok<{ price: Json }>(await api('catalog.price.add', { fields: { productId: pid, catalogGroupId: 2, price: 80, currency: 'RUB' } })).price;
    // price AND currency are required by catalog.price.update (D catalog-price-update.md)
    expect((await api('catalog.price.update', { id: base.id, fields: { price: 99.9 } })).body).toEqual({ error: 0, error_description: 'Required fields: currency' });
    expect((await api('catalog.price.add', { fields: { productId: pid, catalogGroupId: 3 } })).body).toEqual({ error: 0, error_description: 'Required fields: price, currency' });
    ok(await api('catalog.price.update', { id: base.id, fields: { price: 99.9, currency: 'RUB' } }));
    const list = ok<{ prices: Json[] }>(await api('catalog.price.list', { filter: { productId: pid } })).prices;
    expect(list.map((p) => [p.catalogGroupId, p.price])).toEqual([[1, 99.9], [2, 80]]);
    expect((await api('catalog.price.modify', { fields: { product: { id: pid, prices: [{ id: base.id, price: 1 }] } } })).body).toMatchObject({ error: 0 });
    const mod = ok<{ prices: Json[] }>(await api('catalog.price.modify', { fields: { product: { id: pid, prices: [{ id: base.id, catalogGroupId: 1, price: 109.9, currency: 'RUB' }] } } })).prices;
    expect(mod).toHaveLength(1);
    const after = ok<{ prices: Json[] }>(await api('catalog.price.list', { filter: { productId: pid } })).prices;
    expect(after.map((p) => [p.id, p.price])).toEqual([[base.id, 109.9]]);
    expect(after.some((p) => p.id === whole.id)).toBe(false);
    expect((await api('catalog.price.add', { fields: { productId: pid, catalogGroupId: 99, price: 1, currency: 'RUB' } })).status).toBe(400);
  });

  it('sections add/update/get/list/delete', async () => {
    const s = ok<{ section: Json }>(await api('catalog.section.add', { fields: { iblockId: 25, name: 'Молочные', xmlId: 'grp-1', code: 'milk' } })).section;
    const child = ok<{ section: Json }>(await api('catalog.section.add', { fields: { iblockId: 25, name: 'Сыры', iblockSectionId: s.id } })).section;
    ok(await api('catalog.section.update', { id: s.id, fields: { name: 'Молочная продукция' } }));
    expect(ok<{ section: Json }>(await api('catalog.section.get', { id: s.id })).section.name).toBe('Молочная продукция');
    const list = ok<{ sections: Json[] }>(await api('catalog.section.list', { filter: { iblockSectionId: s.id } })).sections;
    expect(list.map((x) => x.id)).toEqual([child.id]);
    ok(await api('catalog.section.delete', { id: child.id }));
    expect((await api('catalog.section.get', { id: child.id })).status).toBe(400);
  });

  it('services: catalog.product.service.add → result.service, type 7; `type` is read-only in catalog.product.add', async () => {
    const svc = ok<{ service: Json }>(await api('catalog.product.service.add', { fields: { iblockId: 25, name: 'Монтаж', xmlId: 'svc' } })).service;
    expect(svc).toMatchObject({ name: 'Монтаж', type: 7, xmlId: 'svc' });
    expect(ok<{ service: Json }>(await api('catalog.product.service.get', { id: svc.id })).service.type).toBe(7);
    const p = ok<{ element: Json }>(await api('catalog.product.add', { fields: { iblockId: 25, name: 'Не услуга', type: 7 } })).element;
    expect(p.type).toBe(1);
    expect((await api('catalog.product.service.get', { id: p.id })).body).toMatchObject({ error: 0 });
  });
});
