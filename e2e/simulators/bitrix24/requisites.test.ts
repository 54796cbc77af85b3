// Requisites and duplicate search (ref §4.4, §5).
import { describe, expect, it } from 'vitest';
import { ok, useSim, type Json } from './test/harness';

describe('crm.requisite.*', () => {
  const { api } = useSim();

  it('preset list, add with required fields, match by INN, update, delete', async () => {
    const presets = ok<Json[]>(await api('crm.requisite.preset.list'));
    expect(presets.map((p) => p.NAME)).toEqual(['Организация', 'ИП', 'Физ. лицо']);
    const co = ok<number>(await api('crm.company.add', { fields: { TITLE: 'ООО «Ромашка»' } }));
    expect((await api('crm.requisite.add', { fields: { ENTITY_TYPE_ID: 4, ENTITY_ID: co, NAME: 'Без пресета' } })).status).toBe(400);
    expect((await api('crm.requisite.add', { fields: { ENTITY_TYPE_ID: 4, ENTITY_ID: 999999, PRESET_ID: 1, NAME: 'x' } })).status).toBe(400);
    const id = ok<number>(await api('crm.requisite.add', { fields: { ENTITY_TYPE_ID: 4, ENTITY_ID: co, PRESET_ID: 1, NAME: 'Организация', RQ_INN: '7701234567', RQ_KPP: '770101001', XML_ID: 'ref-1' } }));
    const found = ok<Json[]>(await api('crm.requisite.list', { filter: { RQ_INN: '7701234567', ENTITY_TYPE_ID: 4 }, select: ['ID', 'ENTITY_ID', 'RQ_KPP'] }));
    expect(found).toEqual([{ ID: String(id), ENTITY_ID: String(co), RQ_KPP: '770101001' }]);
    ok(await api('crm.requisite.update', { id, fields: { RQ_KPP: '770201001' } }));
    expect(ok<Json>(await api('crm.requisite.get', { id })).RQ_KPP).toBe('770201001');
    expect(ok<Record<string, Json>>(await api('crm.requisite.fields')).RQ_INN).toMatchObject({ type: 'string' });
    ok(await api('crm.requisite.delete', { id }));
    expect((await api('crm.requisite.get', { id })).status).toBe(400);
  });
});

describe('crm.duplicate.findbycomm', () => {
  const { api } = useSim();

  it('finds contacts and companies by normalised phone and e-mail, ignoring extensions', async () => {
    const a = ok<number>(await api('crm.contact.add', { fields: { NAME: 'A', PHONE: [{ VALUE: '+7 (999) 111-22-33' }] } }));
    const b = ok<number>(await api('crm.contact.add', { fields: { NAME: 'B', PHONE: [{ VALUE: '89991112233 доб. 12' }], EMAIL: [{ VALUE: 'b@shop.ru' }] } }));
    const co = ok<number>(await api('crm.company.add', { fields: { TITLE: 'C', PHONE: [{ VALUE: '+79991112233' }] } }));
    expect(ok(await api('crm.duplicate.findbycomm', { type: 'PHONE', values: ['+79991112233'] }))).toEqual({ CONTACT: [a, b], COMPANY: [co] });
    expect(ok(await api('crm.duplicate.findbycomm', { type: 'PHONE', values: ['+79991112233'], entity_type: 'CONTACT' }))).toEqual({ CONTACT: [a, b] });
    expect(ok(await api('crm.duplicate.findbycomm', { type: 'EMAIL', values: ['B@SHOP.RU'] }))).toEqual({ CONTACT: [b] });
    expect(ok(await api('crm.duplicate.findbycomm', { type: 'EMAIL', values: ['nobody@x.ru'] }))).toEqual([]);
    expect((await api('crm.duplicate.findbycomm', { type: 'PHONE', values: Array.from({ length: 21 }, (_, i) => String(i)) })).status).toBe(400);
  });
});
