import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errCode, startTestSim, values, type TestSim } from '../test-helpers';

// ref §1.1–§1.4: $metadata lists only the published composition, with Edm types, tabular sections
// as own sets + _RowType, navigation properties, enums, and bound FunctionImports.

interface XmlProp {
  '@_Name': string;
  '@_Type': string;
}
interface XmlEntityType {
  '@_Name': string;
  Key: { PropertyRef: Array<{ '@_Name': string }> };
  Property: XmlProp[];
  NavigationProperty?: XmlProp[];
}
interface XmlSchema {
  '@_Namespace': string;
  EntityType: XmlEntityType[];
  ComplexType: Array<{ '@_Name': string; Property: XmlProp[] }>;
  EnumType: Array<{ '@_Name': string; Member: Array<{ '@_Name': string }> }>;
  EntityContainer: {
    EntitySet: Array<{ '@_Name': string }>;
    FunctionImport: Array<{ '@_Name': string; Parameter: Array<{ '@_Name': string; '@_Type': string }> }>;
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  isArray: (name) => ['EntityType', 'ComplexType', 'EnumType', 'Property', 'NavigationProperty', 'PropertyRef', 'EntitySet', 'FunctionImport', 'Parameter', 'Member', 'Association'].includes(name),
});

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(() => t.close());

async function schema(): Promise<XmlSchema> {
  const r = await t.http.get('$metadata', { headers: { Accept: 'application/json' } });
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toMatch(/application\/xml/); // XML only, even when JSON is asked (ref §1.2)
  const doc = parser.parse(String(r.data)) as { Edmx: { '@_Version': string; DataServices: { '@_DataServiceVersion': string; Schema: XmlSchema } } };
  expect(doc.Edmx.DataServices['@_DataServiceVersion']).toBe('3.0');
  return doc.Edmx.DataServices.Schema;
}

const entity = (s: XmlSchema, name: string) => s.EntityType.find((e) => e['@_Name'] === name);
const propType = (e: XmlEntityType | undefined, name: string) => e?.Property.find((p) => p['@_Name'] === name)?.['@_Type'];

describe('$metadata', () => {
  it('is EDMX / OData v3 with namespace StandardODATA', async () => {
    const s = await schema();
    expect(s['@_Namespace']).toBe('StandardODATA');
  });

  it('describes standard and attribute properties with their Edm types (ref §1.4)', async () => {
    const s = await schema();
    const person = entity(s, 'Catalog_ФизическиеЛица');
    expect(person?.Key.PropertyRef.map((k) => k['@_Name'])).toEqual(['Ref_Key']);
    expect(propType(person, 'Ref_Key')).toBe('Edm.Guid');
    expect(propType(person, 'DataVersion')).toBe('Edm.String');
    expect(propType(person, 'ДатаРождения')).toBe('Edm.DateTime');
    expect(propType(person, 'Магазин_Key')).toBe('Edm.Guid');
    expect(propType(person, 'Пол')).toBe('Edm.String'); // enum → Edm.String (ref §1.3)
    expect(propType(person, 'КонтактнаяИнформация')).toBe('Collection(StandardODATA.Catalog_ФизическиеЛица_КонтактнаяИнформация_RowType)');
    expect(person?.NavigationProperty?.map((n) => n['@_Name'])).toContain('Магазин');
    const order = entity(s, 'Document_ЗаказПокупателя');
    expect(propType(order, 'Posted')).toBe('Edm.Boolean');
    expect(propType(order, 'СуммаДокумента')).toBe('Edm.Double');
    expect(propType(order, 'МаксимальныйКодСтроки')).toBe('Edm.Int64');
    expect(propType(order, 'ВладелецДисконтнойКарты')).toBe('Edm.String'); // composite: value + _Type, no _Key
    expect(propType(order, 'ВладелецДисконтнойКарты_Type')).toBe('Edm.String');
    expect(propType(order, 'ВладелецДисконтнойКарты_Key')).toBeUndefined();
  });

  it('publishes tabular sections as own sets keyed by Ref_Key + LineNumber, with a _RowType', async () => {
    const s = await schema();
    const rows = entity(s, 'Document_ЗаказПокупателя_Товары');
    expect(rows?.Key.PropertyRef.map((k) => k['@_Name'])).toEqual(['Ref_Key', 'LineNumber']);
    expect(propType(rows, 'LineNumber')).toBe('Edm.Int64');
    expect(s.ComplexType.map((c) => c['@_Name'])).toContain('Document_ЗаказПокупателя_Товары_RowType');
    expect(s.EntityContainer.EntitySet.map((e) => e['@_Name'])).toContain('Document_ЗаказПокупателя_Товары');
  });

  it('declares recorder-subordinate and independent registers, enums and bound functions', async () => {
    const s = await schema();
    const sets = s.EntityContainer.EntitySet.map((e) => e['@_Name']);
    expect(sets).toEqual(expect.arrayContaining(['InformationRegister_ЦеныНоменклатуры', 'InformationRegister_ЦеныНоменклатуры_RecordType', 'InformationRegister_ФИОФизЛиц']));
    expect(entity(s, 'InformationRegister_ЦеныНоменклатуры')?.Key.PropertyRef.map((k) => k['@_Name'])).toEqual(['Recorder_Key']);
    expect(entity(s, 'InformationRegister_ФИОФизЛиц')?.Key.PropertyRef.map((k) => k['@_Name'])).toEqual(['Period', 'ФизЛицо', 'ФизЛицо_Type']);
    const status = s.EnumType.find((e) => e['@_Name'] === 'СтатусыЗаказовПокупателей');
    expect(status?.Member.map((m) => m['@_Name'])).toEqual(['НеСогласован', 'Согласован', 'Закрыт']);
    const fns = s.EntityContainer.FunctionImport;
    const bound = (name: string, type: string) =>
      fns.some((f) => f['@_Name'] === name && f.Parameter.some((p) => p['@_Name'] === 'bindingParameter' && p['@_Type'] === `StandardODATA.${type}`));
    expect(bound('Post', 'Document_ЗаказПокупателя')).toBe(true);
    expect(bound('Unpost', 'Document_ЧекККМ')).toBe(true);
    expect(bound('SliceLast', 'InformationRegister_ЦеныНоменклатуры_RecordType')).toBe(true);
    expect(bound('SliceLast', 'InformationRegister_ФИОФизЛиц')).toBe(true);
    expect(bound('SliceLast', 'InformationRegister_ЦеныНоменклатуры')).toBe(false);
  });
});

