import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersionCounter } from '../edm/values';
import { REFS } from '../seed/refs';
import { enc, errCode, startTestSim, type TestSim } from '../test-helpers';

// ref §1.4, §1.6, §1.7: POST/PATCH/PUT/DELETE semantics and the silent hazards of writing.

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(() => t.close());

type Obj = Record<string, unknown>;
const post = (set: string, body: unknown) => t.http.post(enc(`${set}?$format=json`), body);
const patch = (set: string, key: string, body: unknown, headers: Record<string, string> = {}) =>
  t.http.patch(enc(`${set}(guid'${key}')?$format=json`), body, { headers });
const dv = (o: unknown) => dataVersionCounter(String((o as Obj).DataVersion));

describe('POST', () => {
  it('creates → 201, whole object, raw UTF-8 Location, DataVersion AAAAAAAAAAA=, unknown properties ignored', async () => {
    const r = await post('Catalog_ФизическиеЛица', { Description: 'Тестов Тест Тестович', НетТакогоПоля: 1, Пол: 'Мужской' });
    expect(r.status).toBe(201);
    const o = r.data as Obj;
    expect(o.DataVersion).toBe('AAAAAAAAAAA=');
    expect(o).not.toHaveProperty('НетТакогоПоля');
    expect(o).toMatchObject({ Description: 'Тестов Тест Тестович', Пол: 'Мужской', DeletionMark: false, Магазин_Key: '00000000-0000-0000-0000-000000000000', ДатаРождения: '0001-01-01T00:00:00' });
    expect(o.КонтактнаяИнформация).toEqual([]);
    const location = Buffer.from(String(r.headers.location), 'latin1').toString('utf8');
    expect(location).toBe(`${t.sim.url}Catalog_ФизическиеЛица(guid'${String(o.Ref_Key)}')`);
  });

  it('auto-numbers codes and document numbers; fills an empty document date', async () => {
    const c = (await post('Catalog_Контрагенты', { Description: 'ООО "Новый"' })).data as Obj;
    expect(c.Code).toMatch(/^\d{9}$/);
    const d = (await post('Document_ЗаказПокупателя', {})).data as Obj;
    expect(d.Number).toMatch(/^\d{11}$/);
    expect(d.Date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(d.Posted).toBe(false);
  });

  it('numbers travel as Edm types: Int64 as strings, Double as numbers', async () => {
    const cash = (await post('Catalog_КассыККМ', { Description: 'Касса 3' })).data as Obj;
    expect(cash.Code).toEqual(expect.any(String)); // numeric code → Edm.Int64 → string
    const d = (await post('Document_ЗаказПокупателя', { МаксимальныйКодСтроки: 7, СуммаДокумента: 10.555 })).data as Obj;
    expect(d.МаксимальныйКодСтроки).toBe('7');
    expect(d.СуммаДокумента).toBe(10.56); // rounded to the attribute scale
  });

  it('silently truncates over-long strings to the attribute length', async () => {
    const long = 'Ж'.repeat(80);
    const p = (await post('Catalog_ФизическиеЛица', { Description: long })).data as Obj;
    expect(p.Description).toBe('Ж'.repeat(50));
    const o = (await post('Document_ЗаказПокупателя', { НомерЗаказаНаСайте: 'B24-123456789' })).data as Obj;
    expect(o.НомерЗаказаНаСайте).toBe('B24-1234567');
  });

  it('stores a non-existent GUID as a broken reference', async () => {
    const ghost = '0badf00d-0000-4000-8000-000000000000';
    const o = (await post('Document_ЗаказПокупателя', { Контрагент_Key: ghost })).data as Obj;
    expect(o.Контрагент_Key).toBe(ghost);
    const again = await t.get(`Document_ЗаказПокупателя(guid'${String(o.Ref_Key)}')?$select=Контрагент____Presentation`);
    expect((again.data as Obj).Контрагент____Presentation).toContain('Объект не найден');
  });

  it('bad Guid / Boolean / Date strings → 400 code 1; a string into Int64 is ignored', async () => {
    const g = await post('Document_ЗаказПокупателя', { Контрагент_Key: 'abc' });
    expect([g.status, errCode(g)]).toEqual([400, '1']);
    const b = await post('Document_ЗаказПокупателя', { Отменено: 'да' });
    expect([b.status, errCode(b)]).toEqual([400, '1']);
    const d = await post('Document_ЗаказПокупателя', { Date: '31.12.2024' });
    expect([d.status, errCode(d)]).toEqual([400, '1']);
    const i = await post('Document_ЗаказПокупателя', { МаксимальныйКодСтроки: 'семь' });
    expect(i.status).toBe(201);
    expect((i.data as Obj).МаксимальныйКодСтроки).toBe('0');
  });

  it('broken JSON → 500 code -1; an array into a string field → 500 code -1', async () => {
    const r = await t.http.post(enc('Catalog_Контрагенты?$format=json'), '{"Description": ', { headers: { 'Content-Type': 'application/json' } });
    expect([r.status, errCode(r)]).toEqual([500, '-1']);
    const a = await post('Catalog_Контрагенты', { Description: ['x'] });
    expect([a.status, errCode(a)]).toEqual([500, '-1']);
  });

  it('composite values need their _Type; refs can be bound with @odata.bind', async () => {
    const person = t.sim.control.list('Catalog_ФизическиеЛица').find((p) => p.IsFolder === false) as Obj;
    const missing = await post('Catalog_ИнформационныеКарты', { КодКарты: '1', ВладелецКарты: person.Ref_Key });
    expect([missing.status, errCode(missing)]).toEqual([400, '5']);
    const ok = await post('Catalog_ИнформационныеКарты', {
      КодКарты: '2',
      ВладелецКарты: person.Ref_Key,
      ВладелецКарты_Type: 'StandardODATA.Catalog_ФизическиеЛица',
      'ВидДисконтнойКарты@odata.bind': `Catalog_ВидыДисконтныхКарт(guid'${REFS.discountCardKinds.discount10}')`,
    });
    expect(ok.status).toBe(201);
    expect(ok.data).toMatchObject({ ВладелецКарты: person.Ref_Key, ВидДисконтнойКарты_Key: REFS.discountCardKinds.discount10 });
  });

  it('POST to a tabular-section set → code 13', async () => {
    const r = await post('Document_ЗаказПокупателя_Товары', { LineNumber: 1 });
    expect([r.status, errCode(r)]).toEqual([400, '13']);
  });
});

describe('PATCH / PUT', () => {
  it('PATCH is partial → 200 + whole object; DataVersion +1 even for a no-op; If-Match ignored (ref §1.7)', async () => {
    const created = (await post('Catalog_Контрагенты', { Description: 'ООО "Патч"', ИНН: '123' })).data as Obj;
    const key = String(created.Ref_Key);
    const r1 = await patch('Catalog_Контрагенты', key, { КПП: '456' });
    expect(r1.status).toBe(200);
    expect(r1.data).toMatchObject({ Description: 'ООО "Патч"', ИНН: '123', КПП: '456' });
    expect(dv(r1.data)).toBe(1);
    const r2 = await patch('Catalog_Контрагенты', key, { КПП: '456' });
    expect(dv(r2.data)).toBe(2);
    const stale = await patch('Catalog_Контрагенты', key, { КПП: '789' }, { 'If-Match': 'AAAAAAAAAAA=' });
    expect(stale.status).toBe(200);
    expect(stale.data).toMatchObject({ КПП: '789' });
    expect(stale.headers.etag).toBeUndefined();
    const marked = await patch('Catalog_Контрагенты', key, { DeletionMark: true, Ref_Key: REFS.organization, DataVersion: 'x' });
    expect(marked.data).toMatchObject({ DeletionMark: true, Ref_Key: key });
    expect(dv(marked.data)).toBe(4);
  });

  it('a tabular section is replaced whole; LineNumber must be 1..n consecutive', async () => {
    const created = (await post('Catalog_ФизическиеЛица', {
      Description: 'Табличный Тест',
      КонтактнаяИнформация: [
        { LineNumber: 1, Тип: 'Телефон', Вид_Key: REFS.ciKinds.ТелефонФизическогоЛица, Представление: '+7 900 000-00-01' },
        { LineNumber: 2, Тип: 'Телефон', Вид_Key: REFS.ciKinds.ТелефонФизическогоЛица, Представление: '+7 900 000-00-02' },
      ],
    })).data as Obj;
    const key = String(created.Ref_Key);
    const r = await patch('Catalog_ФизическиеЛица', key, {
      КонтактнаяИнформация: [{ LineNumber: '1', Тип: 'АдресЭлектроннойПочты', Вид_Key: REFS.ciKinds.EmailФизическогоЛица, АдресЭП: 'a@b.ru' }],
    });
    expect(r.status).toBe(200);
    const ci = (r.data as Obj).КонтактнаяИнформация as Obj[];
    expect(ci).toHaveLength(1);
    expect(ci[0]).toMatchObject({ LineNumber: '1', Ref_Key: key, Тип: 'АдресЭлектроннойПочты', АдресЭП: 'a@b.ru', НомерТелефона: '' });
    const gap = await patch('Catalog_ФизическиеЛица', key, { КонтактнаяИнформация: [{ LineNumber: 2, Тип: 'Телефон' }] });
    expect(gap.status).toBe(400);
    const none = await patch('Catalog_ФизическиеЛица', key, { КонтактнаяИнформация: [{ Тип: 'Телефон' }] });
    expect(none.status).toBe(500);
    const after = t.sim.control.get('Catalog_ФизическиеЛица', key) as Obj;
    expect(after.КонтактнаяИнформация).toHaveLength(1); // failed writes change nothing
    expect(dv(after)).toBe(1);
  });

  it('PUT resets omitted fields', async () => {
    const created = (await post('Catalog_Контрагенты', { Description: 'ООО "Пут"', ИНН: '111' })).data as Obj;
    const r = await t.http.put(enc(`Catalog_Контрагенты(guid'${String(created.Ref_Key)}')?$format=json`), { Description: 'ООО "Пут 2"' });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ Description: 'ООО "Пут 2"', ИНН: '' });
  });

  it('PATCH of a missing object → 404 code 9', async () => {
    const r = await patch('Catalog_Контрагенты', '11111111-2222-4333-8444-555555555555', { ИНН: '1' });
    expect([r.status, errCode(r)]).toEqual([404, '9']);
  });
});

describe('DELETE', () => {
  it('deletes physically → 204, then 404', async () => {
    const created = (await post('Catalog_Контрагенты', { Description: 'ООО "Удаляемый"' })).data as Obj;
    const url = enc(`Catalog_Контрагенты(guid'${String(created.Ref_Key)}')?$format=json`);
    expect((await t.http.delete(url)).status).toBe(204);
    const r = await t.http.get(url);
    expect([r.status, errCode(r)]).toEqual([404, '9']);
  });
});
