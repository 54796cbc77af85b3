// Customers adapter against the portal simulator.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bitrix24Sim } from '../../../../e2e/simulators/bitrix24';
import type { Customer } from '../../../../shared/domain';
import { simContext, useSimulator } from '../testing/sim';
import { Bitrix24CustomerAdapter } from './customers';
import { planMultifield } from './multifield';

const SCALE = 0.01;
const useSim = useSimulator(SCALE);
let sim: Bitrix24Sim;
beforeEach(() => {
  sim = useSim();
});

const person = (over: Partial<Customer> = {}): Customer => ({
  kind: 'person', fullName: 'Иванова Анна Петровна', lastName: 'Иванова', firstName: 'Анна', middleName: 'Петровна',
  phones: ['+79161234567'], emails: ['anna@example.ru'], cardNumber: '2000001', ...over,
});

function adapter(opts = {}) {
  const ctx = simContext(sim, SCALE, opts);
  return { ctx, a: new Bitrix24CustomerAdapter(ctx) };
}

const phonesInPortal = (id: number) => ((sim.control.record('contact', id)?.PHONE as { ID: string; VALUE: string }[] | undefined) ?? []);

describe('planMultifield', () => {
  it('keeps equal values (normalised), reuses spare ids, deletes duplicates, adds the rest', () => {
    const norm = (v: string) => v.replace(/\D/g, '');
    const cur = [{ ID: '1', VALUE: '+7 (916) 111-11-11' }, { ID: '2', VALUE: '79161111111' }, { ID: '3', VALUE: '+79990000000' }];
    expect(planMultifield(cur, ['79161111111'], norm)).toEqual([{ ID: '2', DELETE: 'Y' }, { ID: '3', DELETE: 'Y' }]);
    expect(planMultifield(cur, ['79161111111', '79162222222', '79163333333'], norm)).toEqual([{ ID: '2', VALUE: '79162222222' }, { ID: '3', VALUE: '79163333333' }]);
    expect(planMultifield([], ['a'], norm)).toEqual([{ VALUE: 'a', VALUE_TYPE: 'WORK' }]);
    expect(planMultifield([{ ID: '9', VALUE: '+7 916 111 11 11' }], ['79161111111'], norm)).toEqual([]);
  });
});

