// Deals, funnels/stages and product rows (ref §7).
import { describe, expect, it } from 'vitest';
import { ok, useSim, type Json } from './test/harness';

describe('funnels and stages', () => {
  const { api } = useSim();

  it('crm.category.list and crm.status.list per funnel (STATUS_ID / SEMANTICS / SORT)', async () => {
    const cats = ok<{ categories: Json[] }>(await api('crm.category.list', { entityTypeId: 2 })).categories;
    expect(cats.map((c) => [c.id, c.isDefault])).toEqual([[0, 'Y'], [1, 'N']]);
    const s0 = ok<Json[]>(await api('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE' }, order: { SORT: 'ASC' } }));
    expect(s0.map((s) => s.STATUS_ID)).toEqual(['NEW', 'PREPARATION', 'PREPAYMENT_INVOICE', 'EXECUTING', 'FINAL_INVOICE', 'WON', 'LOSE', 'APOLOGY']);
    expect(s0.find((s) => s.STATUS_ID === 'WON')).toMatchObject({ SEMANTICS: 'S', SORT: '60', EXTRA: { SEMANTICS: 'success', COLOR: expect.any(String) } });
    expect(s0[0].SEMANTICS).toBeNull();
    const s1 = ok<Json[]>(await api('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE_1' } }));
    expect(s1.map((s) => s.STATUS_ID)).toEqual(['C1:NEW', 'C1:PREPARATION', 'C1:EXECUTING', 'C1:WON', 'C1:LOSE']);
    expect(ok<Json[]>(await api('crm.currency.list')).map((c) => c.CURRENCY)).toEqual(['RUB', 'USD', 'EUR']);
  });

  it('a deal starts at the first stage of its funnel; crm.deal.update cannot change funnel, crm.item.update can', async () => {
    const id = ok<number>(await api('crm.deal.add', { fields: { TITLE: 'Заказ', CATEGORY_ID: 1 } }));
    expect(ok<Json>(await api('crm.deal.get', { id }))).toMatchObject({ CATEGORY_ID: '1', STAGE_ID: 'C1:NEW', STAGE_SEMANTIC_ID: 'P', CLOSED: 'N', CURRENCY_ID: 'RUB', OPPORTUNITY: '0.00' });
    ok(await api('crm.deal.update', { id, fields: { CATEGORY_ID: 0, STAGE_ID: 'C1:WON' } }));
    expect(ok<Json>(await api('crm.deal.get', { id }))).toMatchObject({ CATEGORY_ID: '1', STAGE_ID: 'C1:WON', STAGE_SEMANTIC_ID: 'S', CLOSED: 'Y' });
    const moved = ok<{ item: Json }>(await api('crm.item.update', { entityTypeId: 2, id, fields: { categoryId: 0 } })).item;
    expect(moved).toMatchObject({ categoryId: 0, stageId: 'NEW', stageSemanticId: 'P' });
    const bad = await api('crm.deal.update', { id, fields: { STAGE_ID: 'C1:NEW' } });
    expect(bad.status).toBe(400);
  });
});

