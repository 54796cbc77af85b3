import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnecSimulator, type OnecSim } from '../../../e2e/simulators/onec/index';
import { OnecClient } from './client';
import { OnecError } from './errors';
import { httpError } from './transport';
import { fetchByIds, MAX_QUERY_BYTES } from './reads';

let sim: OnecSim;
const PERSONS = 10_050;

beforeAll(async () => {
  sim = await startOnecSimulator({ seed: 'large', largeCounts: { persons: PERSONS, companies: 5, products: 5, cards: 5, orders: 5 } });
}, 60_000);
afterAll(() => sim.close());

const client = (retries = 2) => OnecClient.create({ url: sim.url, user: sim.user, password: sim.password }, { retries, sleep: async () => undefined });

describe('OnecClient against the simulator', () => {
  it('pages over 10,000 objects with a stable order: no gap, no repeat, $top on every request, no $inlinecount', async () => {
    const c = client();
    sim.control.resetStats();
    const seen = new Set<string>();
    let rows = 0;
    for await (const page of c.pages('Catalog_ФизическиеЛица', { select: ['Ref_Key', 'DataVersion'], orderby: 'Ref_Key', pageSize: 1000 })) {
      for (const r of page) seen.add(String(r.Ref_Key));
      rows += page.length;
    }
    const total = sim.control.count('Catalog_ФизическиеЛица');
    expect(total).toBeGreaterThanOrEqual(PERSONS);
    expect(rows).toBe(total);
    expect(seen.size).toBe(total);
    expect(await c.count('Catalog_ФизическиеЛица')).toBe(total);
    const paths = sim.control.stats().recent.map((r) => decodeURIComponent(r.path));
    expect(paths.filter((p) => p.includes('Catalog_ФизическиеЛица?')).every((p) => p.includes('$top=') && !p.includes('$inlinecount'))).toBe(true);
  });

  it('maps odata.error to error classes with the 1С code and message', async () => {
    const c = client();
    const err = await c.list('Catalog_ФизическиеЛица', { select: ['НетТакогоПоля'], top: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnecError);
    expect((err as OnecError).code).toBe('BAD_REQUEST');
    expect((err as OnecError).httpStatus).toBe(400);
    expect((err as OnecError).odataCode).toBe('6');
    expect(await c.get('Catalog_ФизическиеЛица', '00000000-0000-4000-8000-00000000dead', ['Ref_Key'])).toBeNull();
  });

  it('retries reads after a 503 or a reset connection, never a write', async () => {
    const c = client();
    sim.control.injectFault({ kind: '503', count: 1, method: 'GET' });
    sim.control.injectFault({ kind: 'reset', count: 1, method: 'GET' });
    const rows = await c.list('Catalog_Валюты', { select: ['Ref_Key'], top: 1 });
    expect(rows.length).toBeGreaterThanOrEqual(0);
    expect(c.stats.retries).toBe(2);

    sim.control.injectFault({ kind: '503', count: 1, method: 'POST' });
    const before = sim.control.count('Catalog_Контрагенты');
    const err = await c.create('Catalog_Контрагенты', { Description: 'Не должен появиться дважды' }).catch((e: unknown) => e);
    expect((err as OnecError).code).toBe('UNAVAILABLE');
    expect(c.stats.retries).toBe(2);
    expect(sim.control.count('Catalog_Контрагенты')).toBe(before);
  });

  it('says "not OData" for an HTML page with HTTP 200', async () => {
    const c = client(0);
    sim.control.injectFault({ kind: 'html', count: 1 });
    const err = await c.list('Catalog_Валюты', { select: ['Ref_Key'], top: 1 }).catch((e: unknown) => e);
    expect((err as OnecError).code).toBe('NOT_ODATA');
    expect((err as OnecError).message).toContain('HTML');
  });

  it('says "not OData" for an HTML login page with HTTP 200 on $metadata and $count too (ref §1.2)', async () => {
    const c = client(0);
    sim.control.injectFault({ kind: 'html', count: 1 });
    const err = await c.metadataXml().catch((e: unknown) => e);
    expect((err as OnecError).code).toBe('NOT_ODATA');
    expect((err as OnecError).message).toContain('пароль');
    sim.control.injectFault({ kind: 'html', count: 1 });
    const err2 = await c.count('Catalog_Валюты').catch((e: unknown) => e);
    expect((err2 as OnecError).code).toBe('NOT_ODATA');
    expect((err2 as OnecError).message).toContain('HTML');
  });
});

describe('query-string length', () => {
  it('fetches by ids in batches whose percent-encoded query stays under the IIS limit (Cyrillic = 6 bytes a letter)', async () => {
    const c = client();
    const ids = (await c.list('Catalog_ФизическиеЛица', { select: ['Ref_Key'], top: 45 })).map((r) => String(r.Ref_Key));
    const select = ['Ref_Key', 'DataVersion', 'Description', 'Комментарий', ...['LineNumber', 'Тип', 'Вид_Key', 'Представление', 'НомерТелефона', 'АдресЭП'].map((f) => `КонтактнаяИнформация/${f}`)];
    sim.control.resetStats();
    const rows = await fetchByIds(c, 'Catalog_ФизическиеЛица', ids, select);
    expect(rows.size).toBe(45);
    const queries = sim.control.stats().recent.map((r) => r.path.slice(r.path.indexOf('?') + 1));
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const q of queries) expect(Buffer.byteLength(q)).toBeLessThanOrEqual(MAX_QUERY_BYTES);
  });
});

describe('error mapping (ref §1.8)', () => {
  const reply = (status: number, code: string) => ({
    status,
    contentType: 'application/json;charset=utf-8',
    headers: {},
    text: JSON.stringify({ 'odata.error': { code, message: { lang: 'ru', value: 'Недостаточно прав для выполнения операции' } } }),
  });

  it('HTTP 401 with code 20 is missing rights (RLS), not a wrong password', () => {
    const e = httpError(reply(401, '20'));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.odataCode).toBe('20');
    expect(httpError({ status: 401, contentType: 'text/html', headers: {}, text: '<html>401</html>' }).code).toBe('AUTH');
  });

  it('HTTP 500 code -1 is a business refusal', () => {
    expect(httpError(reply(500, '-1')).code).toBe('BUSINESS');
  });
});