describe('customers adapter', () => {
  it('creates the bonus-card field once, on contacts and companies', async () => {
    const { ctx } = adapter();
    const s = await ctx.setup();
    expect(s.createdFields).toEqual(['contact.UF_CRM_BONUS_CARD', 'company.UF_CRM_BONUS_CARD']);
    const again = await adapter().ctx.setup();
    expect(again.createdFields).toEqual([]);
    expect(sim.control.records('userField').filter((u) => u.FIELD_NAME === 'UF_CRM_BONUS_CARD')).toHaveLength(2);
  });

  it('creates a contact with ФИО, phones, e-mails, card and the 1С reference, and reads it back', async () => {
    const { a } = adapter();
    const rec = await a.create(person({ phones: ['8 916 123-45-67', '+7 495 000 00 00'] }), { externalRef: 'guid-1' });
    expect(rec.id).toMatch(/^C_\d+$/);
    expect(rec.data).toMatchObject({ kind: 'person', fullName: 'Иванова Анна Петровна', phones: ['+79161234567', '+74950000000'], emails: ['anna@example.ru'], cardNumber: '2000001' });
    const raw = sim.control.record('contact', Number(rec.id.slice(2)))!;
    expect(raw).toMatchObject({ LAST_NAME: 'Иванова', NAME: 'Анна', SECOND_NAME: 'Петровна', ORIGIN_ID: 'guid-1', ORIGINATOR_ID: 'onec-roznica' });
    expect((await a.findByExternalRef('guid-1'))?.id).toBe(rec.id);
    expect(rec.modifiedBy).toBe('1');
  });

  it('updates phones and e-mails by value ID: exactly the intended values remain, nothing duplicated', async () => {
    const { a } = adapter();
    const rec = await a.create(person({ phones: ['+79161111111', '+79162222222'], emails: ['a@x.ru', 'b@x.ru'] }), { externalRef: 'g2' });
    const id = Number(rec.id.slice(2));
    const keptId = phonesInPortal(id).find((p) => p.VALUE === '+79162222222')!.ID;
    // a person adds the same number again, written differently, plus another
    sim.control.personEdit({ entity: 'contact', id, fields: { PHONE: [{ VALUE: '8 (916) 222-22-22', VALUE_TYPE: 'MOBILE' }, { VALUE: '+79165555555' }] } });
    expect(phonesInPortal(id)).toHaveLength(4);
    const out = await a.update(rec.id, person({ phones: ['8 916 222 22 22', '+79163333333'], emails: ['B@x.ru'] }), {});
    const phones = phonesInPortal(id);
    expect(phones.map((p) => p.VALUE).sort()).toEqual(['+79162222222', '+79163333333']);
    expect(phones.find((p) => p.VALUE === '+79162222222')!.ID).toBe(keptId);
    expect(out.data.phones.sort()).toEqual(['+79162222222', '+79163333333']);
    expect(out.data.emails).toEqual(['b@x.ru']);
    expect(sim.control.record('contact', id)!.EMAIL).toHaveLength(1);
    // no change → no write
    sim.control.resetCalls();
    await a.update(rec.id, out.data, {});
    expect(sim.control.calls().executed['crm.contact.update']).toBeUndefined();
  });

  it('clears the card and refuses an invalid e-mail before calling the portal', async () => {
    const { a } = adapter();
    const rec = await a.create(person(), { externalRef: 'g3' });
    const cleared = await a.update(rec.id, person({ cardNumber: null }), {});
    expect(cleared.data.cardNumber).toBeNull();
    sim.control.resetCalls();
    await expect(a.update(rec.id, person({ emails: ['not-an-email'] }), {})).rejects.toMatchObject({ code: 'VALIDATION', userMessage: expect.stringContaining('not-an-email') });
    expect(sim.control.calls().httpRequests).toBe(0);
  });

  it('refuses to overwrite a record changed since the expected version', async () => {
    const { a } = adapter();
    const rec = await a.create(person(), { externalRef: 'g4' });
    sim.control.personEdit({ entity: 'contact', id: Number(rec.id.slice(2)), fields: { NAME: 'Анастасия' } });
    await expect(a.update(rec.id, person({ firstName: 'Аня' }), { expectedVersion: rec.version })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a lost response to a create followed by a retry leaves exactly one record', async () => {
    const { a } = adapter({ }, );
    sim.control.injectFault({ kind: 'lostResponse', method: 'crm.contact.add', times: 1 });
    const rec = await a.create(person(), { externalRef: 'g-lost' });
    expect(sim.control.counts().contact).toBe(1);
    expect(sim.control.calls().executed['crm.contact.add']).toBe(1);
    expect(rec.data.fullName).toBe('Иванова Анна Петровна');
    // and a rerun of the same create (crash before the link was saved) finds it too
    await a.create(person(), { externalRef: 'g-lost' });
    expect(sim.control.counts().contact).toBe(1);
  });

  it('companies: title, INN/KPP in a requisite, card', async () => {
    const { a } = adapter();
    const co: Customer = { kind: 'company', fullName: 'ООО «Ромашка»', phones: ['+74951112233'], emails: ['info@romashka.ru'], cardNumber: null, inn: '7701234567', kpp: '770101001' };
    const rec = await a.create(co, { externalRef: 'co-1' });
    expect(rec.id).toMatch(/^CO_\d+$/);
    expect(rec.data).toMatchObject({ kind: 'company', fullName: 'ООО «Ромашка»', inn: '7701234567', kpp: '770101001', cardNumber: null });
    const upd = await a.update(rec.id, { ...co, kpp: '770102002' }, {});
    expect(upd.data.kpp).toBe('770102002');
    expect(sim.control.records('requisite')).toHaveLength(1);
  });

  it('lists changes: everything first, nothing when idle (one request per entity), edits by a person, deletions', async () => {
    const { a, ctx } = adapter();
    const created = await Promise.all(Array.from({ length: 120 }, (_, i) => a.create(person({ fullName: `Клиент ${i}`, lastName: `Клиент${i}`, firstName: '', middleName: '', phones: [`+7916${String(1000000 + i)}`], emails: [], cardNumber: null }), { externalRef: `L${i}` })));
    const co = await a.create({ kind: 'company', fullName: 'ИП Петров', phones: [], emails: [], cardNumber: null }, { externalRef: 'co-L' });
    let page = await a.listChanges(null);
    const seen = new Set(page.records.map((r) => r.id));
    let cursor = page.nextCursor;
    while (page.hasMore) {
      page = await a.listChanges(cursor);
      page.records.forEach((r) => seen.add(r.id));
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(121);
    expect(page.records.every((r) => ctx.isOwnWrite(r.modifiedBy))).toBe(true);

    // An idle cycle: nothing changed since the overlap window → one request for contacts and companies together.
    const quiet = new Bitrix24CustomerAdapter(simContext(sim, SCALE, { changes: { overlapSec: 1, deletionScanIntervalMs: 3_600_000, pageSize: 500 } }));
    await new Promise((r) => setTimeout(r, 2100));
    const idle = await quiet.listChanges(cursor); // re-reads the last second before the previous sweep: nothing new
    expect(idle.records).toHaveLength(0);
    sim.control.resetCalls();
    const idle2 = await quiet.listChanges(idle.nextCursor);
    expect(idle2.records).toHaveLength(0);
    expect(sim.control.calls().httpRequests).toBe(1);
    cursor = idle2.nextCursor;

    const target = Number(created[5].id.slice(2));
    sim.control.personEdit({ entity: 'contact', id: target, fields: { NAME: 'Пётр' } });
    sim.control.personDelete({ entity: 'contact', id: Number(created[7].id.slice(2)) });
    sim.control.personDelete({ entity: 'company', id: Number(co.id.slice(3)) });
    const deleter = new Bitrix24CustomerAdapter(simContext(sim, SCALE, { changes: { overlapSec: 1, deletionScanIntervalMs: 0, pageSize: 500 } }));
    const after = await deleter.listChanges(cursor);
    expect(after.records.map((r) => r.id)).toEqual([created[5].id]);
    expect(after.records[0].modifiedBy).toBe('7');
    expect(ctx.isOwnWrite(after.records[0].modifiedBy)).toBe(false);
    expect(after.deletedIds.sort()).toEqual([created[7].id, co.id].sort());
  });

  it('never misses a change made behind the cursor during a sweep', async () => {
    const { a } = adapter({ changes: { overlapSec: 60, deletionScanIntervalMs: 3_600_000, pageSize: 50 } });
    const made = await Promise.all(Array.from({ length: 150 }, (_, i) => a.create(person({ fullName: `К ${i}`, lastName: `К${i}`, firstName: '', middleName: '', phones: [], emails: [], cardNumber: null }), { externalRef: `S${i}` })));
    let page = await a.listChanges(null);
    let cursor = page.nextCursor;
    while (page.hasMore) {
      page = await a.listChanges(cursor);
      cursor = page.nextCursor;
    }
    // next sweep, first page read; then a record already passed is edited, and one far ahead
    page = await a.listChanges(cursor);
    cursor = page.nextCursor;
    sim.control.personEdit({ entity: 'contact', id: Number(made[0].id.slice(2)), fields: { NAME: 'Раз' } });
    sim.control.personEdit({ entity: 'contact', id: Number(made[149].id.slice(2)), fields: { NAME: 'Два' } });
    const got = new Map<string, string>();
    for (let i = 0; i < 10; i++) {
      page = await a.listChanges(cursor);
      cursor = page.nextCursor;
      page.records.forEach((r) => got.set(r.id, r.data.firstName ?? ''));
    }
    expect(got.get(made[0].id)).toBe('Раз');
    expect(got.get(made[149].id)).toBe('Два');
  });
});