describe('product rows and opportunity', () => {
  const { sim, api } = useSim();

  it('set replaces all rows with new ids; OPPORTUNITY = Σ price × quantity; derived prices', async () => {
    const productId = (ok<{ element: Json }>(await api('catalog.product.add', { fields: { iblockId: 25, name: 'Кофе', measure: 4 } }))).element.id;
    const deal = ok<number>(await api('crm.deal.add', { fields: { TITLE: 'D1', CONTACT_ID: 0 } }));
    ok(await api('crm.deal.productrows.set', { id: deal, rows: [{ PRODUCT_ID: productId, PRICE: 120, QUANTITY: 2, TAX_RATE: 20, TAX_INCLUDED: 'Y' }, { PRODUCT_NAME: 'Пакет', PRICE: 5, QUANTITY: 1 }] }));
    const rows = ok<Json[]>(await api('crm.deal.productrows.get', { id: deal }));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ PRODUCT_ID: productId, PRODUCT_NAME: 'Кофе', PRICE: 120, PRICE_EXCLUSIVE: 100, PRICE_NETTO: 100, PRICE_BRUTTO: 120, QUANTITY: 2, MEASURE_CODE: 166, MEASURE_NAME: 'кг', OWNER_TYPE: 'D', OWNER_ID: String(deal) });
    expect(ok<Json>(await api('crm.deal.get', { id: deal })).OPPORTUNITY).toBe('245.00');
    const firstIds = rows.map((r) => r.ID);
    const set = ok<{ productRows: Json[] }>(await api('crm.item.productrow.set', { ownerType: 'D', ownerId: deal, productRows: [{ productId, price: 90, quantity: 1, discountTypeId: 2, discountRate: 10 }] }));
    expect(set.productRows).toHaveLength(1);
    expect(set.productRows[0]).toMatchObject({ price: 90, priceExclusive: 90, priceNetto: 100, discountSum: 10, discountRate: 10, ownerType: 'D', ownerId: deal });
    expect(firstIds).not.toContain(String(set.productRows[0].id));
    expect(ok<Json[]>(await api('crm.deal.productrows.get', { id: deal }))).toHaveLength(1);
    expect(ok<{ item: Json }>(await api('crm.item.get', { entityTypeId: 2, id: deal })).item.opportunity).toBe(90);
  });

  it('add/update/get/delete/list single rows; IS_MANUAL_OPPORTUNITY=Y is not recalculated', async () => {
    const deal = ok<number>(await api('crm.deal.add', { fields: { TITLE: 'D2', IS_MANUAL_OPPORTUNITY: 'Y', OPPORTUNITY: 777 } }));
    const row = ok<{ productRow: Json }>(await api('crm.item.productrow.add', { fields: { ownerType: 'D', ownerId: deal, productName: 'X', price: 10, quantity: 3 } })).productRow;
    const upd = ok<{ productRow: Json }>(await api('crm.item.productrow.update', { id: row.id, fields: { quantity: 5 } })).productRow;
    expect(upd).toMatchObject({ id: row.id, quantity: 5, price: 10, productName: 'X' });
    expect(ok<{ productRow: Json }>(await api('crm.item.productrow.get', { id: row.id })).productRow.quantity).toBe(5);
    const list = await api('crm.item.productrow.list', { filter: { '=ownerType': 'D', '=ownerId': deal } });
    expect((list.body.result as { productRows: Json[] }).productRows.map((r) => r.id)).toEqual([row.id]);
    expect(list.body.total).toBe(1);
    expect(ok<Json>(await api('crm.deal.get', { id: deal })).OPPORTUNITY).toBe('777.00');
    ok(await api('crm.deal.update', { id: deal, fields: { IS_MANUAL_OPPORTUNITY: 'N' } }));
    ok(await api('crm.item.productrow.add', { fields: { ownerType: 'D', ownerId: deal, productName: 'Y', price: 1, quantity: 1 } }));
    expect(ok<Json>(await api('crm.deal.get', { id: deal })).OPPORTUNITY).toBe('51.00');
    ok(await api('crm.item.productrow.delete', { id: row.id }));
    expect(ok<Json>(await api('crm.deal.get', { id: deal })).OPPORTUNITY).toBe('1.00');
    expect((await api('crm.item.productrow.get', { id: row.id })).body.error).toBe('NOT_FOUND');
    expect((await api('crm.item.productrow.list', { filter: { '=ownerId': deal } })).status).toBe(400);
    // the keys must carry the `=` prefix (D crm-item-productrow-list.md)
    expect((await api('crm.item.productrow.list', { filter: { ownerType: 'D', ownerId: deal } })).body).toMatchObject({ error: 'INVALID_ARG_VALUE' });
  });

  it('row changes bump the deal DATE_MODIFY unless switched off (ref §9 Unverified)', async () => {
    const deal = ok<number>(await api('crm.deal.add', { fields: { TITLE: 'D3' } }));
    sim().control.personEdit({ entity: 'deal', id: deal, fields: { COMMENTS: 'x' } });
    expect(ok<Json>(await api('crm.deal.get', { id: deal })).MODIFY_BY_ID).toBe('7');
    ok(await api('crm.deal.productrows.set', { id: deal, rows: [{ PRODUCT_NAME: 'Z', PRICE: 1, QUANTITY: 1 }] }));
    expect(ok<Json>(await api('crm.deal.get', { id: deal })).MODIFY_BY_ID).toBe('1');
    sim().control.setRowChangesBumpDeal(false);
    sim().control.personEdit({ entity: 'deal', id: deal, fields: { COMMENTS: 'y' } });
    ok(await api('crm.deal.productrows.set', { id: deal, rows: [] }));
    const d = ok<Json>(await api('crm.deal.get', { id: deal }));
    expect(d.MODIFY_BY_ID).toBe('7');
    expect(d.OPPORTUNITY).toBe('0.00');
  });

  it('deleting a deal removes its rows; missing deals answer not found', async () => {
    const deal = ok<number>(await api('crm.deal.add', { fields: { TITLE: 'D4' } }));
    ok(await api('crm.deal.productrows.set', { id: deal, rows: [{ PRODUCT_NAME: 'Z', PRICE: 1 }] }));
    ok(await api('crm.item.delete', { entityTypeId: 2, id: deal }));
    expect(sim().control.records('productRow').filter((r) => r.OWNER_ID === String(deal))).toEqual([]);
    expect((await api('crm.deal.productrows.get', { id: deal })).status).toBe(400);
    expect((await api('crm.item.productrow.set', { ownerType: 'D', ownerId: deal, productRows: [] })).body.error).toBe('NOT_FOUND');
  });

  it('crm.item deals: contacts, company, filters', async () => {
    const c = ok<number>(await api('crm.contact.add', { fields: { NAME: 'K' } }));
    const d = ok<{ item: Json }>(await api('crm.item.add', { entityTypeId: 2, fields: { title: 'I1', contactIds: [c], originatorId: 'onec', originId: 'doc-1', currencyId: 'RUB' } })).item;
    expect(d).toMatchObject({ title: 'I1', contactId: c, contactIds: [c], companyId: 0, stageId: 'NEW', isManualOpportunity: 'N' });
    const legacy = ok<Json[]>(await api('crm.deal.list', { filter: { ORIGIN_ID: 'doc-1' }, select: ['ID', 'CONTACT_ID', 'TITLE'] }));
    expect(legacy).toEqual([{ ID: String(d.id), CONTACT_ID: String(c), TITLE: 'I1' }]);
  });
});
