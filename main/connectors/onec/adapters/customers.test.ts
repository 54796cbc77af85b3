import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Customer } from '../../../../shared/domain';
import { OnecConcurrencyError, OnecError, OnecWriteMismatchError } from '../errors';
import { startFixture, type SimFixture } from '../sim-fixture';

let f: SimFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

const PERSONS = 'Catalog_ФизическиеЛица';
const anna: Customer = {
  kind: 'person',
  fullName: 'Тестова Анна Сергеевна',
  lastName: 'Тестова',
  firstName: 'Анна',
  middleName: 'Сергеевна',
  phones: ['+79161112233'],
  emails: ['anna.testova@example.ru'],
  cardNumber: '2999000000011',
};

async function drain(cursor: string | null) {
  const ids: string[] = [];
  const deleted: string[] = [];
  let page;
  do {
    page = await f.connector.customer.listChanges(cursor);
    ids.push(...page.records.map((r) => r.id));
    deleted.push(...page.deletedIds);
    cursor = page.nextCursor;
  } while (page.hasMore);
  return { ids, deleted, cursor };
}

describe('customers adapter', () => {
  it('round-trips a person: name parts, phone, e-mail, card, crash-recovery marker', async () => {
    const created = await f.connector.customer.create(anna, { externalRef: 'C_501' });
    expect(created.data).toEqual(anna);
    expect(await f.connector.customer.get(created.id)).toEqual(created);

    const row = f.sim.control.get(PERSONS, created.id) as Record<string, unknown>;
    expect(row.Комментарий).toContain('{b24:C_501}');
    const ci = row.КонтактнаяИнформация as Record<string, unknown>[];
    expect(ci.find((r) => r.Тип === 'Телефон')).toMatchObject({ Вид_Key: f.sim.control.refs.ciKinds.ТелефонФизическогоЛица, Представление: '+7 (916) 111-22-33' });
    expect(ci.find((r) => r.Тип === 'АдресЭлектроннойПочты')).toMatchObject({ Вид_Key: f.sim.control.refs.ciKinds.EmailФизическогоЛица, АдресЭП: 'anna.testova@example.ru' });
    const card = f.sim.control.list('Catalog_ИнформационныеКарты').find((c) => c.КодКарты === anna.cardNumber);
    expect(card).toMatchObject({ ВладелецКарты: created.id, ВладелецКарты_Type: 'StandardODATA.Catalog_ФизическиеЛица' });

    const found = await f.connector.customer.findByExternalRef('C_501');
    expect(found?.id).toBe(created.id);
    expect(await f.connector.customer.findByExternalRef('C_50')).toBeNull();
  });

  it('round-trips a company with ИНН/КПП and reports silent truncation by 1С', async () => {
    const company: Customer = { kind: 'company', fullName: 'ООО "Тест Трейд"', phones: ['+73432000001'], emails: ['info@test-trade.ru'], cardNumber: null, inn: '6600000099', kpp: '660001001' };
    const created = await f.connector.customer.create(company, { externalRef: 'CO_7' });
    expect(created.data).toEqual(company);
    expect((await f.connector.customer.findByExternalRef('CO_7'))?.id).toBe(created.id);

    const longName = `ООО "${'Очень длинное наименование '.repeat(12)}"`;
    const err = await f.connector.customer.update(created.id, { ...company, fullName: longName }, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnecWriteMismatchError);
    expect((err as OnecWriteMismatchError).message).toContain('обрезано до 250 символов');
    expect((err as OnecWriteMismatchError).id).toBe(created.id);
  });

  it('updates only what changed and keeps rows of other kinds (addresses) in the contact section', async () => {
    const created = await f.connector.customer.create({ ...anna, fullName: 'Адресова Ольга', lastName: 'Адресова', firstName: 'Ольга', middleName: '', cardNumber: null, phones: [], emails: [] }, {});
    const row = f.sim.control.get(PERSONS, created.id) as Record<string, unknown>;
    f.sim.control.edit(PERSONS, created.id, {
      КонтактнаяИнформация: [{ LineNumber: 1, Тип: 'Адрес', Вид_Key: f.sim.control.refs.ciKinds.ФактАдресФизическогоЛица, Представление: 'г. Екатеринбург, ул. Малышева, 5' }],
    });
    const before = await f.connector.customer.get(created.id);
    const same = await f.connector.customer.update(created.id, before?.data as Customer, { expectedVersion: before?.version });
    expect(same.version).toBe(before?.version); // nothing to write → no PATCH → DataVersion unchanged
    const updated = await f.connector.customer.update(created.id, { ...(before?.data as Customer), phones: ['+79035550011'] }, { expectedVersion: before?.version });
    expect(updated.data.phones).toEqual(['+79035550011']);
    const ci = (f.sim.control.get(PERSONS, created.id) as Record<string, unknown>).КонтактнаяИнформация as Record<string, unknown>[];
    expect(ci.map((r) => r.Тип)).toEqual(['Адрес', 'Телефон']);
    expect(row.Ref_Key).toBe(created.id);
  });

  it('refuses to overwrite a concurrent edit made in 1С (stale version, and an edit right before PATCH)', async () => {
    const created = await f.connector.customer.create({ ...anna, cardNumber: null, fullName: 'Конкурентов Иван', lastName: 'Конкурентов', firstName: 'Иван', middleName: '' }, {});
    f.sim.control.edit(PERSONS, created.id, { Description: 'Конкурентов Иван (изменено в 1С)' });
    const stale = await f.connector.customer.update(created.id, { ...created.data, emails: ['new@example.ru'] }, { expectedVersion: created.version }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(OnecConcurrencyError);
    expect((f.sim.control.get(PERSONS, created.id) as Record<string, unknown>).Description).toBe('Конкурентов Иван (изменено в 1С)');

    // An edit lands between the adapter's read and its PATCH: the DataVersion re-read right before PATCH catches it.
    const fresh = await f.connector.customer.get(created.id);
    const http = axios.create();
    let versionReads = 0;
    http.interceptors.request.use((config) => {
      const url = decodeURIComponent(String(config.url));
      if (config.method === 'get' && url.includes(`${PERSONS}(guid'${created.id}')`) && url.includes('$select=Ref_Key,DataVersion') && ++versionReads === 1) {
        f.sim.control.edit(PERSONS, created.id, { Комментарий: 'правка кассира' });
      }
      return config;
    });
    const racing = await startRacingConnector(http);
    const err = await racing.customer.update(created.id, { ...(fresh?.data as Customer), emails: ['racing@example.ru'] }, { expectedVersion: fresh?.version }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnecConcurrencyError);
    const after = f.sim.control.get(PERSONS, created.id) as Record<string, unknown>;
    expect(after.Комментарий).toBe('правка кассира');
    expect(JSON.stringify(after.КонтактнаяИнформация)).not.toContain('racing@example.ru');
  });

  it('detects edits, card assignments, deletion marks and physical deletions made in 1С', async () => {
    const first = await drain(null);
    expect(first.ids.length).toBeGreaterThan(20);
    const [a, b, c, d] = first.ids;
    f.sim.control.edit(PERSONS, a, { Description: 'Переименован В1С' });
    f.sim.control.create('Catalog_ИнформационныеКарты', { Description: '2999000000998', КодКарты: '2999000000998', ВладелецКарты: b, ВладелецКарты_Type: 'StandardODATA.Catalog_ФизическиеЛица', ДатаОткрытия: '2025-02-01T00:00:00' });
    f.sim.control.edit(PERSONS, c, { DeletionMark: true });
    f.sim.control.remove(PERSONS, d);
    const second = await drain(first.cursor);
    expect(second.ids.sort()).toEqual([a, b].sort());
    expect(second.deleted.sort()).toEqual([c, d].sort());
    const renamed = await f.connector.customer.get(a);
    expect(renamed?.data.fullName).toBe('Переименован В1С');
    expect((await f.connector.customer.get(b))?.data.cardNumber).toBe('2999000000998');
    const idle = await drain(second.cursor);
    expect(idle).toMatchObject({ ids: [], deleted: [] });
  });

  it('marks for deletion instead of deleting', async () => {
    const created = await f.connector.customer.create({ ...anna, cardNumber: null }, {});
    await f.connector.customer.markDeleted(created.id, { expectedVersion: created.version });
    expect(f.sim.control.get(PERSONS, created.id)).toMatchObject({ DeletionMark: true });
    expect((await f.connector.customer.get(created.id))?.deleted).toBe(true);
  });

  it("renames a person twice on one day: the second write patches today's ФИОФизЛиц record by its composite key", async () => {
    const petr: Customer = { kind: 'person', fullName: 'Первый Пётр Ильич', lastName: 'Первый', firstName: 'Пётр', middleName: 'Ильич', phones: [], emails: [], cardNumber: null };
    const created = await f.connector.customer.create(petr, {});
    const renamed = await f.connector.customer.update(created.id, { ...petr, fullName: 'Второй Пётр Ильич', lastName: 'Второй' }, { expectedVersion: created.version });
    expect(renamed.data).toMatchObject({ fullName: 'Второй Пётр Ильич', lastName: 'Второй' });
    // [unconf] key form: when 1С refuses the string form of the composite key value, the guid literal form is used.
    const patchByKey = vi.spyOn(f.connector.client, 'patchByKey');
    patchByKey.mockRejectedValueOnce(new OnecError('BAD_REQUEST', 'ключ', { httpStatus: 400, odataCode: '1' }));
    try {
      const again = await f.connector.customer.update(created.id, { ...petr, fullName: 'Третий Пётр Ильич', lastName: 'Третий' }, { expectedVersion: renamed.version });
      expect(again.data).toMatchObject({ fullName: 'Третий Пётр Ильич', lastName: 'Третий' });
      expect(patchByKey.mock.calls.map((c) => c[1])).toEqual([expect.stringContaining(`ФизЛицо='${created.id}'`), expect.stringContaining(`ФизЛицо=guid'${created.id}'`)]);
    } finally {
      patchByKey.mockRestore();
    }
    const records = f.sim.control.list('InformationRegister_ФИОФизЛиц').filter((r) => r.ФизЛицо === created.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ Фамилия: 'Третий', ФизЛицо_Type: 'StandardODATA.Catalog_ФизическиеЛица' });
  });
});

async function startRacingConnector(http: ReturnType<typeof axios.create>) {
  const { createOnecConnector } = await import('../connector');
  const { simOptions } = await import('../sim-fixture');
  return createOnecConnector({ url: f.sim.url, user: f.sim.user, password: f.sim.password }, simOptions(), { http, now: () => f.clock.now });
}
