import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFS } from '../seed/refs';
import { errCode, errText, startTestSim, values, type TestSim } from '../test-helpers';

// ref §1.4–§1.5: $top/$skip, $inlinecount, /$count, $orderby, $select (*, **, TS/Field), $expand, presentations.

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(() => t.close());

describe('paging and counting', () => {
  it('$skip applies before $top', async () => {
    const all = values(await t.get('Catalog_Номенклатура?$orderby=Code&$select=Code'));
    const page = values(await t.get('Catalog_Номенклатура?$orderby=Code&$select=Code&$skip=3&$top=4'));
    expect(page).toEqual(all.slice(3, 7));
  });

  it('$inlinecount=allpages adds "odata.count" as a string AND ignores $skip/$top (ref §1.5)', async () => {
    const r = await t.get("Catalog_Номенклатура?$inlinecount=allpages&$top=2&$skip=1&$filter=IsFolder eq false");
    const body = r.data as { 'odata.count': unknown; value: unknown[] };
    expect(body['odata.count']).toBe('15');
    expect(body.value).toHaveLength(15);
  });

  it('/$count answers a plain number and honours $filter', async () => {
    const r = await t.http.get(encodeURI("Catalog_Номенклатура/$count?$filter=IsFolder eq false"));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/plain/);
    expect(r.data).toBe('15');
  });

  it('rejects a malformed $top', async () => {
    expect(errCode(await t.get('Catalog_Номенклатура?$top=-1'))).toBe('14');
  });
});

describe('$orderby', () => {
  it('sorts by several keys, asc/desc', async () => {
    const rows = values(await t.get('Document_ЗаказПокупателя?$orderby=Статус asc, Date desc&$select=Статус,Date'));
    const keys = rows.map((r) => `${String(r.Статус)}|${String(r.Date)}`);
    const expected = [...keys].sort((a, b) => {
      const [sa, da] = a.split('|');
      const [sb, db] = b.split('|');
      return sa.localeCompare(sb, 'ru') || db.localeCompare(da);
    });
    expect(keys).toEqual(expected);
  });

  it('$orderby=Ref_Key orders by presentation (Description), not by GUID (ref §1.5)', async () => {
    const rows = values(await t.get('Catalog_Номенклатура?$orderby=Ref_Key&$select=Ref_Key,Description'));
    const byDescription = [...rows].sort((a, b) => String(a.Description).localeCompare(String(b.Description), 'ru'));
    expect(rows.map((r) => r.Description)).toEqual(byDescription.map((r) => r.Description));
    const byGuid = [...rows].sort((a, b) => String(a.Ref_Key).localeCompare(String(b.Ref_Key)));
    expect(rows.map((r) => r.Ref_Key)).not.toEqual(byGuid.map((r) => r.Ref_Key));
  });

  it('an unknown $orderby field → 400 code 6', async () => {
    expect(errCode(await t.get('Catalog_Номенклатура?$orderby=Нет'))).toBe('6');
  });
});

describe('$select and $expand', () => {
  it('unknown $select field → 400 code 6 echoing the name (ref §1.5)', async () => {
    const r = await t.get('Catalog_Номенклатура?$select=Description,НетТакогоПоля');
    expect(r.status).toBe(400);
    expect(errCode(r)).toBe('6');
    expect(errText(r)).toContain('НетТакогоПоля');
  });

  it('`**` selects everything but tabular sections; `TS/Field` picks TS columns', async () => {
    const all = values(await t.get('Document_ЗаказПокупателя?$top=1&$select=**'))[0];
    expect(all).toHaveProperty('Статус');
    expect(all).not.toHaveProperty('Товары');
    const ts = values(await t.get('Document_ЗаказПокупателя?$top=1&$select=Number,Товары/Номенклатура_Key'))[0];
    expect(Object.keys(ts)).toEqual(['Number', 'Товары']);
    expect(Object.keys((ts.Товары as object[])[0])).toEqual(['Номенклатура_Key']);
  });

  it('$expand works only when the navigation field is also in $select (ref §1.5)', async () => {
    const ignored = values(await t.get('Document_ЗаказПокупателя?$top=1&$expand=Контрагент'))[0];
    expect(ignored).not.toHaveProperty('Контрагент');
    const expanded = values(await t.get('Document_ЗаказПокупателя?$top=1&$select=Number,Контрагент/Description&$expand=Контрагент'))[0];
    expect(expanded.Контрагент).toEqual({ Description: 'Розничный покупатель' });
    const unknown = await t.get('Document_ЗаказПокупателя?$top=1&$select=Number&$expand=Нет');
    expect(errCode(unknown)).toBe('6');
  });

  it('X____Presentation only when asked', async () => {
    const row = values(await t.get('Catalog_Магазины?$top=1&$orderby=Description&$select=Description,Организация____Presentation'))[0];
    expect(row).toEqual({ Description: 'Магазин на Ленина', Организация____Presentation: 'ООО "Ромашка"' });
  });

  it('dot navigation on one entity (ref §1.5)', async () => {
    const r = await t.get(`Catalog_Магазины(guid'${REFS.stores.main}')/Организация/Description`);
    expect(r.status).toBe(200);
    expect((r.data as { value: string }).value).toBe('ООО "Ромашка"');
    const ts = await t.get(`Catalog_Магазины(guid'${REFS.stores.main}')/КонтактнаяИнформация`);
    expect(values(ts)).toHaveLength(2);
  });

  it('nometadata verbosity omits odata.metadata', async () => {
    const r = await t.http.get(encodeURI('Catalog_Валюты?$format=application/json;odata=nometadata'));
    expect(r.data).not.toHaveProperty('odata.metadata');
    expect((r.data as { value: unknown[] }).value).toHaveLength(1);
  });
});
