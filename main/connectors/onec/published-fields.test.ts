import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Order, Product, SourceRecord } from '../../../shared/domain';
import { startOnecSimulator, type OnecSim } from '../../../e2e/simulators/onec/index';
import { checkOnec } from './check';
import { createOnecConnector, type OnecConnector } from './connector';
import { publishedBody, publishedOnly, parseMetadata } from './metadata';
import { simOptions } from './sim-fixture';

// "Read $metadata and adapt or report, never assume" (ref §2 caveat): a release without some optional fields
// still passes the check (warning, exit code 0) and exchanges; a missing essential field blocks (FIELDS_MISSING);
// no request ever selects a field the release does not publish.

const PERSONS = 'Catalog_ФизическиеЛица';
const COMPANIES = 'Catalog_Контрагенты';
const ORDERS = 'Document_ЗаказПокупателя';
const PRICE_DOCS = 'Document_УстановкаЦенНоменклатуры';

/** Optional fields a 2.3 release might lack (set → fields as the simulator's hideFields takes them). */
const OPTIONAL_HIDDEN: Record<string, string[]> = {
  [PERSONS]: ['Комментарий'],
  [COMPANIES]: ['КПП', 'НаименованиеПолное', 'ЮрФизЛицо', 'Комментарий'],
  Catalog_ИнформационныеКарты: ['ДатаОткрытия', 'ТипКарты', 'ВидКарты'],
  Catalog_Номенклатура: ['НаименованиеПолное'],
  [PRICE_DOCS]: ['Согласован', 'Комментарий', 'Товары/ЦенаИзмененаВручную', 'ВидыЦен'],
  [ORDERS]: [
    'Отменено', 'Комментарий', 'ЦенаВключаетНДС', 'ДисконтнаяКарта', 'МаксимальныйКодСтроки',
    'Товары/КодСтроки', 'Товары/СуммаНДС', 'Товары/ПроцентРучнойСкидки', 'Товары/СуммаАвтоматическойСкидки', 'Товары/КоличествоУпаковок',
  ],
  Document_ЧекККМ: ['СтатусЧекаККМ'],
};

let sim: OnecSim;
beforeAll(async () => {
  sim = await startOnecSimulator({ seed: 'small' });
});
afterAll(() => sim.close());

const cfg = () => ({ url: sim.url, user: sim.user, password: sim.password });

function hideOptional(): void {
  sim.control.reset();
  for (const [set, fields] of Object.entries(OPTIONAL_HIDDEN)) sim.control.hideFields(set, fields);
}

/** Every `$select` item of the recorded requests that names a hidden field. */
function selectsOfHidden(): string[] {
  const hidden = sim.control.hiddenFields();
  const out: string[] = [];
  for (const r of sim.control.stats().recent) {
    const url = new URL(r.path, 'http://x');
    const select = url.searchParams.get('$select');
    if (!select) continue;
    const set = r.target.split('/')[0];
    for (const item of select.split(',').map((s) => s.trim())) {
      const [head, col] = item.split('/');
      const bad = hidden[set]?.includes(head) || (col !== undefined && hidden[`${set}_${head}`]?.includes(col));
      if (bad) out.push(`${set}: ${item}`);
    }
  }
  return out;
}

describe('helpers', () => {
  it('publishedOnly / publishedBody keep only what $metadata publishes (header fields and TS columns)', async () => {
    sim.control.reset();
    sim.control.hideFields(ORDERS, ['Отменено', 'Товары/КодСтроки']);
    const model = parseMetadata(await (await fetch(`${sim.url}$metadata`, { headers: { Authorization: `Basic ${Buffer.from(`${sim.user}:${sim.password}`).toString('base64')}` } })).text());
    expect(publishedOnly(model, ORDERS, ['Ref_Key', 'Статус', 'Отменено', 'Товары/Количество', 'Товары/КодСтроки', undefined, false])).toEqual(['Ref_Key', 'Статус', 'Товары/Количество']);
    expect(publishedOnly(model, 'Catalog_Нет', ['A'])).toEqual(['A']); // unpublished set: not judged here
    expect(publishedBody(model, ORDERS, { Статус: 'Согласован', Отменено: true, 'Склад@odata.bind': 'x', Товары: [{ LineNumber: 1, Количество: 2, КодСтроки: 1 }] })).toEqual({
      Статус: 'Согласован',
      'Склад@odata.bind': 'x',
      Товары: [{ LineNumber: 1, Количество: 2 }],
    });
  });
});

