import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../edm/values';
import { REFS } from '../seed/refs';
import { errCode, errText, startTestSim, values, type TestSim } from '../test-helpers';

// ref §1.5: $filter operators, functions, literals, composite cast/isof, lambdas and the error quirks.

let t: TestSim;
let cards: Row[];
let persons: Row[];
beforeAll(async () => {
  t = await startTestSim();
  cards = t.sim.control.list('Catalog_ИнформационныеКарты');
  persons = t.sim.control.list('Catalog_ФизическиеЛица').filter((p) => p.IsFolder === false);
});
afterAll(() => t.close());

const count = async (set: string, filter: string) => {
  const r = await t.get(`${set}?$filter=${filter}&$select=Ref_Key`);
  expect(r.status, JSON.stringify(r.data)).toBe(200);
  return values(r).length;
};

describe('$filter operators and literals', () => {
  it('compares strings case-insensitively like the 1С query language', async () => {
    expect(await count('Catalog_Номенклатура', "Description eq 'МОЛОКО 3,2% 1 л'")).toBe(1);
  });

  it('supports eq ne gt ge lt le, and / or / not and parentheses', async () => {
    const orders = t.sim.control.list('Document_ЗаказПокупателя');
    const big = orders.filter((o) => Number(o.СуммаДокумента) > 500).length;
    expect(await count('Document_ЗаказПокупателя', 'СуммаДокумента gt 500')).toBe(big);
    expect(await count('Document_ЗаказПокупателя', 'СуммаДокумента le 500')).toBe(orders.length - big);
    expect(await count('Document_ЗаказПокупателя', "(Статус eq 'Закрыт' or Статус eq 'Согласован') and not DeletionMark")).toBe(2);
    expect(await count('Document_ЗаказПокупателя', "Статус ne 'НеСогласован'")).toBe(2);
    expect(await count('Document_ЗаказПокупателя', 'Posted eq true and СуммаДокумента ge 0')).toBe(2);
  });

  it('supports datetime and guid literals', async () => {
    expect(await count('Document_ЗаказПокупателя', "Date ge datetime'2025-01-20T00:00:00' and Date lt datetime'2025-02-02'")).toBe(2);
    expect(await count('Document_ЗаказПокупателя', `Контрагент_Key eq guid'${REFS.counterparties.retailBuyer}'`)).toBe(3);
    expect(await count('Catalog_ФизическиеЛица', "ДатаРождения eq datetime'0001-01-01T00:00:00' and IsFolder eq false")).toBe(0);
  });

  it('supports substringof, startswith, endswith, like, concat, year/month', async () => {
    expect(await count('Catalog_Номенклатура', "substringof('сок', Description)")).toBe(1);
    expect(await count('Catalog_Номенклатура', "startswith(Description, 'Мол')")).toBe(1);
    expect(await count('Catalog_Номенклатура', "endswith(Артикул, '-015')")).toBe(1);
    expect(await count('Catalog_Номенклатура', "like(Description, 'С%')")).toBe(3);
    expect(await count('Catalog_Номенклатура', "concat(Артикул, '!') eq 'MLK-001!'")).toBe(1);
    expect(await count('Document_ЗаказПокупателя', 'year(Date) eq 2025 and month(Date) eq 2')).toBe(2);
  });

  it('follows navigation paths (Контрагент/ИНН)', async () => {
    expect(await count('Document_ЗаказПокупателя', "Контрагент/ИНН eq '6658000001'")).toBe(1);
  });

  it('lambdas any/all over a tabular section', async () => {
    expect(await count('Document_ЗаказПокупателя', 'Товары/any(d: d/Количество gt 2)')).toBe(1);
    expect(await count('Document_ЗаказПокупателя', 'Товары/all(d: d/Цена lt 300)')).toBe(2);
    expect(await count('Catalog_ФизическиеЛица', "КонтактнаяИнформация/any(c: c/Тип eq 'АдресЭлектроннойПочты')")).toBe(
      persons.filter((p) => (p.КонтактнаяИнформация as Row[]).some((c) => c.Тип === 'АдресЭлектроннойПочты')).length,
    );
  });

  it('filters tabular-section sets directly; LineNumber is an Int64 string', async () => {
    const r = await t.get("Catalog_ФизическиеЛица_КонтактнаяИнформация?$filter=Тип eq 'Телефон'");
    expect(values(r).length).toBeGreaterThan(10);
    expect(values(r)[0].LineNumber).toEqual(expect.any(String));
  });
});

