import axios from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REFS } from '../seed/refs';
import { enc, errCode, startTestSim, values, type TestSim } from '../test-helpers';

// Fields missing in "another release": hidden from $metadata and from the data; $select of one → 400 code 6
// (ref §1.5); POST/PATCH ignore it as an unknown property (ref §1.6).

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(() => t.close());
beforeEach(() => t.sim.control.reset());

const ORDER = 'Document_ЗаказПокупателя';
const COMPANY = 'Catalog_Контрагенты';

async function metadata(): Promise<string> {
  return String((await t.http.get('$metadata', { headers: { Accept: 'application/xml' } })).data);
}

function entityType(xml: string, name: string): string {
  const start = xml.indexOf(`<EntityType Name="${name}"`);
  return xml.slice(start, xml.indexOf('</EntityType>', start));
}

function complexType(xml: string, name: string): string {
  const start = xml.indexOf(`<ComplexType Name="${name}"`);
  return start < 0 ? '' : xml.slice(start, xml.indexOf('</ComplexType>', start));
}

describe('hideFields', () => {
  it('removes header fields, attribute names (ref, composite) and TS columns from $metadata', async () => {
    t.sim.control.hideFields(ORDER, ['Комментарий', 'Контрагент', 'ВладелецДисконтнойКарты', 'Товары/КодСтроки']);
    const xml = await metadata();
    const order = entityType(xml, ORDER);
    expect(order).not.toContain('Name="Комментарий"');
    expect(order).not.toContain('Name="Контрагент_Key"');
    expect(order).not.toContain('NavigationProperty Name="Контрагент"');
    expect(order).not.toContain('Name="ВладелецДисконтнойКарты"');
    expect(order).not.toContain('Name="ВладелецДисконтнойКарты_Type"');
    expect(order).toContain('Name="Статус"');
    const lines = complexType(xml, `${ORDER}_Товары_RowType`);
    expect(lines).toContain('Name="Количество"');
    expect(lines).not.toContain('Name="КодСтроки"');
    expect(t.sim.control.hiddenFields()).toMatchObject({ [ORDER]: expect.arrayContaining(['Комментарий', 'Контрагент_Key']), [`${ORDER}_Товары`]: ['КодСтроки'] });
  });

  it('hides a whole tabular section with its set', async () => {
    t.sim.control.hideFields('Document_УстановкаЦенНоменклатуры', ['ВидыЦен']);
    const xml = await metadata();
    expect(entityType(xml, 'Document_УстановкаЦенНоменклатуры')).not.toContain('Name="ВидыЦен"');
    expect(complexType(xml, 'Document_УстановкаЦенНоменклатуры_ВидыЦен_RowType')).toBe('');
    expect((await t.get('Document_УстановкаЦенНоменклатуры_ВидыЦен?$top=1')).status).toBe(404);
  });

  it('$select of a hidden field → 400 code 6; data never shows it (*, TS rows, single entity, navigation)', async () => {
    t.sim.control.hideFields(COMPANY, ['КПП']);
    t.sim.control.hideFields(ORDER, ['Товары/КодСтроки']);
    const bad = await t.get(`${COMPANY}?$select=Ref_Key,КПП&$top=1`);
    expect(bad.status).toBe(400);
    expect(errCode(bad)).toBe('6');
    const badTs = await t.get(`${ORDER}?$select=Ref_Key,Товары/КодСтроки&$top=1`);
    expect(badTs.status).toBe(400);
    expect(errCode(badTs)).toBe('6');
    const all = values(await t.get(`${COMPANY}?$top=3`));
    expect(all.length).toBeGreaterThan(0);
    for (const r of all) expect(r).not.toHaveProperty('КПП');
    const one = await t.get(`${COMPANY}(guid'${REFS.counterparties.retailBuyer}')`);
    expect(one.status).toBe(200);
    expect(one.data).not.toHaveProperty('КПП');
    const orders = values<Record<string, unknown>>(await t.get(`${ORDER}?$top=5`));
    const lines = orders.flatMap((o) => o.Товары as Record<string, unknown>[]);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).toHaveProperty('Количество');
      expect(l).not.toHaveProperty('КодСтроки');
    }
    const tsRows = values(await t.get(`${ORDER}_Товары?$top=3`));
    for (const l of tsRows) expect(l).not.toHaveProperty('КодСтроки');
    const nav = await t.get(`${ORDER}(guid'${String(orders[0].Ref_Key)}')/Товары`);
    for (const l of values(nav)) expect(l).not.toHaveProperty('КодСтроки');
    // A filter on a hidden field behaves like a misspelt one: silently empty (ref §1.5).
    expect(values(await t.get(`${COMPANY}?$filter=КПП eq ''&$select=Ref_Key&$top=5`))).toEqual([]);
  });

  it('POST and PATCH ignore hidden fields (header and TS columns) and do not echo them', async () => {
    t.sim.control.hideFields(COMPANY, ['КПП', 'Комментарий']);
    const created = await t.http.post(enc(`${COMPANY}?$format=json`), { Description: 'ООО Тест', ИНН: '7700000001', КПП: '770001001', Комментарий: 'x' });
    expect(created.status).toBe(201);
    expect(created.data).not.toHaveProperty('КПП');
    const id = String(created.data.Ref_Key);
    const stored = t.sim.control.get(COMPANY, id);
    expect(stored?.ИНН).toBe('7700000001');
    expect(stored?.КПП).toBe('');
    expect(stored?.Комментарий).toBe('');
    const patched = await t.http.patch(enc(`${COMPANY}(guid'${id}')?$format=json`), { КПП: '770002002', Description: 'ООО Тест 2' });
    expect(patched.status).toBe(200);
    expect(t.sim.control.get(COMPANY, id)?.КПП).toBe('');
    expect(t.sim.control.get(COMPANY, id)?.Description).toBe('ООО Тест 2');

    t.sim.control.hideFields('Document_УстановкаЦенНоменклатуры', ['Товары/ЦенаИзмененаВручную', 'ВидыЦен']);
    const doc = await t.http.post(enc('Document_УстановкаЦенНоменклатуры?$format=json'), {
      Товары: [{ LineNumber: 1, Номенклатура_Key: REFS.priceTypes.retail, ВидЦены_Key: REFS.priceTypes.retail, Цена: 10, ЦенаИзмененаВручную: true }],
      ВидыЦен: [{ LineNumber: 1, ВидЦены_Key: REFS.priceTypes.retail }],
    });
    expect(doc.status).toBe(201);
    const row = t.sim.control.get('Document_УстановкаЦенНоменклатуры', String(doc.data.Ref_Key));
    expect((row?.Товары as Record<string, unknown>[])[0].ЦенаИзмененаВручную).toBe(false);
    expect(row?.ВидыЦен).toEqual([]);
  });

  it('showAllFields, setComposition and reset show hidden fields again; HTTP control route', async () => {
    t.sim.control.hideFields(COMPANY, ['КПП']);
    t.sim.control.showAllFields();
    expect(entityType(await metadata(), COMPANY)).toContain('Name="КПП"');
    t.sim.control.hideFields(COMPANY, ['КПП']);
    t.sim.control.setComposition('all');
    expect(t.sim.control.hiddenFields()).toEqual({});
    t.sim.control.hideFields(COMPANY, ['КПП']);
    t.sim.control.reset();
    expect((await t.get(`${COMPANY}?$select=КПП&$top=1`)).status).toBe(200);
    const ctl = `http://127.0.0.1:${t.sim.port}/_sim/hidden-fields`;
    const put = await axios.put(ctl, { set: COMPANY, fields: ['КПП'] });
    expect(put.data).toEqual({ [COMPANY]: ['КПП'] });
    expect((await t.get(`${COMPANY}?$select=КПП&$top=1`)).status).toBe(400);
    await axios.delete(ctl);
    expect((await t.get(`${COMPANY}?$select=КПП&$top=1`)).status).toBe(200);
  });

  it('refuses unknown sets, unknown fields and key fields', () => {
    expect(() => t.sim.control.hideFields('Catalog_Нет', ['X'])).toThrow(/Unknown entity set/);
    expect(() => t.sim.control.hideFields(COMPANY, ['Нет'])).toThrow(/Unknown field/);
    expect(() => t.sim.control.hideFields(COMPANY, ['Ref_Key'])).toThrow(/cannot be hidden/);
  });
});
