// Contacts and companies through crm.contact.*/crm.company.* and crm.item.* (ref §4, §5).
import { describe, expect, it } from 'vitest';
import { ok, sleep, useSim, type Json } from './test/harness';

type Fm = { ID: string; VALUE: string; VALUE_TYPE: string; TYPE_ID: string };

describe('legacy contact CRUD and multifields (ref §4.1, §4.2)', () => {
  const { sim, api } = useSim();

  it('add → get → list → fields', async () => {
    const id = ok<number>(await api('crm.contact.add', { fields: { NAME: 'Иван', SECOND_NAME: 'Петрович', LAST_NAME: 'Сидоров', ORIGINATOR_ID: 'onec', ORIGIN_ID: 'guid-1', PHONE: [{ VALUE: '+79990000001', VALUE_TYPE: 'MOBILE' }] } }));
    expect(typeof id).toBe('number');
    const c = ok<Json>(await api('crm.contact.get', { id }));
    expect(c).toMatchObject({ ID: String(id), NAME: 'Иван', SECOND_NAME: 'Петрович', LAST_NAME: 'Сидоров', ORIGINATOR_ID: 'onec', ORIGIN_ID: 'guid-1', CREATED_BY_ID: '1', MODIFY_BY_ID: '1', HAS_PHONE: 'Y', HAS_EMAIL: 'N' });
    expect(c.DATE_CREATE).toMatch(/\+03:00$/);
    expect(c).not.toHaveProperty('EMAIL'); // multifields only when non-empty
    const byOrigin = ok<Json[]>(await api('crm.contact.list', { filter: { ORIGINATOR_ID: 'onec', ORIGIN_ID: 'guid-1' }, select: ['ID'] }));
    expect(byOrigin).toEqual([{ ID: String(id) }]);
    const fields = ok<Record<string, Json>>(await api('crm.contact.fields'));
    expect(fields.PHONE).toMatchObject({ type: 'crm_multifield', isMultiple: true });
    expect(fields.DATE_MODIFY).toMatchObject({ type: 'datetime', isReadOnly: true });
  });

  it('multifield update: no ID adds, ID+VALUE replaces, ID+DELETE / ID+empty VALUE / bare ID delete', async () => {
    const id = ok<number>(await api('crm.contact.add', { fields: { NAME: 'M', PHONE: [{ VALUE: '111' }, { VALUE: '222' }, { VALUE: '333' }, { VALUE: '444' }] } }));
    let phones = ok<Json>(await api('crm.contact.get', { id })).PHONE as Fm[];
    expect(phones.map((p) => p.VALUE)).toEqual(['111', '222', '333', '444']);
    // ARCHITECTURE.md trap: a new list without IDs ADDS values
    ok(await api('crm.contact.update', { id, fields: { PHONE: [{ VALUE: '555' }] } }));
    phones = ok<Json>(await api('crm.contact.get', { id })).PHONE as Fm[];
    expect(phones.map((p) => p.VALUE)).toEqual(['111', '222', '333', '444', '555']);
    const [p1, p2, p3, p4] = phones;
    ok(await api('crm.contact.update', { id, fields: { PHONE: [{ ID: p1.ID, VALUE: '111-new', VALUE_TYPE: 'HOME' }, { ID: p2.ID, DELETE: 'Y' }, { ID: p3.ID, VALUE: '' }, { ID: p4.ID }] } }));
    phones = ok<Json>(await api('crm.contact.get', { id })).PHONE as Fm[];
    expect(phones.map((p) => [p.ID, p.VALUE, p.VALUE_TYPE])).toEqual([[p1.ID, '111-new', 'HOME'], [phones[1].ID, '555', 'WORK']]);
  });

  it('invalid e-mail → 400 ERROR_CORE "invalid address" and nothing is written (ref §10)', async () => {
    const before = sim().control.counts().contact;
    const r = await api('crm.contact.add', { fields: { NAME: 'Bad', EMAIL: [{ VALUE: 'not-an-email' }] } });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('ERROR_CORE');
    expect(r.body.error_description).toContain('invalid address');
    expect(sim().control.counts().contact).toBe(before);
  });

  it('PHONE/EMAIL filters are exact matches on any value (ref §4.2)', async () => {
    const id = ok<number>(await api('crm.contact.add', { fields: { NAME: 'F', PHONE: [{ VALUE: '+7 (999) 123-45-67' }, { VALUE: '+79991234567' }], EMAIL: [{ VALUE: 'F@Example.ru' }] } }));
    expect(ok<Json[]>(await api('crm.contact.list', { filter: { PHONE: '+79991234567' }, select: ['ID'] }))).toEqual([{ ID: String(id) }]);
    expect(ok<Json[]>(await api('crm.contact.list', { filter: { PHONE: '79991234567' }, select: ['ID'] }))).toEqual([]);
    expect(ok<Json[]>(await api('crm.contact.list', { filter: { EMAIL: 'f@example.ru' }, select: ['ID'] }))).toEqual([{ ID: String(id) }]);
  });

  it('DATE_MODIFY / MODIFY_BY_ID move on every write; a person edit shows user 7', async () => {
    const id = ok<number>(await api('crm.contact.add', { fields: { NAME: 'T' } }));
    const first = ok<Json>(await api('crm.contact.get', { id }));
    await sleep(1050); // datetimes have second precision
    ok(await api('crm.contact.update', { id, fields: { NAME: 'T2' } }));
    const second = ok<Json>(await api('crm.contact.get', { id }));
    expect(Date.parse(second.DATE_MODIFY as string)).toBeGreaterThan(Date.parse(first.DATE_MODIFY as string));
    expect(second.DATE_CREATE).toBe(first.DATE_CREATE);
    const edited = sim().control.personEdit({ entity: 'contact', id, fields: { LAST_NAME: 'Изменил менеджер' } });
    expect(edited.MODIFY_BY_ID).toBe('7');
    const after = ok<Json[]>(await api('crm.contact.list', { filter: { '>=DATE_MODIFY': second.DATE_MODIFY, '!MODIFY_BY_ID': 1 }, select: ['ID', 'LAST_NAME', 'MODIFY_BY_ID'] }));
    expect(after).toEqual([{ ID: String(id), LAST_NAME: 'Изменил менеджер', MODIFY_BY_ID: '7' }]);
  });

  it('read-only fields are ignored on write', async () => {
    const id = ok<number>(await api('crm.contact.add', { fields: { NAME: 'R', DATE_CREATE: '2001-01-01T00:00:00+03:00', MODIFY_BY_ID: 99 } }));
    const c = ok<Json>(await api('crm.contact.get', { id }));
    expect(c.DATE_CREATE).not.toContain('2001');
    expect(c.MODIFY_BY_ID).toBe('1');
  });

  it('deleted records answer not-found: documented empty code by default, NOT_FOUND when switched (ref §2)', async () => {
    const id = ok<number>(await api('crm.contact.add', { fields: { NAME: 'D' } }));
    expect(ok(await api('crm.contact.delete', { id }))).toBe(true);
    const r = await api('crm.contact.get', { id });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: '', error_description: 'Not found' });
    expect((await api('crm.contact.update', { id, fields: { NAME: 'x' } })).status).toBe(400);
    const item = await api('crm.item.get', { entityTypeId: 3, id });
    expect(item.body).toEqual({ error: 'NOT_FOUND', error_description: 'Element not found' });
    sim().control.setNotFoundStyle('NOT_FOUND');
    expect((await api('crm.contact.get', { id })).body.error).toBe('NOT_FOUND');
    sim().control.setNotFoundStyle('documented');
    expect(sim().control.records('contact').some((c) => c.ID === String(id))).toBe(false);
    expect((await api('crm.contact.get', {})).body).toEqual({ error: '', error_description: 'ID is not defined or invalid.' });
  });
});

