// Envelope, request encodings and list paging/select rules (ref §2, §4.2, §4.3, §6).
import { describe, expect, it } from 'vitest';
import { call, ok, useSim, type Json } from './test/harness';

describe('envelope and request encodings', () => {
  const { sim, api } = useSim({ seed: 'small' });

  it('answers {result, time{…, operating, operating_reset_at}} with ISO dates in the portal offset', async () => {
    const r = await api('crm.contact.get', { id: 1 });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    const t = r.body.time as Record<string, unknown>;
    for (const k of ['start', 'finish', 'duration', 'processing', 'operating', 'operating_reset_at']) expect(typeof t[k]).toBe('number');
    expect(t.date_start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/);
    expect(t.operating_reset_at as number).toBeGreaterThan(Date.now() / 1000);
    expect((r.body.result as Json).ID).toBe('1');
  });

  it('accepts the .json suffix, GET with a query string, and form bodies with nested keys', async () => {
    const viaGet = await call(sim().webhookUrl, 'crm.contact.get.json', {}, { get: 'ID=2' });
    expect((ok<Json>(viaGet)).ID).toBe('2');
    const form = 'fields%5BNAME%5D=%D0%A4%D0%BE%D1%80%D0%BC%D0%B0&fields%5BPHONE%5D%5B0%5D%5BVALUE%5D=%2B79001112233&fields%5BPHONE%5D%5B0%5D%5BVALUE_TYPE%5D=WORK';
    const id = ok<number>(await call(sim().webhookUrl, 'crm.contact.add', {}, { form }));
    const got = ok<Json>(await api('crm.contact.get', { id }));
    expect(got.NAME).toBe('Форма');
    expect(got.PHONE).toEqual([{ ID: expect.any(String), VALUE_TYPE: 'WORK', VALUE: '+79001112233', TYPE_ID: 'PHONE' }]);
  });

  it('unknown methods answer 404 ERROR_METHOD_NOT_FOUND', async () => {
    const r = await api('crm.nonexistent.method');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
  });
});

describe('paging (ref §2)', () => {
  const { sim, api } = useSim({ seed: 'none' });

  it('50 rows per page with total/next; next absent on the last page; start=-1 gives neither', async () => {
    const cmd = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`c${i}`, `crm.contact.add?fields[NAME]=N${i}`]));
    ok(await api('batch', { cmd }));
    ok(await api('batch', { cmd: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`d${i}`, `crm.contact.add?fields[NAME]=M${i}`])) }));
    expect(sim().control.counts().contact).toBe(70);
    const p1 = await api('crm.contact.list', { order: { ID: 'ASC' }, select: ['ID'] });
    expect((p1.body.result as unknown[]).length).toBe(50);
    expect(p1.body.total).toBe(70);
    expect(p1.body.next).toBe(50);
    const p2 = await api('crm.contact.list', { order: { ID: 'ASC' }, select: ['ID'], start: 50 });
    expect((p2.body.result as unknown[]).length).toBe(20);
    expect(p2.body.total).toBe(70);
    expect('next' in p2.body).toBe(false);
    const fast = await api('crm.contact.list', { order: { ID: 'ASC' }, filter: { '>ID': 60 }, select: ['ID'], start: -1 });
    expect((fast.body.result as Json[]).map((r) => r.ID)).toEqual(['61', '62', '63', '64', '65', '66', '67', '68', '69', '70']);
    expect('total' in fast.body || 'next' in fast.body).toBe(false);
  });

  it('order by a field, descending', async () => {
    const r = ok<Json[]>(await api('crm.contact.list', { order: { ID: 'DESC' }, select: ['ID'], filter: { '<=ID': 3 } }));
    expect(r.map((x) => x.ID)).toEqual(['3', '2', '1']);
  });

  it('crm.item.list pages result.items with camelCase keys', async () => {
    const r = await api('crm.item.list', { entityTypeId: 3, order: { id: 'ASC' }, select: ['id', 'name'], start: 50 });
    const items = (r.body.result as { items: Json[] }).items;
    expect(items.length).toBe(20);
    expect(items[0]).toEqual({ id: 51, name: 'M0' });
    expect(r.body.total).toBe(70);
  });
});

describe('select rules (ref §4.2)', () => {
  const { api } = useSim({ seed: 'none' });

  it("legacy '*' excludes PHONE/EMAIL and UF_*; they come when listed; 'UF_*' lists all user fields; ID always", async () => {
    ok(await api('crm.contact.userfield.add', { fields: { FIELD_NAME: 'BONUS_CARD', USER_TYPE_ID: 'string' } }));
    const id = ok<number>(await api('crm.contact.add', { fields: { NAME: 'A', PHONE: [{ VALUE: '+7 1', VALUE_TYPE: 'WORK' }], EMAIL: [{ VALUE: 'a@b.ru' }], UF_CRM_BONUS_CARD: 'C-1' } }));
    const star = ok<Json[]>(await api('crm.contact.list', { select: ['*'], filter: { ID: id } }))[0];
    expect(star.NAME).toBe('A');
    expect(star).not.toHaveProperty('PHONE');
    expect(star).not.toHaveProperty('EMAIL');
    expect(star).not.toHaveProperty('UF_CRM_BONUS_CARD');
    const explicit = ok<Json[]>(await api('crm.contact.list', { select: ['NAME', 'PHONE', 'UF_*'], filter: { ID: id } }))[0];
    expect(Object.keys(explicit).sort()).toEqual(['ID', 'NAME', 'PHONE', 'UF_CRM_BONUS_CARD']);
    expect(explicit.UF_CRM_BONUS_CARD).toBe('C-1');
  });

  it('crm.item.list returns fm only with select ["*"]', async () => {
    const all = ok<{ items: Json[] }>(await api('crm.item.list', { entityTypeId: 3, select: ['*'] })).items[0];
    expect(all.fm).toEqual([
      { id: expect.any(Number), valueType: 'WORK', value: '+7 1', typeId: 'PHONE' },
      { id: expect.any(Number), valueType: 'WORK', value: 'a@b.ru', typeId: 'EMAIL' },
    ]);
    expect(all.ufCrmBonusCard).toBe('C-1');
    const some = ok<{ items: Json[] }>(await api('crm.item.list', { entityTypeId: 3, select: ['id', 'name', 'fm'] })).items[0];
    expect(some).toEqual({ id: all.id, name: 'A' });
    const orig = ok<{ items: Json[] }>(await api('crm.item.list', { entityTypeId: 3, select: ['id', 'UF_CRM_BONUS_CARD'], useOriginalUfNames: 'Y' })).items[0];
    expect(orig).toEqual({ id: all.id, UF_CRM_BONUS_CARD: 'C-1' });
  });

  it('catalog.product.list needs filter.iblockId and select with id and iblockId, and pages result.products', async () => {
    const noSelect = await api('catalog.product.list', { filter: { iblockId: 25 }, select: ['name'] });
    expect(noSelect.status).toBe(400);
    expect(noSelect.body.error_description).toBe('Required select fields: id, iblockId');
    const noFilter = await api('catalog.product.list', { select: ['id', 'iblockId'] });
    expect(noFilter.body.error_description).toBe('Required filter fields: iblockId');
    ok(await api('catalog.product.add', { fields: { iblockId: 25, name: 'Чай' } }));
    const r = ok<{ products: Json[] }>(await api('catalog.product.list', { filter: { iblockId: 25 }, select: ['id', 'iblockId', 'name'] }));
    expect(r.products).toEqual([{ id: expect.any(Number), iblockId: 25, name: 'Чай' }]);
  });
});
