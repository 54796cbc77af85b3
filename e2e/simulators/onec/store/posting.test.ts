import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersionCounter } from '../edm/values';
import { REFS } from '../seed/refs';
import { enc, errCode, errText, startTestSim, values, type TestSim } from '../test-helpers';

// ref §1.6 Post/Unpost (posting checks → 500 code -1 in Russian), ref §1.9 + §2.3 prices via
// Document_УстановкаЦенНоменклатуры → InformationRegister_ЦеныНоменклатуры → SliceLast.

let t: TestSim;
let product: string;
beforeAll(async () => {
  t = await startTestSim();
  product = String(t.sim.control.list('Catalog_Номенклатура').find((p) => p.Артикул === 'MLK-001')?.Ref_Key);
});
afterAll(() => t.close());

type Obj = Record<string, unknown>;
const create = async (set: string, body: Obj) => (await t.http.post(enc(`${set}?$format=json`), body)).data as Obj;
const action = (set: string, key: unknown, name: string, query = '') =>
  t.http.post(enc(`${set}(guid'${String(key)}')/${name}?$format=json${query}`), '');
const get = async (set: string, key: unknown) => (await t.get(`${set}(guid'${String(key)}')`)).data as Obj;

describe('Post / Unpost of Document_ЗаказПокупателя', () => {
  it('fails without Контрагент / Магазин and with zero-quantity rows: HTTP 500, code -1, Russian message', async () => {
    const doc = await create('Document_ЗаказПокупателя', {
      Товары: [{ LineNumber: 1, Номенклатура_Key: product, Количество: 0, Цена: 10 }],
    });
    const r = await action('Document_ЗаказПокупателя', doc.Ref_Key, 'Post', '&PostingModeOperational=false');
    expect(r.status).toBe(500);
    expect(errCode(r)).toBe('-1');
    const text = errText(r);
    expect(text).toContain(`Не удалось провести "Заказ покупателя ${String(doc.Number)}`);
    expect(text).toContain('Поле "Контрагент" не заполнено');
    expect(text).toContain('Поле "Магазин" не заполнено');
    expect(text).toContain('Не заполнена колонка "Количество" в строке 1 списка "Товары"');
    const after = await get('Document_ЗаказПокупателя', doc.Ref_Key);
    expect(after.Posted).toBe(false);
    expect(after.DataVersion).toBe('AAAAAAAAAAA=');
  });

  it('posts a valid order (Posted = true, DataVersion +1) and unposts it; `Post()` form works too', async () => {
    const doc = await create('Document_ЗаказПокупателя', {
      Магазин_Key: REFS.stores.main,
      Контрагент_Key: REFS.counterparties.retailBuyer,
      Товары: [{ LineNumber: 1, Номенклатура_Key: product, Количество: 1, Цена: 89.9, Сумма: 89.9 }],
    });
    const r = await action('Document_ЗаказПокупателя', doc.Ref_Key, 'Post()');
    expect(r.status).toBe(200);
    const posted = await get('Document_ЗаказПокупателя', doc.Ref_Key);
    expect(posted.Posted).toBe(true);
    expect(dataVersionCounter(String(posted.DataVersion))).toBe(1);
    expect((await action('Document_ЗаказПокупателя', doc.Ref_Key, 'Unpost')).status).toBe(200);
    const unposted = await get('Document_ЗаказПокупателя', doc.Ref_Key);
    expect(unposted.Posted).toBe(false);
    expect(dataVersionCounter(String(unposted.DataVersion))).toBe(2);
  });

  it('a plain write does not run posting checks (ref §1.6 fill checking does not run)', async () => {
    const r = await t.http.post(enc('Document_ЗаказПокупателя?$format=json'), { Товары: [{ LineNumber: 1, Количество: 0 }] });
    expect(r.status).toBe(201);
  });

  it('operational posting of a past-dated document fails; non-operational succeeds', async () => {
    const doc = await create('Document_ЗаказПокупателя', {
      Date: '2020-01-01T00:00:00',
      Магазин_Key: REFS.stores.main,
      Контрагент_Key: REFS.counterparties.retailBuyer,
      Товары: [{ LineNumber: 1, Номенклатура_Key: product, Количество: 1 }],
    });
    const op = await action('Document_ЗаказПокупателя', doc.Ref_Key, 'Post', '&PostingModeOperational=true');
    expect(op.status).toBe(500);
    expect(errText(op)).toContain('задним числом');
    expect((await action('Document_ЗаказПокупателя', doc.Ref_Key, 'Post', '&PostingModeOperational=false')).status).toBe(200);
  });

  it('Post of a missing document → 404; Post on a catalog → 400 code 6', async () => {
    expect((await action('Document_ЗаказПокупателя', '11111111-2222-4333-8444-555555555555', 'Post')).status).toBe(404);
    const r = await action('Catalog_Контрагенты', REFS.counterparties.retailBuyer, 'Post');
    expect([r.status, errCode(r)]).toEqual([400, '6']);
  });
});

