import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFS } from '../seed/refs';
import { startTestSim, type TestSim } from '../test-helpers';

// ref §1.11: percent-encoded UTF-8 paths work; a literal '+' in the path → 404 from the web server.

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(() => t.close());

describe('URL path hazards', () => {
  it('answers a percent-encoded Cyrillic key path', async () => {
    const r = await t.http.get(`${encodeURIComponent('Catalog_Магазины')}(guid'${REFS.stores.main}')?$format=json&$select=Ref_Key`);
    expect(r.status).toBe(200);
  });

  it("refuses a literal '+' in the path (function argument) with an HTML 404, as IIS does", async () => {
    const cond = encodeURIComponent("Цена gt 1").replace(/%20/g, '+');
    const r = await t.http.get(`${encodeURIComponent('InformationRegister_ЦеныНоменклатуры_RecordType')}/SliceLast(Condition='${cond}')?$format=json`);
    expect(r.status).toBe(404);
    expect(String(r.headers['content-type'])).toMatch(/html/);
  });
});