describe('check with fields missing', () => {
  it('optional fields missing: a warning naming them and what is lost, code OK (CLI exit code 0)', async () => {
    hideOptional();
    const r = await checkOnec(cfg());
    expect(r.status).toBe('warning');
    expect(r.code).toBe('OK');
    expect(r.items.find((i) => i.id === 'fields')?.status).toBe('ok');
    const item = r.items.find((i) => i.id === 'optionalFields');
    expect(item?.status).toBe('warning');
    expect(item?.message).toContain('Нет необязательных полей');
    expect(item?.message).toContain(`${COMPANIES}.КПП (необязательное)`);
    expect(item?.message).toContain(`${ORDERS}.Товары.КодСтроки (необязательное)`);
    expect(item?.message).toContain(`${PRICE_DOCS}.ВидыЦен (необязательное)`);
    expect(item?.message).toContain(`${PERSONS}.Комментарий — повтор записи после сбоя`);
    expect(item?.message).toContain('отмена заказа не передаётся');
    expect(r.items.some((i) => i.status === 'error')).toBe(false);
  });

  it('an essential field missing blocks: FIELDS_MISSING (CLI exit code 2)', async () => {
    hideOptional();
    sim.control.hideFields(ORDERS, ['Товары/Количество']);
    sim.control.hideFields('Catalog_ИнформационныеКарты', ['КодКарты']);
    const r = await checkOnec(cfg());
    expect(r.status).toBe('error');
    expect(r.code).toBe('FIELDS_MISSING');
    expect(r.message).toContain(`${ORDERS}.Товары.Количество`);
    expect(r.message).toContain('Catalog_ИнформационныеКарты.КодКарты');
    expect(r.message).not.toContain('КПП'); // optional ones stay warnings
    expect(r.items.find((i) => i.id === 'fields')?.status).toBe('error');
  });
});

