import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersionCounter } from '../edm/values';
import { REFS } from '../seed/refs';
import { errCode, startTestSim, values, type TestSim } from '../test-helpers';

// Control API: inspection, "a person edits in 1С", composition, statistics with CPU time,
// fault injection, slow first request after idle (ref §1.2), reset.

let t: TestSim;
let controlUrl: string;
beforeAll(async () => {
  t = await startTestSim();
  controlUrl = `http://127.0.0.1:${t.sim.port}/_sim`;
});
afterAll(() => t.close());

const ctl = axios.create({ validateStatus: () => true });

describe('inspection and edits', () => {
  it('lists objects by set and exposes fixed reference GUIDs', () => {
    const stores = t.sim.control.list('Catalog_Магазины');
    expect(stores.map((s) => s.Ref_Key)).toEqual([REFS.stores.main, REFS.stores.second]);
    expect(t.sim.control.get('Catalog_Организации', REFS.organization)?.ИНН).toBe('7701234567');
    expect(t.sim.control.count('Catalog_ФизическиеЛица_КонтактнаяИнформация')).toBeGreaterThan(20);
  });

  it('"a person edits in 1С" changes fields and bumps DataVersion, visible over OData', async () => {
    const before = values(await t.get(`Catalog_Контрагенты?$filter=Ref_Key eq guid'${REFS.counterparties.retailBuyer}'`))[0];
    t.sim.control.edit('Catalog_Контрагенты', REFS.counterparties.retailBuyer, { Комментарий: 'изменено в 1С' });
    const after = values(await t.get(`Catalog_Контрагенты?$filter=Ref_Key eq guid'${REFS.counterparties.retailBuyer}'`))[0];
    expect(after.Комментарий).toBe('изменено в 1С');
    expect(dataVersionCounter(String(after.DataVersion))).toBe(dataVersionCounter(String(before.DataVersion)) + 1);
  });

  it('the same over HTTP: /_sim/objects, PATCH edit, composition, refs', async () => {
    expect((await ctl.get(`${controlUrl}/health`)).data).toEqual({ ok: true });
    expect((await ctl.get(`${controlUrl}/refs`)).data.organization).toBe(REFS.organization);
    const set = encodeURIComponent('Catalog_Контрагенты');
    const edited = await ctl.patch(`${controlUrl}/objects/${set}/${REFS.counterparties.retailBuyer}`, { ИНН: '000000000000' });
    expect(edited.data.ИНН).toBe('000000000000');
    const listed = await ctl.get(`${controlUrl}/objects/${set}`);
    expect(listed.data.length).toBeGreaterThan(5);
    await ctl.put(`${controlUrl}/composition`, { sets: ['Catalog_Валюты'] });
    expect(values(await t.get('')).map((v) => v.name)).toEqual(['Catalog_Валюты']);
    await ctl.put(`${controlUrl}/composition`, { sets: 'all' });
    expect((await ctl.get(`${controlUrl}/nope`)).status).toBe(404);
  });
});

describe('statistics', () => {
  it('counts calls and bytes per set and reports engine CPU time per request', async () => {
    t.sim.control.resetStats();
    await t.get('Catalog_ФизическиеЛица?$top=5');
    await t.get('Catalog_ФизическиеЛица?$top=1');
    await t.http.post(encodeURI('Catalog_Контрагенты?$format=json'), { Description: 'ООО "Стат"' });
    const s = t.sim.control.stats();
    const persons = s.perSet['Catalog_ФизическиеЛица'];
    expect(persons.calls).toBe(2);
    expect(persons.bytesOut).toBeGreaterThan(1000);
    expect(persons.byStatus['200']).toBe(2);
    expect(s.perSet['Catalog_Контрагенты'].bytesIn).toBeGreaterThan(10);
    expect(s.perSet['Catalog_Контрагенты'].byMethod.POST).toBe(1);
    expect(s.total.calls).toBe(3);
    expect(s.recent).toHaveLength(3);
    expect(s.recent.every((r) => r.cpuMicros > 0 && r.wallMs >= 0)).toBe(true);
    const http = await ctl.get(`${controlUrl}/stats`);
    expect(http.data.total.calls).toBe(3);
  });
});

describe('fault injection', () => {
  it('500 / 503 / HTML for the next N calls on a set, then normal again', async () => {
    t.sim.control.injectFault({ kind: '500', count: 1, set: 'Catalog_Валюты' });
    const r500 = await t.get('Catalog_Валюты');
    expect([r500.status, errCode(r500)]).toEqual([500, '-1']);
    expect((await t.get('Catalog_Валюты')).status).toBe(200);
    t.sim.control.injectFault({ kind: '503', count: 2 });
    expect((await t.get('Catalog_Валюты')).status).toBe(503);
    expect((await t.get('Catalog_Валюты')).status).toBe(503);
    expect((await t.get('Catalog_Валюты')).status).toBe(200);
    t.sim.control.injectFault({ kind: 'html', count: 1, method: 'GET' });
    const html = await t.get('Catalog_Валюты');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(t.sim.control.faults()).toEqual([]);
  });

  it('connection reset and timeout', async () => {
    t.sim.control.injectFault({ kind: 'reset', count: 1 });
    await expect(t.http.get(encodeURI('Catalog_Валюты?$format=json'))).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/) });
    t.sim.control.injectFault({ kind: 'timeout', count: 1 });
    await expect(t.http.get(encodeURI('Catalog_Валюты?$format=json'), { timeout: 300 })).rejects.toMatchObject({ code: 'ECONNABORTED' });
    expect((await t.get('Catalog_Валюты')).status).toBe(200);
  });

  it('probability 0 never fires; faults can be injected over HTTP', async () => {
    t.sim.control.injectFault({ kind: '500', probability: 0 });
    expect((await t.get('Catalog_Валюты')).status).toBe(200);
    t.sim.control.clearFaults();
    await ctl.post(`${controlUrl}/faults`, { kind: '503', count: 1 });
    expect((await t.get('Catalog_Валюты')).status).toBe(503);
  });
});

describe('slow first request after idle (ref §1.2)', () => {
  it('delays the first request after the idle period only', async () => {
    t.sim.control.setSlowFirstRequest(300, 200);
    try {
      await new Promise((r) => setTimeout(r, 250));
      const timed = async () => {
        const s = Date.now();
        await t.get('Catalog_Валюты');
        return Date.now() - s;
      };
      expect(await timed()).toBeGreaterThanOrEqual(280);
      expect(await timed()).toBeLessThan(200);
    } finally {
      t.sim.control.setSlowFirstRequest(0);
    }
  });
});

describe('reset', () => {
  it('reset() discards changes and re-seeds with the same GUIDs', async () => {
    const before = t.sim.control.list('Catalog_ФизическиеЛица').map((p) => p.Ref_Key);
    await t.http.post(encodeURI('Catalog_ФизическиеЛица?$format=json'), { Description: 'Временный' });
    t.sim.control.reset();
    expect(t.sim.control.list('Catalog_ФизическиеЛица').map((p) => p.Ref_Key)).toEqual(before);
    t.sim.control.reset('none');
    expect(t.sim.control.count('Catalog_ФизическиеЛица')).toBe(0);
    expect(t.sim.control.count('Catalog_ВидыКонтактнойИнформации')).toBeGreaterThan(5); // predefined stay
    t.sim.control.reset('small');
  });
});
