import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, values, type TestSim } from '../test-helpers';

// 'large' seed: 50,000 persons with contact information; paging over a stable $orderby must have
// no gap and no repeat (ref §1.5 "verified gap-free").

let t: TestSim;
let seedMs = 0;
beforeAll(async () => {
  const started = Date.now();
  t = await startTestSim({ seed: 'large' });
  seedMs = Date.now() - started;
}, 60_000);
afterAll(() => t.close());

async function pageAll(orderby: string, pageSize: number): Promise<string[]> {
  const keys: string[] = [];
  for (let skip = 0; ; skip += pageSize) {
    const page = values<{ Ref_Key: string }>(await t.get(`Catalog_ФизическиеЛица?$select=Ref_Key&$orderby=${orderby}&$top=${pageSize}&$skip=${skip}`));
    keys.push(...page.map((p) => p.Ref_Key));
    if (page.length < pageSize) return keys;
  }
}

describe('large seed', () => {
  it('generates 50,000 persons with contact information quickly and deterministically', async () => {
    expect(seedMs).toBeLessThan(15_000);
    const total = Number((await t.http.get(encodeURI('Catalog_ФизическиеЛица/$count'))).data);
    expect(total).toBe(50_001); // + the "Покупатели" folder
    expect(t.sim.control.count('Catalog_ФизическиеЛица_КонтактнаяИнформация')).toBeGreaterThan(50_000);
    expect(t.sim.control.count('InformationRegister_ФИОФизЛиц')).toBe(50_000);
  });

  it.each([
    ['Description', 5_000],
    ['Ref_Key', 10_000],
    ['Description desc, ДатаРождения', 7_000],
  ])('pages over $orderby=%s without gaps or repeats', async (orderby, size) => {
    const keys = await pageAll(orderby, size);
    expect(keys).toHaveLength(50_001);
    expect(new Set(keys).size).toBe(50_001);
  });

  it('filters tabular sections of 50,000 owners', async () => {
    const r = await t.get("Catalog_ФизическиеЛица?$filter=КонтактнаяИнформация/any(c: c/НомерТелефона eq '+79100007919')&$select=Description");
    expect(values(r)).toHaveLength(1);
  });
});