describe('exchange with optional fields missing', () => {
  let c: OnecConnector;
  const clock = { now: new Date('2025-02-10T12:00:00+03:00') };

  beforeAll(async () => {
    hideOptional();
    c = await createOnecConnector(cfg(), simOptions(), { now: () => clock.now, sleep: async () => undefined }, ['customers', 'cards', 'products', 'orders', 'payments']);
    sim.control.resetStats();
  });

  it('the composition report lists the missing optional fields and blocks nothing', () => {
    expect(c.composition.blockedFeatures).toEqual([]);
    expect(c.composition.missingFields.every((m) => m.optional)).toBe(true);
    expect(c.composition.missingFields.length).toBeGreaterThan(10);
  });

  it('reads every entity (absent fields as defaults) without selecting a hidden field', async () => {
    for (const adapter of [c.customer, c.product, c.order, c.payment] as const) {
      let cursor: string | null = null;
      let page;
      let n = 0;
      do {
        page = await adapter.listChanges(cursor);
        n += page.records.length;
        cursor = page.nextCursor;
      } while (page.hasMore);
      expect(n).toBeGreaterThan(0);
    }
    const orders = await c.order.listChanges(null);
    expect(orders.records.every((o) => o.data.cancelled === false && o.data.comment === undefined)).toBe(true);
    expect(selectsOfHidden()).toEqual([]);
    expect(sim.control.stats().total.byStatus['400']).toBeUndefined();
  });

  it('customer round trip: person and company written without the missing fields, no marker to find (degraded)', async () => {
    const person: Customer = { kind: 'person', fullName: 'Полева Ирина Олеговна', lastName: 'Полева', firstName: 'Ирина', middleName: 'Олеговна', phones: ['+79161230001'], emails: ['irina@example.ru'], cardNumber: '2999000000777' };
    const created = await c.customer.create(person, { externalRef: 'C_900' });
    expect(created.data).toEqual(person);
    expect(sim.control.get(PERSONS, created.id)?.Комментарий).toBe('');
    expect(await c.customer.findByExternalRef('C_900')).toBeNull();
    const card = sim.control.list('Catalog_ИнформационныеКарты').find((x) => x.КодКарты === person.cardNumber);
    expect(card).toMatchObject({ ВладелецКарты: created.id });

    const company: Customer = { kind: 'company', fullName: 'ООО "Без КПП"', phones: [], emails: ['office@bez-kpp.ru'], cardNumber: null, inn: '6600000777', kpp: '660001777' };
    const co = await c.customer.create(company, { externalRef: 'CO_900' });
    expect(co.data).toMatchObject({ kind: 'company', fullName: 'ООО "Без КПП"', inn: '6600000777', kpp: '', emails: ['office@bez-kpp.ru'] });
    // Only an unpublished field differs: nothing is written (a no-op PATCH would bump DataVersion, ref §1.4).
    const again = await c.customer.update(co.id, { ...company, kpp: '660009999' }, { expectedVersion: co.version });
    expect(again.version).toBe(co.version);
    const renamed = await c.customer.update(co.id, { ...company, fullName: 'ООО "Без КПП 2"' }, {});
    expect(renamed.data.fullName).toBe('ООО "Без КПП 2"');
    expect(selectsOfHidden()).toEqual([]);
  });

  it('product round trip: header and price (УстановкаЦенНоменклатуры without Согласован/Комментарий/ВидыЦен)', async () => {
    const all: SourceRecord<Product>[] = [];
    let cursor: string | null = null;
    let page;
    do {
      page = await c.product.listChanges(cursor);
      all.push(...page.records);
      cursor = page.nextCursor;
    } while (page.hasMore);
    const tea = (all.find((p) => p.data.name.startsWith('Чай')) ?? (await c.product.get(String(sim.control.list('Catalog_Номенклатура').find((p) => String(p.Description).startsWith('Чай'))?.Ref_Key)))) as SourceRecord<Product>;
    const docsBefore = sim.control.count(PRICE_DOCS);
    const wanted: Product = { ...tea.data, name: 'Чай черный (2.3)', price: { amount: 311, currency: 'RUB' } };
    const updated = await c.product.update(tea.id, wanted, { operationId: 'op-23' });
    expect(updated.data).toMatchObject({ name: 'Чай черный (2.3)', price: { amount: 311 } });
    expect(sim.control.count(PRICE_DOCS)).toBe(docsBefore + 1);
    const doc = sim.control.list(PRICE_DOCS).at(-1);
    expect(doc).toMatchObject({ Posted: true, Комментарий: '', ВидыЦен: [] });
    expect(selectsOfHidden()).toEqual([]);
  });

  it('order round trip: create, read back, change lines, and a change only in an unpublished field writes nothing', async () => {
    const product = (sku: string) => String(sim.control.list('Catalog_Номенклатура').find((p) => p.Артикул === sku)?.Ref_Key);
    const personId = String(sim.control.list(PERSONS).find((p) => !p.IsFolder && !p.DeletionMark)?.Ref_Key);
    const order: Order = {
      date: '2025-02-10T11:00:00+03:00',
      customer: { kind: 'person', id: personId },
      status: 'НеСогласован',
      lines: [
        { productId: product('MLK-001'), name: 'Молоко 3,2% 1 л', quantity: 2, price: 98.89, discountAmount: 7.78, amount: 190, vatRate: '10' },
        { productId: product('COF-004'), name: 'Кофе молотый 250 г', quantity: 1, price: 399, discountAmount: 0, amount: 399, vatRate: '20' },
      ],
      amount: 589,
      currency: 'RUB',
      cancelled: false,
    };
    const created = await c.order.create(order, { externalRef: 'D_900' });
    expect(created.data).toMatchObject({ status: 'НеСогласован', amount: 589, cancelled: false, customer: { kind: 'person', id: personId } });
    expect(created.data.lines.map((l) => [l.quantity, l.amount, l.discountAmount])).toEqual([[2, 190, 7.78], [1, 399, 0]]);
    expect(sim.control.get(ORDERS, created.id)).toMatchObject({ Posted: true });
    expect((await c.order.findByExternalRef('D_900'))?.id).toBe(created.id);

    const changed = await c.order.update(created.id, { ...created.data, lines: [{ ...order.lines[0], quantity: 3, amount: 285, discountAmount: 11.67 }] }, { expectedVersion: created.version });
    expect(changed.data.lines).toHaveLength(1);
    expect(changed.data.lines[0]).toMatchObject({ quantity: 3, amount: 285 });
    expect(changed.data.amount).toBe(285);

    const same = await c.order.update(created.id, { ...changed.data, cancelled: true, comment: 'не записать' }, { expectedVersion: changed.version });
    expect(same.version).toBe(changed.version);
    expect(selectsOfHidden()).toEqual([]);
    expect(sim.control.stats().total.byStatus['400']).toBeUndefined();
  });
});