describe('crm.item contacts and the fm object (ref §4.1, §4.2)', () => {
  const { api } = useSim();

  it('camelCase fields, fm "n0" add / id update / value "" delete, createdTime/updatedBy', async () => {
    const add = ok<{ item: Json }>(await api('crm.item.add', { entityTypeId: 3, fields: { name: 'Анна', lastName: 'Смирнова', originId: 'g-2', fm: { n0: { typeId: 'PHONE', valueType: 'WORK', value: '+70000000001' }, n1: { typeId: 'EMAIL', valueType: 'HOME', value: 'anna@example.ru' } } } }));
    const item = add.item;
    expect(item).toMatchObject({ name: 'Анна', lastName: 'Смирнова', originId: 'g-2', createdBy: 1, updatedBy: 1, entityTypeId: 3 });
    expect(item.createdTime).toMatch(/\+03:00$/);
    const fm = item.fm as { id: number; typeId: string; value: string }[];
    const phone = fm.find((f) => f.typeId === 'PHONE')!;
    const mail = fm.find((f) => f.typeId === 'EMAIL')!;
    const upd = ok<{ item: Json }>(await api('crm.item.update', { entityTypeId: 3, id: item.id, fields: { fm: { [phone.id]: { value: '+70000000002' }, [mail.id]: { value: '' }, n0: { typeId: 'PHONE', value: '+70000000003' } } } }));
    expect((upd.item.fm as { value: string }[]).map((f) => f.value)).toEqual(['+70000000002', '+70000000003']);
    const legacy = ok<Json>(await api('crm.contact.get', { id: item.id }));
    expect((legacy.PHONE as Fm[]).map((p) => p.VALUE)).toEqual(['+70000000002', '+70000000003']);
    expect(legacy).not.toHaveProperty('EMAIL');
  });

  it('filters by camelCase fields, updatedTime ranges and originId; unknown entityTypeId → NOT_FOUND', async () => {
    const list = ok<{ items: Json[] }>(await api('crm.item.list', { entityTypeId: 3, filter: { '=originId': 'g-2', '>=updatedTime': '2000-01-01T00:00:00+03:00' }, select: ['id', 'originId'] }));
    expect(list.items).toEqual([{ id: expect.any(Number), originId: 'g-2' }]);
    const bad = await api('crm.item.list', { entityTypeId: 999 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('NOT_FOUND');
    expect((await api('crm.item.delete', { entityTypeId: 3, id: list.items[0].id })).body.result).toEqual([]);
  });
});

describe('user fields (ref §4.5)', () => {
  const { api } = useSim();

  it('userfield.add prefixes UF_CRM_, list shows it, values round-trip and filter', async () => {
    const ufId = ok<number>(await api('crm.contact.userfield.add', { fields: { FIELD_NAME: 'BONUS_CARD', USER_TYPE_ID: 'string', XML_ID: 'BONUS_CARD', LABEL: 'Бонусная карта', MULTIPLE: 'N', SHOW_FILTER: 'Y' } }));
    expect(typeof ufId).toBe('number');
    const list = ok<Json[]>(await api('crm.contact.userfield.list', { filter: { FIELD_NAME: 'UF_CRM_BONUS_CARD' } }));
    expect(list).toEqual([expect.objectContaining({ ID: String(ufId), ENTITY_ID: 'CRM_CONTACT', FIELD_NAME: 'UF_CRM_BONUS_CARD', USER_TYPE_ID: 'string', XML_ID: 'BONUS_CARD' })]);
    const id = ok<number>(await api('crm.contact.add', { fields: { NAME: 'B', UF_CRM_BONUS_CARD: '0001' } }));
    expect(ok<Json>(await api('crm.contact.get', { id })).UF_CRM_BONUS_CARD).toBe('0001');
    expect(ok<Json[]>(await api('crm.contact.list', { filter: { UF_CRM_BONUS_CARD: '0001' }, select: ['ID'] }))).toEqual([{ ID: String(id) }]);
    ok(await api('crm.item.update', { entityTypeId: 3, id, fields: { ufCrmBonusCard: '0002' } }));
    expect(ok<Json>(await api('crm.contact.get', { id })).UF_CRM_BONUS_CARD).toBe('0002');
    expect(ok<Record<string, Json>>(await api('crm.contact.fields')).UF_CRM_BONUS_CARD).toMatchObject({ type: 'string', isDynamic: true });
    // company user fields are separate
    expect(ok<Json[]>(await api('crm.company.userfield.list'))).toEqual([]);
  });

  it('bad names and duplicates → ERROR_CORE', async () => {
    for (const name of ['bonus-card', 'Бонус', 'X'.repeat(44)]) {
      const r = await api('crm.contact.userfield.add', { fields: { FIELD_NAME: name, USER_TYPE_ID: 'string' } });
      expect(r.status, name).toBe(400);
      expect(r.body.error).toBe('ERROR_CORE');
    }
    expect(ok(await api('crm.contact.userfield.add', { fields: { FIELD_NAME: 'X'.repeat(43), USER_TYPE_ID: 'string' } }))).toEqual(expect.any(Number)); // 7 + 43 = 50
    expect((await api('crm.contact.userfield.add', { fields: { FIELD_NAME: 'BONUS_CARD', USER_TYPE_ID: 'string' } })).body.error).toBe('ERROR_CORE');
    // lowercase is upper-cased and `UF_` becomes `UF_CRM_` (D crm-contact-userfield-add.md)
    ok(await api('crm.contact.userfield.add', { fields: { FIELD_NAME: 'uf_manager_note', USER_TYPE_ID: 'string' } }));
    const names = ok<Json[]>(await api('crm.contact.userfield.list', { filter: { FIELD_NAME: 'UF_CRM_MANAGER_NOTE' } })).map((u) => u.FIELD_NAME);
    expect(names).toEqual(['UF_CRM_MANAGER_NOTE']);
  });
});

describe('companies and links (ref §5)', () => {
  const { api } = useSim();

  it('legacy and crm.item companies share records; contact COMPANY_IDS ↔ company CONTACT_IDS', async () => {
    const co = ok<number>(await api('crm.company.add', { fields: { TITLE: 'ООО «Вектор»', EMAIL: [{ VALUE: 'office@vector.ru' }], ORIGIN_ID: 'co-1' } }));
    const co2 = ok<{ item: Json }>(await api('crm.item.add', { entityTypeId: 4, fields: { title: 'АО «Альфа»', isMyCompany: 'N' } })).item.id as number;
    const c = ok<number>(await api('crm.contact.add', { fields: { NAME: 'L', COMPANY_ID: co } }));
    ok(await api('crm.contact.update', { id: c, fields: { COMPANY_IDS: [co2, co] } }));
    const contact = ok<Json>(await api('crm.contact.get', { id: c }));
    expect(contact.COMPANY_ID).toBe(String(co2));
    expect(contact.COMPANY_IDS).toEqual([String(co2), String(co)]);
    const item = ok<{ item: Json }>(await api('crm.item.get', { entityTypeId: 4, id: co })).item;
    expect(item).toMatchObject({ title: 'ООО «Вектор»', originId: 'co-1', contactIds: [c] });
    expect(ok<Json>(await api('crm.company.get', { id: co2 })).TITLE).toBe('АО «Альфа»');
    ok(await api('crm.company.delete', { id: co }));
    expect(ok<Json>(await api('crm.contact.get', { id: c })).COMPANY_IDS).toEqual([String(co2)]);
  });
});