describe('prices: УстановкаЦенНоменклатуры → ЦеныНоменклатуры → SliceLast', () => {
  const slice = (extra = '') =>
    t.get(
      `InformationRegister_ЦеныНоменклатуры_RecordType/SliceLast(${extra}Condition='ВидЦены_Key eq guid''${REFS.priceTypes.retail}'' and Номенклатура_Key eq guid''${product}''')`,
    );

  it('SliceLast returns the latest posted price per dimension set', async () => {
    const rows = values(await slice());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Цена: 98.89, Period: '2024-03-01T09:00:00', Active: true, LineNumber: expect.any(String) });
    const past = values(await slice("Period=datetime'2024-02-01T00:00:00',"));
    expect(past[0]).toMatchObject({ Цена: 89.9, Period: '2024-01-10T09:00:00' });
  });

  it('posting a new price document writes records; unposting and deleting remove them', async () => {
    const doc = await create('Document_УстановкаЦенНоменклатуры', {
      Date: '2024-06-01T00:00:00',
      Товары: [{ LineNumber: 1, Номенклатура_Key: product, ВидЦены_Key: REFS.priceTypes.retail, Цена: 101.5 }],
    });
    expect(values(await slice())[0].Цена).toBe(98.89); // not posted yet
    expect((await action('Document_УстановкаЦенНоменклатуры', doc.Ref_Key, 'Post')).status).toBe(200);
    expect(values(await slice())[0]).toMatchObject({ Цена: 101.5, Recorder_Key: doc.Ref_Key });
    const recordSet = await t.get(`InformationRegister_ЦеныНоменклатуры(guid'${String(doc.Ref_Key)}')`);
    expect((recordSet.data as { RecordSet: Obj[] }).RecordSet).toHaveLength(1);
    await action('Document_УстановкаЦенНоменклатуры', doc.Ref_Key, 'Unpost');
    expect(values(await slice())[0].Цена).toBe(98.89);
    await action('Document_УстановкаЦенНоменклатуры', doc.Ref_Key, 'Post');
    await t.http.delete(enc(`Document_УстановкаЦенНоменклатуры(guid'${String(doc.Ref_Key)}')`));
    expect(values(await slice())[0].Цена).toBe(98.89);
  });

  it('a price document without ВидЦены in a row fails to post', async () => {
    const doc = await create('Document_УстановкаЦенНоменклатуры', { Товары: [{ LineNumber: 1, Номенклатура_Key: product, Цена: 1 }] });
    const r = await action('Document_УстановкаЦенНоменклатуры', doc.Ref_Key, 'Post');
    expect(r.status).toBe(500);
    expect(errText(r)).toContain('Не заполнена колонка "Вид цены" в строке 1 списка "Товары"');
  });

  it('SliceLast on the record-set view (not _RecordType) → 400 «Метод не найден»', async () => {
    const r = await t.get("InformationRegister_ЦеныНоменклатуры/SliceLast(Condition='')");
    expect([r.status, errCode(r)]).toEqual([400, '6']);
  });

  it('the register is read-only through OData', async () => {
    const r = await t.http.post(enc('InformationRegister_ЦеныНоменклатуры_RecordType?$format=json'), {});
    expect([r.status, errCode(r)]).toEqual([400, '19']);
  });
});