describe('composite fields (ref §1.5)', () => {
  it('plain `eq guid` on a composite returns nothing; cast(guid, type) matches', async () => {
    const owned = cards.find((c) => c.ВладелецКарты_Type === 'StandardODATA.Catalog_ФизическиеЛица') as Row;
    const owner = String(owned.ВладелецКарты);
    expect(await count('Catalog_ИнформационныеКарты', `ВладелецКарты eq guid'${owner}'`)).toBe(0);
    expect(await count('Catalog_ИнформационныеКарты', `ВладелецКарты eq cast(guid'${owner}', 'Catalog_ФизическиеЛица')`)).toBe(1);
    expect(await count('Catalog_ИнформационныеКарты', `ВладелецКарты eq cast(guid'${owner}', 'Catalog_Контрагенты')`)).toBe(0);
  });

  it('isof tests the composite type', async () => {
    expect(await count('Catalog_ИнформационныеКарты', "isof(ВладелецКарты, 'Catalog_Контрагенты')")).toBe(1);
    expect(await count('Catalog_ИнформационныеКарты', "isof(ВладелецКарты, 'StandardODATA.Catalog_ФизическиеЛица')")).toBe(6);
  });

  it('finds payments of an order by ДокументОснование cast and by ЗаказПокупателя_Key (ref §2.6)', async () => {
    const order = t.sim.control.list('Document_ЗаказПокупателя').find((o) => o.НомерЗаказаНаСайте === 'B24-1001') as Row;
    const key = String(order.Ref_Key);
    expect(await count('Document_ПриходныйКассовыйОрдер', `ДокументОснование eq cast(guid'${key}', 'Document_ЗаказПокупателя')`)).toBe(1);
    expect(await count('Document_ОплатаОтПокупателяПлатежнойКартой', `ЗаказПокупателя_Key eq guid'${key}'`)).toBe(1);
  });
});

describe('$filter errors and quirks', () => {
  it('unsupported functions (tolower…) → 400 code 14', async () => {
    const r = await t.get("Catalog_Номенклатура?$filter=tolower(Description) eq 'x'");
    expect(r.status).toBe(400);
    expect(errCode(r)).toBe('14');
  });

  it('syntax errors → 400 code 14; a raw `+` is not a space', async () => {
    expect(errCode(await t.get("Catalog_Номенклатура?$filter=Description eq 'x"))).toBe('14');
    const raw = await t.http.get(`${encodeURI('Catalog_Номенклатура')}?$format=json&$filter=Description+eq+'x'`);
    expect(raw.status).toBe(400);
    expect(errCode(raw)).toBe('14');
  });

  it('a misspelt field silently returns an empty result (switchable to 400)', async () => {
    const r = await t.get("Catalog_Номенклатура?$filter=Descripton eq 'Доставка'");
    expect(r.status).toBe(200);
    expect(values(r)).toEqual([]);
    t.sim.control.setQuirks({ unknownFilterField: 'error' });
    try {
      expect(errCode(await t.get("Catalog_Номенклатура?$filter=Descripton eq 'Доставка'"))).toBe('14');
    } finally {
      t.sim.control.setQuirks({ unknownFilterField: 'empty' });
    }
  });

  it('a bad guid literal → 400 code 1', async () => {
    const r = await t.get("Catalog_Номенклатура?$filter=Ref_Key eq guid'not-a-guid'");
    expect(r.status).toBe(400);
    expect(errCode(r)).toBe('1');
    const key = await t.get("Catalog_Номенклатура(guid'12345')");
    expect(key.status).toBe(400);
    expect(errCode(key)).toBe('1');
  });

  it('`Ref_Key gt guid…` → 500 (no keyset paging over references)', async () => {
    const r = await t.get(`Catalog_Номенклатура?$filter=Ref_Key gt guid'${REFS.productFolder}'`);
    expect(r.status).toBe(500);
    expect(errCode(r)).toBe('-1');
    expect(errText(r)).toContain('Нельзя сравнивать');
  });
});
