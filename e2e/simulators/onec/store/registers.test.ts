import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, errCode, startTestSim, values, type TestSim } from '../test-helpers';

// ref §1.3, §1.6, §1.9: independent registers keyed by dimensions (+Period), composite dimensions
// as value + _Type, POST full key → 200, duplicate → 400 code 15, SliceLast/SliceFirst.

let t: TestSim;
let person: string;
let product: string;
beforeAll(async () => {
  t = await startTestSim();
  person = String(t.sim.control.list('Catalog_ФизическиеЛица').find((p) => p.IsFolder === false)?.Ref_Key);
  product = String(t.sim.control.list('Catalog_Номенклатура').find((p) => p.Артикул === 'COF-004')?.Ref_Key);
});
afterAll(() => t.close());

const FIO = 'InformationRegister_ФИОФизЛиц';
const keyOf = (period: string) =>
  `${FIO}(Period=datetime'${period}',ФизЛицо='${person}',ФизЛицо_Type='StandardODATA.Catalog_ФизическиеЛица')`;

describe('independent register ФИОФизЛиц', () => {
  it('POST with the full key → 200; duplicate → 400 code 15; GET/PATCH/DELETE by composite key', async () => {
    const body = {
      Period: '2025-05-05T13:45:00', // periodic by day: stored as the start of the day
      ФизЛицо: person,
      ФизЛицо_Type: 'StandardODATA.Catalog_ФизическиеЛица',
      Фамилия: 'Новикова',
      Имя: 'Анна',
      Отчество: 'Сергеевна',
    };
    const created = await t.http.post(enc(`${FIO}?$format=json`), body);
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ Period: '2025-05-05T00:00:00', Фамилия: 'Новикова' });
    expect(created.data).not.toHaveProperty('DataVersion'); // no DataVersion on register records (ref §1.4)
    const dup = await t.http.post(enc(`${FIO}?$format=json`), body);
    expect([dup.status, errCode(dup)]).toEqual([400, '15']);
    const got = await t.get(keyOf('2025-05-05T00:00:00'));
    expect(got.status).toBe(200);
    const patched = await t.http.patch(enc(`${keyOf('2025-05-05T00:00:00')}?$format=json`), { Фамилия: 'Новикова-Смирнова' });
    expect(patched.data).toMatchObject({ Фамилия: 'Новикова-Смирнова', Имя: 'Анна' });
    const sliced = values(await t.get(`${FIO}/SliceLast(Condition='ФизЛицо eq cast(guid''${person}'', ''Catalog_ФизическиеЛица'')')`));
    expect(sliced).toHaveLength(1);
    expect(sliced[0].Фамилия).toBe('Новикова-Смирнова');
    const first = values(await t.get(`${FIO}/SliceFirst(Condition='ФизЛицо eq cast(guid''${person}'', ''Catalog_ФизическиеЛица'')')`));
    expect(first[0].Period).toBe('2024-01-01T00:00:00');
    expect((await t.http.delete(enc(keyOf('2025-05-05T00:00:00')))).status).toBe(204);
    const gone = await t.get(keyOf('2025-05-05T00:00:00'));
    expect([gone.status, errCode(gone)]).toEqual([404, '9']);
  });

  it('a key without all parts → 400 code 7', async () => {
    const r = await t.get(`${FIO}(Period=datetime'2024-01-01T00:00:00')`);
    expect([r.status, errCode(r)]).toEqual([400, '7']);
  });
});

describe('barcodes and subsystem versions', () => {
  it('finds barcodes of a product by composite owner with cast', async () => {
    const rows = values(await t.get(`InformationRegister_Штрихкоды?$filter=Владелец eq cast(guid'${product}', 'Catalog_Номенклатура')`));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Владелец_Type: 'StandardODATA.Catalog_Номенклатура', Штрихкод: expect.stringMatching(/^46\d{11}$/) });
  });

  it('publishes the configuration version', async () => {
    const rows = values(await t.get("InformationRegister_ВерсииПодсистем?$filter=ИмяПодсистемы eq 'Розница'"));
    expect(rows[0].Версия).toBe('2.3.22.41');
  });
});
