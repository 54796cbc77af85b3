import axios, { AxiosError, type AxiosAdapter } from 'axios';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOnecSimulator, type OnecSim } from '../../../e2e/simulators/onec/index';
import { checkOnec } from './check';

/** Every top-level set the simulator publishes by default. */
let all: string[];
let sim: OnecSim;

beforeAll(async () => {
  sim = await startOnecSimulator({ seed: 'small' });
  all = sim.control.composition();
});
afterAll(() => sim.close());
afterEach(() => {
  sim.control.setComposition('all');
  sim.control.clearFaults();
  sim.control.setAuthFailureMode('http401');
});

const cfg = () => ({ url: sim.url, user: sim.user, password: sim.password });

describe('checkOnec against the simulator', () => {
  it('reports a working connection with what it found', async () => {
    const r = await checkOnec(cfg());
    expect(r.status).toBe('ok');
    expect(r.code).toBe('OK');
    expect(r.found?.entitySetCount).toBeGreaterThan(20);
    expect(r.found?.missingEntitySets).toEqual([]);
    expect(r.found?.configurationName).toBe('Розница');
    expect(r.found?.configurationVersion).toMatch(/^2\.3\./);
  });

  it('logs in with a Cyrillic user name (Basic auth sent as UTF-8, ref §1.2)', async () => {
    expect(sim.user).toMatch(/[А-яЁё]/);
    const r = await checkOnec(cfg());
    expect(r.items.find((i) => i.id === 'auth')?.status).toBe('ok');
  });

  it('names each missing entity set, grouped by the feature that needs it, with the steps to publish it', async () => {
    sim.control.setComposition(all.filter((s) => s !== 'Document_ЗаказПокупателя' && s !== 'Catalog_ИнформационныеКарты'));
    const r = await checkOnec(cfg());
    expect(r.status).toBe('error');
    expect(r.code).toBe('ENTITY_SETS_MISSING');
    expect(r.found?.missingEntitySets.sort()).toEqual(['Catalog_ИнформационныеКарты', 'Document_ЗаказПокупателя']);
    expect(r.message).toContain('Заказы покупателей: Документ.ЗаказПокупателя');
    expect(r.message).toContain('Бонусные (дисконтные) карты: Справочник.ИнформационныеКарты');
    expect(r.hint).toContain('УстановитьСоставСтандартногоИнтерфейсаOData');
    expect(r.hint).toContain('Справочник.ИнформационныеКарты,Документ.ЗаказПокупателя');
  });

  it('only warns about a set that merely helps (card kinds list) and still passes, with the steps to publish it', async () => {
    sim.control.setComposition(all.filter((s) => s !== 'Catalog_ВидыДисконтныхКарт'));
    const r = await checkOnec(cfg());
    expect(r.status).toBe('warning');
    expect(r.code).toBe('OK');
    expect(r.found?.missingEntitySets).toEqual([]);
    const item = r.items.find((i) => i.id === 'optionalSets');
    expect(item?.status).toBe('warning');
    expect(item?.message).toContain('Справочник.ВидыДисконтныхКарт');
    expect(item?.hint).toContain('УстановитьСоставСтандартногоИнтерфейсаOData');
  });

  it('says the composition is empty when OData is on but nothing is published', async () => {
    sim.control.setComposition([]);
    const r = await checkOnec(cfg());
    expect(r.code).toBe('ODATA_EMPTY');
    expect(r.hint).toContain('Установить состав стандартного интерфейса OData');
    expect(r.hint).toContain('Настройка стандартного интерфейса OData');
  });

  it('explains that the version is not readable when ВерсииПодсистем is not published, and that this is fine', async () => {
    sim.control.setComposition(all.filter((s) => s !== 'InformationRegister_ВерсииПодсистем'));
    const r = await checkOnec(cfg());
    expect(r.status).toBe('ok');
    expect(r.found?.configurationVersion).toBeUndefined();
    expect(r.items.find((i) => i.id === 'version')?.message).toMatch(/не прочитана.*не мешает обмену/);
  });

  it('reports a wrong password as 401 with a hint about the Cyrillic user name', async () => {
    const r = await checkOnec({ ...cfg(), password: 'wrong' });
    expect(r.code).toBe('AUTH_FAILED');
    expect(r.message).toContain(sim.user);
    expect(r.hint).toContain('UTF-8');
  });

  it('recognises an authentication page returned with HTTP 200', async () => {
    sim.control.setAuthFailureMode('html200');
    const r = await checkOnec({ ...cfg(), password: 'wrong' });
    expect(r.code).toBe('AUTH_FAILED');
    expect(r.message).toContain('страницу входа');
  });

  it('reports a wrong publication name (404)', async () => {
    const r = await checkOnec({ ...cfg(), url: sim.url.replace('/retail/', '/retial/') });
    expect(r.code).toBe('WRONG_URL');
    expect(r.hint).toContain('Публикация на веб-сервере');
  });

  it('reports 5xx and a hanging server', async () => {
    sim.control.injectFault({ kind: '500', count: 1 });
    expect((await checkOnec(cfg())).code).toBe('SERVER_ERROR');
    sim.control.injectFault({ kind: '503', count: 1 });
    const r503 = await checkOnec(cfg());
    expect(r503.code).toBe('SERVER_ERROR');
    expect(r503.hint).toContain('временно недоступен');
    sim.control.injectFault({ kind: 'timeout', count: 1 });
    const slow = await checkOnec(cfg(), { timeoutMs: 300 });
    expect(slow.code).toBe('TIMEOUT');
  });
});