describe('published composition', () => {
  it('a composition change removes a set from $metadata, the service document and the URL space', async () => {
    const all = t.sim.control.composition();
    t.sim.control.setComposition(all.filter((n) => n !== 'Catalog_Контрагенты'));
    try {
      const s = await schema();
      const sets = s.EntityContainer.EntitySet.map((e) => e['@_Name']);
      expect(sets).not.toContain('Catalog_Контрагенты');
      expect(sets).not.toContain('Catalog_Контрагенты_КонтактнаяИнформация'); // TS goes with its owner
      // Navigation to an unpublished catalog disappears; the _Key field stays.
      const order = entity(s, 'Document_ЗаказПокупателя');
      expect(order?.NavigationProperty?.map((n) => n['@_Name'])).not.toContain('Контрагент');
      expect(propType(order, 'Контрагент_Key')).toBe('Edm.Guid');
      const doc = await t.get('');
      expect(values<{ name: string }>(doc).map((v) => v.name)).not.toContain('Catalog_Контрагенты');
      const r = await t.get('Catalog_Контрагенты');
      expect(r.status).toBe(404);
      expect(errCode(r)).toBe('6');
    } finally {
      t.sim.control.setComposition('all');
    }
    expect((await t.get('Catalog_Контрагенты?$top=1')).status).toBe(200);
  });

  it('an empty composition publishes nothing (ref §1.1)', async () => {
    t.sim.control.setComposition([]);
    try {
      expect(values(await t.get(''))).toEqual([]);
    } finally {
      t.sim.control.setComposition('all');
    }
  });

  it('answers Atom when JSON is not requested (ref §1.2)', async () => {
    const r = await t.http.get('', { headers: { Accept: 'application/xml' } });
    expect(r.headers['content-type']).toMatch(/atomsvc\+xml/);
    const feed = await t.http.get(encodeURI('Catalog_Валюты'), { headers: { Accept: '*/*' } });
    expect(feed.headers['content-type']).toMatch(/application\/atom\+xml/);
    expect(String(feed.data)).toContain('<d:Description>руб.</d:Description>');
  });
});