describe('checkOnec without a server', () => {
  it('reports a closed port as refused connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await checkOnec({ url: `http://127.0.0.1:${port}/retail/odata/standard.odata`, user: 'u', password: 'p' });
    expect(r.code).toBe('UNREACHABLE');
    expect(r.message).toContain('отказал в соединении');
    expect(r.hint).toContain('порт');
  });

  it('tells a DNS failure from a refused connection', async () => {
    const adapter: AxiosAdapter = async (config) => {
      throw new AxiosError('getaddrinfo ENOTFOUND server1c', 'ENOTFOUND', config);
    };
    const r = await checkOnec({ url: 'http://server1c/retail/odata/standard.odata', user: 'u', password: 'p' }, { http: axios.create({ adapter }) });
    expect(r.code).toBe('UNREACHABLE');
    expect(r.message).toContain('не найден (ошибка DNS)');
  });

  it('recognises a publication where the OData interface is not switched on', async () => {
    // 1С answers 404 under /odata/ while the publication root serves the web client.
    const adapter: AxiosAdapter = async (config) => {
      const url = String(config.url);
      const html = '<html><head><title>1С:Предприятие</title></head><body>Загрузка…</body></html>';
      const status = url.includes('/odata/') ? 404 : 200;
      return { data: status === 404 ? 'Not found' : html, status, statusText: '', headers: { 'content-type': 'text/html' }, config };
    };
    const r = await checkOnec({ url: 'http://srv/retail/odata/standard.odata', user: 'u', password: 'p' }, { http: axios.create({ adapter }) });
    expect(r.code).toBe('ODATA_NOT_PUBLISHED');
    expect(r.hint).toContain('«Публиковать стандартный интерфейс OData»');
  });

  it('tells missing rights (HTTP 401 with OData code 20, ref §1.8) from a wrong password', async () => {
    const adapter: AxiosAdapter = async (config) => {
      const body = JSON.stringify({ 'odata.error': { code: '20', message: { lang: 'ru', value: 'Недостаточно прав' } } });
      return { data: body, status: 401, statusText: '', headers: { 'content-type': 'application/json;charset=utf-8' }, config };
    };
    const r = await checkOnec({ url: 'http://srv/retail/odata/standard.odata', user: 'u', password: 'p' }, { http: axios.create({ adapter }) });
    expect(r.code).toBe('FORBIDDEN');
  });

  it('suggests the exact fix for a malformed address', async () => {
    const cases: [string, string][] = [
      ['http://srv/retail/ru_RU/', 'http://srv/retail/odata/standard.odata'],
      ['srv/retail/odata/standard.odata', 'http://srv/retail/odata/standard.odata/'],
      ['http://srv/retail', 'http://srv/retail/odata/standard.odata'],
      ['http://srv/retail/odata/standard.odata/Catalog_Номенклатура', 'http://srv/retail/odata/standard.odata/'],
    ];
    for (const [url, fix] of cases) {
      const r = await checkOnec({ url, user: 'u', password: 'p' });
      expect(r.code, url).toBe('INVALID_URL');
      expect(r.hint, url).toContain(fix);
    }
  });

  it('asks for the settings when nothing is filled in', async () => {
    expect((await checkOnec({ url: '', user: '', password: '' })).code).toBe('NOT_CONFIGURED');
  });
});
